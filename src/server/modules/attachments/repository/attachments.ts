// Attachments (licence scans, authorisation documents, paper consents): bytes in PostgreSQL
// (bytea), place-owned like their owner. Every read goes through inScope.
import { sql } from 'kysely';
import { inScope, type Scope, type ScopeRef, scopedKey, type ScopedKey, type SystemScope } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type AttachmentKey = ScopedKey<'attachments'>;

/** Officials reach the attachments of their divisions; a person the files they uploaded (seeker-kind scopes, by account). */
const ATTACHMENT_SCOPE: ScopeRef = { division: 'a.division_code', id: 'a.id', table: 'attachments', owner: { account: 'a.uploaded_by' } };

export type NewAttachment = {
  division_code: string;
  kind: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number;
  created_at: Date;
  retain_until: string;
};

/** Stores a file; returns its key. */
export async function insertAttachment(db: Executor, row: NewAttachment) {
  const r = await db.insertInto('attachments').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  return scopedKey('attachments', r);
}

const meta = ['a.division_code', 'a.id', 'a.kind', 'a.owner_table', 'a.owner_id', 'a.media_type', 'a.size_bytes', 'a.sha256', 'a.uploaded_by', 'a.created_at'] as const;

/** One attachment's description in scope (no bytes), or undefined. */
export async function findAttachment(db: Executor, scope: Scope, id: number) {
  const row = await db.selectFrom('attachments as a').select([...meta, sql<string>`a.retain_until::text`.as('retain_until')]).where(inScope(scope, ATTACHMENT_SCOPE)).where('a.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('attachments', row) };
}

/** The bytes of an attachment a scoped read returned. */
export async function attachmentContent(db: Executor, key: AttachmentKey) {
  const r = await db.selectFrom('attachments').select('content').where('division_code', '=', key.division_code).where('id', '=', key.id).executeTakeFirstOrThrow();
  return r.content;
}

/** Ties an attachment to the row it documents (table and id); only while it is tied to none. Returns whether it was tied. */
export async function attachTo(db: Executor, key: AttachmentKey, owner: { table: string; id: number }) {
  const r = await db
    .updateTable('attachments')
    .set({ owner_table: owner.table, owner_id: owner.id })
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('owner_table', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes attachments whose retention ended before `today` (Beijing date), and those tied to no row that came before `unusedBefore`, in every division; returns them. */
export async function purgeExpired(db: Executor, _why: SystemScope, today: string, unusedBefore: Date) {
  return db
    .deleteFrom('attachments')
    .where((eb) => eb.or([eb('retain_until', '<', sql<Date>`${today}::date`), eb.and([eb('owner_table', 'is', null), eb('created_at', '<', unusedBefore)])]))
    .returning(['division_code', 'id', 'kind'])
    .execute();
}

/** Attachments a person uploaded, in every division (personal-data requests): descriptions only. */
export async function attachmentsOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return db.selectFrom('attachments as a').select([...meta]).where('a.uploaded_by', 'in', [...accountIds]).orderBy('a.id').execute();
}

/** Deletes attachments by key (personal-data erasure); returns how many. */
export async function deleteAttachments(db: Executor, keys: readonly AttachmentKey[]) {
  let n = 0;
  for (const k of keys) n += Number((await db.deleteFrom('attachments').where('division_code', '=', k.division_code).where('id', '=', k.id).executeTakeFirst()).numDeletedRows);
  return n;
}
