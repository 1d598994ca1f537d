// The attachments module's public surface: what routes and other modules may call.
export { attachToOwner, describe, findUsable, MAX_ATTACHMENT_BYTES, purgeExpiredAttachments, read, RETENTION_DAYS, upload } from './attachments.service.ts';
export { attachmentsPersonalData } from './personal-data.ts';
