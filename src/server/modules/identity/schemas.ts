import { z } from 'zod';
import { ROLES } from '../../../shared/roles.ts';
import { isMainlandMobile } from '../../../shared/checksums.ts';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const phoneField = z.string().trim().refine(isMainlandMobile, { message: 'invalid_phone' });

export const smsCodeBody = z.object({ phone: phoneField });

export const smsLoginBody = z.object({
  phone: phoneField,
  code: z.string().regex(/^\d{6}$/),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const meResponse = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  /** Officials: the division-code prefix they oversee; agency and employer roles: `agency:<id>` / `employer:<id>`; job seekers: `self`. */
  scope: z.string(),
  displayName: z.string(),
  divisionCode: z.string().nullable(),
  agencyId: z.number().int().optional(),
  employerId: z.number().int().optional(),
});

export type MeResponse = z.infer<typeof meResponse>;
