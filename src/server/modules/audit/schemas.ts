import { z } from 'zod';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { label } from '../../platform/labels.ts';

export const auditQuery = z.object({ ...pageQuery, action: label(z.string().max(100), '操作', 'action').optional() });

export const auditEntry = z.object({
  divisionCode: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export const auditPage = pageOf(auditEntry);
