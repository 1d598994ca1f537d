import { z } from 'zod';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { text } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

export const auditQuery = z.object({ ...pageQuery, action: label(text(100, { optional: true }), '操作', 'action').optional() });

export const auditEntry = z.object({
  divisionCode: z.string(),
  id: z.number().int().describe('entry id, unique within its division'),
  chained: z.boolean().describe('linked into its division\'s hash chain yet (the appender does so right after commit)'),
  seq: z.number().int().nullable().describe('position in the division\'s hash chain; null until chained'),
  at: z.string(),
  actor: z.string().nullable().describe('the actor\'s login name; null when there was none or it was erased'),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable().describe('null when there was none or it identified a person and was erased'),
  outcome: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable().describe('null when unknown or erased'),
  personalErased: z.boolean().describe('the personal fields (actor, ip, a person as target, detail) were erased (PIPL art. 47)'),
});
export const auditPage = pageOf(auditEntry);
