// Attachments (issue 9, "People who sign up"; decision 0035): files the platform keeps — licence
// scans, employers' authorisations of agencies, paper consents — stored in PostgreSQL (bytea) with
// size and type limits, the type sniffed from the bytes; placed in a county like their owner; every
// read audited; deleted when their retention ends.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor, RequestContext } from '../../actor.ts';
import { type Scope, systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { type Caller, command, SYSTEM_CALLER } from '../../platform/command.ts';
import { addDays, beijingDate } from '../../../shared/beijing-day.ts';
import { isOfficial } from '../../../shared/roles.ts';
import * as reference from '../reference/service.ts';
import * as repo from './repository/attachments.ts';
import { ATTACHMENT_TYPES, type AttachmentKind } from './schemas.ts';

/** The largest file kept: 5 MiB (a licence scanned at 300 dpi as a JPEG is well under 2 MiB). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * Days a file is kept after upload, by kind: licence scans and employers' authorisations 3 years
 * (the decision they support is reviewable that long: 行政许可 files, 人力资源市场暂行条例 art. 26
 * records), paper consents 3 years (the prevention issue's consents; PIPL art. 19: no longer than
 * needed). The registration or grant row stays; its link to the file is cleared.
 */
export const RETENTION_DAYS: Readonly<Record<AttachmentKind, number>> = { business_licence: 1096, employer_authorisation: 1096, paper_consent: 1096 };

/**
 * The kinds each uploading role may store (routes.ts `uploaders`): a licence scan by a person
 * registering an employer (any signed-in seeker, or an employer registering another), an
 * authorisation of an agency by an employer (人力资源市场暂行条例 art. 26), a paper consent by an
 * agency. Any other pairing is refused (400 naming kind), so nobody files what no row of theirs
 * can use.
 */
export const UPLOAD_KINDS: Readonly<Record<'seeker' | 'employer' | 'agency_admin', readonly AttachmentKind[]>> = {
  seeker: ['business_licence'],
  employer: ['business_licence', 'employer_authorisation'],
  agency_admin: ['paper_consent'],
};

/** Hours an upload may stay tied to no row (a registration or grant never sent) before the retention job deletes it. */
export const UNUSED_UPLOAD_HOURS = 24;

/** Officials by their reach; everyone else by the files their own account uploaded (wherever they are), plus their grants. */
function attachmentScope(actor: Actor): Scope {
  return isOfficial(actor.role) ? actor.scope : { kind: 'seeker', accountId: actor.accountId, grants: actor.scope.kind === 'system' ? [] : actor.scope.grants };
}

function present(r: { id: number; division_code: string; kind: string; media_type: string; size_bytes: number; sha256: string; created_at: Date; retain_until: string }) {
  return {
    id: r.id,
    divisionCode: r.division_code,
    kind: r.kind as AttachmentKind,
    mediaType: r.media_type as (typeof ATTACHMENT_TYPES)[number],
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    createdAt: r.created_at.toISOString(),
    retainUntil: r.retain_until,
  };
}

/**
 * Stores an uploaded file (`body`: the raw bytes) of `kind` in the county `divisionCode` (where its
 * owner will be: the registering employer's county). Its type is sniffed from the bytes with
 * file-type; only PDF, JPEG and PNG are kept (415 attachment_type_refused otherwise, whatever the
 * name or Content-Type said); empty: 400; over MAX_ATTACHMENT_BYTES: 413. The kind must be one the
 * actor's role uploads (UPLOAD_KINDS; 400 naming kind); the county must exist, be active and lie in
 * the configured province, and for an authorisation or paper consent be the uploader's own (400
 * naming divisionCode). Audited (attachments.upload). Returns its description.
 */
export async function upload(deps: Deps, actor: Actor, input: { kind: AttachmentKind; divisionCode: string }, body: Buffer, ctx: RequestContext) {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('attachment_empty');
  if (body.length > MAX_ATTACHMENT_BYTES) throw new AppError('attachment_too_large', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
  const sniffed = await fileTypeFromBuffer(body);
  if (!sniffed || !(ATTACHMENT_TYPES as readonly string[]).includes(sniffed.mime)) throw new AppError('attachment_type_refused');
  if (!(UPLOAD_KINDS[actor.role as keyof typeof UPLOAD_KINDS] ?? []).includes(input.kind)) throw fieldError('kind', 'attachment_kind_not_yours');
  const check = await reference.checkDivision(deps, input.divisionCode);
  if (!check.ok) throw fieldError('divisionCode', check.key, check.params);
  if (check.division.level !== 'county') throw fieldError('divisionCode', 'not_a_county', { code: input.divisionCode });
  // a county of this province (its bureau approves the registration); an authorisation or paper
  // consent belongs to the uploader's own county, where the row that will use it is
  if (check.division.province_code !== deps.config.province) throw fieldError('divisionCode', 'division_not_in_province', { province: deps.config.province });
  if (input.kind !== 'business_licence' && input.divisionCode !== actor.divisionCode) throw fieldError('divisionCode', 'attachment_own_county_only');
  const now = deps.clock.now();
  const row = {
    division_code: input.divisionCode,
    kind: input.kind,
    media_type: sniffed.mime,
    size_bytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    content: body,
    uploaded_by: actor.accountId,
    created_at: now,
    retain_until: addDays(beijingDate(now), RETENTION_DAYS[input.kind]),
  };
  const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const k = await repo.insertAttachment(tx, row);
    audit({ action: 'attachments.upload', divisionCode: k.division_code, targetType: 'attachment', targetId: k.id, detail: { kind: input.kind, mediaType: sniffed.mime, sizeBytes: body.length } });
    return k;
  });
  return present({ ...row, id: key.id });
}

/** An attachment's description in the caller's scope (officials of its county and above; its uploader); 404 otherwise. Not audited (no content). */
export async function describe(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findAttachment(deps.db, attachmentScope(actor), id);
  if (!row) throw notFound();
  return present(row);
}

/** The file itself, for a caller in scope; every read is audited (attachments.read) in the reader's county. Returns the bytes and the sniffed type. */
export async function read(deps: Deps, actor: Actor, id: number, ctx: RequestContext) {
  const row = await repo.findAttachment(deps.db, attachmentScope(actor), id);
  if (!row) throw notFound();
  const content = await repo.attachmentContent(deps.db, row.key);
  await command(deps, { actor, ctx }, async ({ audit }) => {
    audit({ action: 'attachments.read', divisionCode: row.division_code, targetType: 'attachment', targetId: row.id, detail: { kind: row.kind } });
  });
  return { content, mediaType: row.media_type };
}

/**
 * For other modules, inside their command: the attachment `id` as `actor` may use it for a new row
 * in `divisionCode` — in scope (the uploader's own, or an official's), of `kind`, in that county and
 * tied to no row yet — then ties it to `owner`. 400 naming `field` otherwise. Returns its id.
 */
export async function attachToOwner(deps: Deps, actor: Actor, input: { id: number; kind: AttachmentKind; divisionCode: string; field: string }, owner: { table: string; id: number }) {
  const row = await repo.findAttachment(deps.db, attachmentScope(actor), input.id);
  if (!row || row.kind !== input.kind || row.division_code !== input.divisionCode || row.owner_table !== null) throw fieldError(input.field, 'attachment_unusable');
  if (!(await repo.attachTo(deps.db, row.key, owner))) throw fieldError(input.field, 'attachment_unusable');
  return row.id;
}

/** The attachment `id`'s description for another module's check before it writes (null when out of scope or missing). */
export async function findUsable(deps: Deps, actor: Actor, id: number, kind: AttachmentKind, divisionCode: string) {
  const row = await repo.findAttachment(deps.db, attachmentScope(actor), id);
  return row && row.kind === kind && row.division_code === divisionCode && row.owner_table === null ? row : null;
}

const PURGE = systemScope('retention: attachments past their keeping period, in every division');

/**
 * The retention job: deletes every attachment whose retain_until is before today (Beijing), and
 * every upload tied to no row UNUSED_UPLOAD_HOURS after it came (PIPL art. 19: kept no longer than
 * its purpose needs, and an upload never used has none); audited per division. Returns how many.
 */
export async function purgeExpiredAttachments(deps: Deps, caller: Caller = SYSTEM_CALLER): Promise<number> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  return command(deps, caller, async ({ tx, audit }) => {
    const gone = await repo.purgeExpired(tx, PURGE, today, new Date(now.getTime() - UNUSED_UPLOAD_HOURS * 3_600_000));
    for (const d of new Set(gone.map((g) => g.division_code))) {
      audit({ action: 'attachments.purge', divisionCode: d, targetType: 'division', targetId: d, detail: { attachments: gone.filter((g) => g.division_code === d).length } });
    }
    return gone.length;
  });
}
