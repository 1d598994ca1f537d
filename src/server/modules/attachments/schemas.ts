// Attachments: request and response shapes; the retention job's contract.
import { z } from 'zod';
import { pathId } from '../../http/bodies.ts';
import { defineJobContract } from '../../jobs/contract.ts';
import { divisionCode } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

/** What an attachment documents: an employer's licence scan, an employer's authorisation of an agency (人力资源市场暂行条例 第二十六条), a paper consent. */
export const ATTACHMENT_KINDS = ['business_licence', 'employer_authorisation', 'paper_consent'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
/** The types accepted, as sniffed from the bytes (file-type), never from the name or Content-Type. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** Content types an upload may be sent as (the body is the raw file). */
export const UPLOAD_CONTENT_TYPES = ['application/octet-stream', ...ATTACHMENT_TYPES];

export const uploadQuery = z.object({
  kind: label(z.enum(ATTACHMENT_KINDS), '附件类型', 'attachment kind'),
  divisionCode: label(divisionCode(), '所属县（市、区）', 'county'),
});
export const idParam = z.object({ id: label(pathId, '编号', 'id') });

export const attachment = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  kind: z.enum(ATTACHMENT_KINDS),
  mediaType: z.enum(ATTACHMENT_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  retainUntil: z.string(),
});

/** Daily at 03:00 Beijing time: deletes attachments past their retention. */
export const purgeAttachmentsContract = defineJobContract({ name: 'attachments.purge-expired', schema: z.object({}).passthrough(), cron: '0 3 * * *', queue: { retryLimit: 3, expireInSeconds: 600 } });
