// Staff rosters (员工花名册): kept by the agency's administrator (one by one or by Excel import,
// all-or-nothing), read by the bureaus above it. ID numbers are encrypted at rest, matched by a
// keyed hash, shown masked.
import { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, notFound, type RawDetail } from '../../http/errors.ts';
import { cursorPart, decodeCursor, fetchAllPages, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { citizenIdProblem } from '../../platform/fields.ts';
import { maskCitizenId } from '../../../shared/checksums.ts';
import * as identity from '../identity/service.ts';
import { mayManageRoster } from './access.ts';
import { getAgencyRow } from './agencies.service.ts';
import { presentStaff } from './presenters.ts';
import type { AgencyKey } from './repository/agencies.ts';
import { isUniqueViolation } from './repository/common.ts';
import * as repo from './repository/staff.ts';
import type * as s from './schemas.ts';

export type StaffInput = z.infer<typeof s.staffCreate>;

/**
 * Minimum working age: 劳动法 第十五条 and 禁止使用童工规定 第二条 forbid employing anyone under 16,
 * so a roster (form or sheet) refuses an ID number whose holder is younger on the server's today.
 */
export const STAFF_MIN_AGE = 16;

/** The problem with a staff member's ID number on `deps.clock`'s today (a birth date after today, under STAFF_MIN_AGE), or null. */
const staffIdProblem = (deps: Deps, idNumber: string) => citizenIdProblem(idNumber, deps.clock.now(), { minAge: STAFF_MIN_AGE });

/** The agency whose roster the actor may change (its own administrator only), else 404. */
async function agencyForRosterWrite(deps: Deps, actor: Actor, agencyId: number) {
  const row = await getAgencyRow(deps, actor.scope, agencyId);
  if (!mayManageRoster(actor, row.id)) throw notFound();
  return row;
}

export async function listStaff(deps: Deps, actor: Actor, agencyId: number, q: z.infer<typeof s.staffQuery>) {
  const agency = await getAgencyRow(deps, actor.scope, agencyId);
  const after = decodeCursor(q.cursor, z.tuple([cursorPart.id]));
  const rows = await repo.listStaff(deps.db, agency.key, q, { limit: q.limit, after });
  return toPage(rows, q.limit, presentStaff, (r) => [r.id]);
}

/** The whole roster for an Excel export (masked); the export is audited. */
export async function exportStaff(deps: Deps, actor: Actor, agencyId: number, ctx: RequestContext) {
  const agency = await getAgencyRow(deps, actor.scope, agencyId);
  const rows = await fetchAllPages((after: [number] | undefined, limit) => repo.listStaff(deps.db, agency.key, {}, { limit, after }), (r) => [r.id] as [number]);
  await command(deps, { actor, ctx }, async ({ audit }) =>
    audit({ action: 'registry.staff.export', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { rows: rows.length } }),
  );
  return { agency, rows: rows.map(presentStaff) };
}

/** A roster row as identity makes it a staff membership (identity.admitRosterRows). */
const rosterRow = (agency: AgencyKey, staffId: number, input: { name: string; phone: string; idNumber: string | null }): identity.RosterRow => ({
  divisionCode: agency.division_code,
  agencyId: agency.id,
  staffId,
  name: input.name,
  phone: input.phone,
  idNumber: input.idNumber,
});

function staffRow(deps: Deps, agency: AgencyKey, input: StaffInput, now: Date): repo.NewStaffRow {
  return {
    division_code: agency.division_code,
    agency_id: agency.id,
    name: input.name,
    phone: input.phone,
    id_number_enc: deps.crypto.encrypt(input.idNumber),
    id_number_hash: deps.crypto.keyedHash(input.idNumber),
    id_number_masked: maskCitizenId(input.idNumber),
    position: input.position,
    created_at: now,
    updated_at: now,
  };
}

export async function addStaff(deps: Deps, actor: Actor, agencyId: number, input: StaffInput, ctx: RequestContext) {
  const agency = await agencyForRosterWrite(deps, actor, agencyId);
  const problem = staffIdProblem(deps, input.idNumber);
  if (problem) throw fieldError('idNumber', problem.key, problem.params);
  if ((await identity.rosterPhoneConflicts(deps, [input])).length) throw fieldError('phone', 'phone_of_another_person');
  try {
    const id = await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
      const [newId] = await repo.insertStaff(tx, [staffRow(deps, agency.key, input, deps.clock.now())]);
      const memberships = await identity.admitRosterRows(inTx, [rosterRow(agency.key, newId as number, input)], actor.accountId);
      audit({ action: 'registry.staff.create', divisionCode: agency.division_code, targetType: 'agency_staff', targetId: newId, detail: { memberships } });
      return newId as number;
    });
    const row = await repo.findStaff(deps.db, agency.key, id);
    return presentStaff(row as repo.StaffRow);
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('idNumber', 'duplicate_id_number');
    throw e;
  }
}

export async function updateStaff(deps: Deps, actor: Actor, agencyId: number, staffId: number, input: z.infer<typeof s.staffUpdate>, ctx: RequestContext) {
  const agency = await agencyForRosterWrite(deps, actor, agencyId);
  const existing = await repo.findStaff(deps.db, agency.key, staffId);
  if (!existing) throw notFound();
  // the row's ID number, when its sign-in may move: a new phone must not name another person, and
  // the phone's person keeps the ID tail on file (the dormant-number check)
  const admits = input.status === 'active' || input.phone !== undefined;
  const idNumber = admits ? await repo.idNumberOf(deps.db, existing.key, (enc) => deps.crypto.decrypt(enc)) : null;
  if (input.phone !== undefined && input.phone !== existing.phone) {
    if ((await identity.rosterPhoneConflicts(deps, [{ phone: input.phone, idNumber }])).length) throw fieldError('phone', 'phone_of_another_person');
  }
  await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
    await repo.updateStaff(tx, existing.key, { ...input, updated_at: deps.clock.now() });
    const status = input.status ?? existing.status;
    // a departed row loses its sign-in; a row back at work, or with a new phone, gets it (again)
    const memberships = status === 'left'
      ? await identity.departRosterRow(inTx, existing.division_code, existing.id)
      : admits
        ? await identity.admitRosterRows(inTx, [rosterRow(agency.key, existing.id, { name: existing.name, phone: input.phone ?? existing.phone, idNumber })], actor.accountId)
        : 0;
    audit({ action: 'registry.staff.update', divisionCode: agency.division_code, targetType: 'agency_staff', targetId: staffId, detail: { fields: Object.keys(input), memberships } });
  });
  return presentStaff((await repo.findStaff(deps.db, agency.key, staffId)) as repo.StaffRow);
}

/**
 * Inserts a whole validated roster in one transaction: every row or none (400 import_failed naming
 * rows). Each row's ID number is checked on today's date as a form is (staffIdProblem), and against
 * the roster already stored; every problem is listed by row and column.
 */
export async function importStaff(deps: Deps, actor: Actor, agencyId: number, inputs: { rowNumber: number; input: StaffInput }[], ctx: RequestContext) {
  const agency = await agencyForRosterWrite(deps, actor, agencyId);
  const hashes = inputs.map((r) => deps.crypto.keyedHash(r.input.idNumber));
  const taken = await repo.existingIdHashes(deps.db, agency.key, hashes);
  const errors: RawDetail[] = [];
  const conflicts = new Set(await identity.rosterPhoneConflicts(deps, inputs.map((r) => r.input)));
  const firstRowOfPhone = new Map<string, { row: number; hash: string }>();
  inputs.forEach((r, i) => {
    const problem = staffIdProblem(deps, r.input.idNumber);
    if (problem) errors.push({ row: r.rowNumber, column: '身份证号', key: problem.key, ...(problem.params ? { params: problem.params } : {}) });
    else if (taken.has(hashes[i] as string)) errors.push({ row: r.rowNumber, column: '身份证号', key: 'duplicate_id_number' });
    // one phone, one person: two rows of the file with one phone and two ID numbers are two people
    const first = firstRowOfPhone.get(r.input.phone);
    if (!first) firstRowOfPhone.set(r.input.phone, { row: r.rowNumber, hash: hashes[i] as string });
    else if (first.hash !== hashes[i]) errors.push({ row: r.rowNumber, column: '手机号', key: 'duplicate_phone_in_file', params: { row: first.row } });
    if (conflicts.has(i)) errors.push({ row: r.rowNumber, column: '手机号', key: 'phone_of_another_person' });
  });
  if (errors.length) throw new AppError('import_failed', { count: errors.length }, errors);
  const now = deps.clock.now();
  try {
    await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
      const ids = await repo.insertStaff(tx, inputs.map((r) => staffRow(deps, agency.key, r.input, now)));
      // a phone that already belongs to a person adds a membership to them: never a failed import
      const memberships = await identity.admitRosterRows(inTx, inputs.map((r, i) => rosterRow(agency.key, ids[i] as number, r.input)), actor.accountId);
      audit({ action: 'registry.staff.import', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { rows: inputs.length, memberships } });
    });
  } catch (e) {
    // the same ID added by someone else between the check above and this insert
    if (isUniqueViolation(e)) throw new AppError('import_failed', { count: 1 }, [{ field: 'file', column: '身份证号', key: 'duplicate_id_number' }]);
    throw e;
  }
  return inputs.length;
}
