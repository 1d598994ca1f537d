// Registry rules: who may register and change agencies, staff and employers, and where.
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import type { Scope } from '../../db/scope.ts';
import { AppError, fieldError, notFound, type RawDetail } from '../../http/errors.ts';
import { decodeCursor, fetchAllPages, toPage } from '../../http/pagination.ts';
import { maskCitizenId, maskPhone } from '../../../shared/checksums.ts';
import { levelOf, toFullCode, withinScope } from '../../../shared/division.ts';
import { isOfficial } from '../../../shared/roles.ts';
import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';

type Ctx = RequestContext;
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';
const divisionCursor = z.tuple([z.string(), z.number()]);

// divisions and code tables ------------------------------------------------------------------

export async function listDivisions(deps: Deps, parent: string | undefined) {
  if (!parent) {
    const province = await repo.findDivision(deps.db, '530000');
    return province ? [province] : [];
  }
  return repo.childDivisions(deps.db, toFullCode(parent));
}

export const listIndustries = (deps: Deps, parent: string | undefined) => repo.industriesUnder(deps.db, parent ?? null);
export const listOccupations = (deps: Deps, parent: string | undefined) => repo.occupationsUnder(deps.db, parent ?? null);
export const listEducationLevels = (deps: Deps) => repo.educationLevels(deps.db);

/** The code one level up: '2-02-01' → '2-02'; a major group ('2') has none. */
const occupationParent = (code: string) => (code.includes('-') ? code.slice(0, code.lastIndexOf('-')) : null);

/**
 * Upserts occupation rows (the full 大典 or a subtree). Every parent must be in the file or the
 * table already, and a given parent must be the code's own; any bad row rejects the whole file.
 */
export async function importOccupations(deps: Deps, actor: Actor | null, rows: { code: string; name: string; parent?: string | null }[], ctx: Ctx | null) {
  const errors: RawDetail[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((r, i) => {
    const first = firstRow.get(r.code);
    if (first !== undefined) errors.push({ row: i + 1, column: 'code', key: 'duplicate_in_file', params: { row: first } });
    else firstRow.set(r.code, i + 1);
  });
  const needed = [...new Set(rows.map((r) => occupationParent(r.code)).filter((p): p is string => p !== null && !firstRow.has(p)))];
  const known = await repo.knownOccupationCodes(deps.db, needed);
  rows.forEach((r, i) => {
    const own = occupationParent(r.code);
    if (r.parent && r.parent !== own) errors.push({ row: i + 1, column: 'parent', key: 'occupation_parent_mismatch', params: { parent: own ?? '—' } });
    else if (own && !firstRow.has(own) && !known.has(own)) errors.push({ row: i + 1, column: 'parent', key: 'unknown_occupation_parent', params: { parent: own } });
  });
  if (errors.length) throw new AppError(400, 'import_failed', { count: errors.length }, errors.sort((x, y) => (x.row ?? 0) - (y.row ?? 0)));
  const values = rows
    .map((r) => ({ code: r.code, name: r.name, level: r.code.split('-').length, parent_code: occupationParent(r.code) }))
    .sort((x, y) => x.level - y.level);
  await deps.db.transaction().execute(async (tx) => {
    await repo.upsertOccupations(tx, values);
    await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.occupations.import', divisionCode: '530000', targetType: 'occupations', detail: { rows: values.length } });
  });
  return values.length;
}

// agencies -----------------------------------------------------------------------------------

/** Officials and the agency itself see contact numbers in full on a detail page; lists mask them. */
function presentAgency(r: repo.AgencyRow, opts: { unmasked: boolean }) {
  return {
    id: r.id,
    name: r.name,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    kind: r.kind as 'public' | 'commercial',
    licenceNo: r.licence_no,
    creditCode: r.credit_code,
    address: r.address,
    responsiblePerson: r.responsible_person,
    responsiblePhone: opts.unmasked ? r.responsible_phone : maskPhone(r.responsible_phone),
    status: r.status as 'active' | 'suspended' | 'closed',
    staffCount: r.staff_count ?? 0,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listAgencies(deps: Deps, actor: Actor, q: z.infer<typeof s.agenciesQuery>) {
  const after = decodeCursor(q.cursor, divisionCursor);
  const rows = await repo.listAgencies(deps.db, actor.scope, q, { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentAgency(r, { unmasked: false }), (r) => [r.division_code, r.id]);
}

function allAgencies(deps: Deps, actor: Actor, q: repo.AgencyFilter) {
  return fetchAllPages<repo.AgencyRow, [string, number]>(
    (after, limit) => repo.listAgencies(deps.db, actor.scope, q, { limit, after }),
    (r) => [r.division_code, r.id],
  );
}

/** Every agency in scope for an export; the export itself is audited. */
export async function exportAgencies(deps: Deps, actor: Actor, q: repo.AgencyFilter, ctx: Ctx) {
  const rows = await allAgencies(deps, actor, q);
  await deps.db.transaction().execute((tx) =>
    recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.agency.export', targetType: 'agencies', detail: { rows: rows.length, filter: q } }),
  );
  return rows;
}

export async function getAgencyRow(deps: Deps, scope: Scope, id: number) {
  const row = await repo.findAgency(deps.db, scope, id);
  if (!row) throw notFound();
  return row;
}

export async function getAgency(deps: Deps, actor: Actor, id: number) {
  return presentAgency(await getAgencyRow(deps, actor.scope, id), { unmasked: true });
}

/** A county in the actor's jurisdiction, or a field error naming `divisionCode`. */
async function requireCountyInScope(deps: Deps, actor: Actor, code: string) {
  const d = await repo.findDivision(deps.db, code);
  if (d?.level !== 'county') throw fieldError('divisionCode', d ? 'division_not_county' : 'invalid_division_code');
  if (!withinScope(actor.scope.prefix, code)) throw fieldError('divisionCode', 'division_out_of_scope');
  return d;
}

export async function createAgency(deps: Deps, actor: Actor, input: z.infer<typeof s.agencyCreate>, ctx: Ctx) {
  await requireCountyInScope(deps, actor, input.divisionCode);
  const now = deps.clock.now();
  try {
    const key = await deps.db.transaction().execute(async (tx) => {
      const k = await repo.insertAgency(tx, {
        division_code: input.divisionCode,
        name: input.name,
        kind: input.kind,
        licence_no: input.licenceNo,
        credit_code: input.creditCode,
        address: input.address,
        responsible_person: input.responsiblePerson,
        responsible_phone: input.responsiblePhone,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.agency.create', divisionCode: k.division_code, targetType: 'agency', targetId: k.id, detail: { name: input.name } });
      return k;
    });
    return getAgency(deps, actor, key.id);
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('creditCode', 'duplicate_credit_code');
    throw e;
  }
}

export async function updateAgency(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.agencyUpdate>, ctx: Ctx) {
  const row = await getAgencyRow(deps, actor.scope, id);
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateAgency(tx, row, {
      ...(input.status ? { status: input.status } : {}),
      ...(input.address ? { address: input.address } : {}),
      ...(input.responsiblePerson ? { responsible_person: input.responsiblePerson } : {}),
      ...(input.responsiblePhone ? { responsible_phone: input.responsiblePhone } : {}),
      updated_at: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.agency.update', divisionCode: row.division_code, targetType: 'agency', targetId: id, detail: { fields: Object.keys(input) } });
  });
  return getAgency(deps, actor, id);
}

// staff --------------------------------------------------------------------------------------

function presentStaff(r: repo.StaffRow) {
  return {
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    phone: maskPhone(r.phone),
    idNumber: r.id_number_masked,
    position: r.position,
    status: r.status as 'active' | 'left',
    createdAt: r.created_at.toISOString(),
  };
}

/** The agency an actor may manage the roster of: the agency's own administrator only. */
async function agencyForRosterWrite(deps: Deps, actor: Actor, agencyId: number) {
  const row = await getAgencyRow(deps, actor.scope, agencyId);
  if (actor.role !== 'agency_admin' || actor.agencyId !== row.id) throw notFound();
  return row;
}

export async function listStaff(deps: Deps, actor: Actor, agencyId: number, q: z.infer<typeof s.staffQuery>) {
  const agency = await getAgencyRow(deps, actor.scope, agencyId);
  const after = decodeCursor(q.cursor, z.tuple([z.number()]));
  const rows = await repo.listStaff(deps.db, agency, q, { limit: q.limit, after: after?.[0] });
  return toPage(rows, q.limit, presentStaff, (r) => [r.id]);
}

export async function exportStaff(deps: Deps, actor: Actor, agencyId: number, ctx: Ctx) {
  const agency = await getAgencyRow(deps, actor.scope, agencyId);
  const rows = await fetchAllPages((after: number | undefined, limit) => repo.listStaff(deps.db, agency, {}, { limit, after }), (r) => r.id);
  await deps.db.transaction().execute((tx) =>
    recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.staff.export', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { rows: rows.length } }),
  );
  return { agency, rows: rows.map(presentStaff) };
}

export type StaffInput = z.infer<typeof s.staffCreate>;

function staffRow(deps: Deps, agency: { division_code: string; id: number }, input: StaffInput, now: Date): repo.NewStaffRow {
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

export async function addStaff(deps: Deps, actor: Actor, agencyId: number, input: StaffInput, ctx: Ctx) {
  const agency = await agencyForRosterWrite(deps, actor, agencyId);
  try {
    const id = await deps.db.transaction().execute(async (tx) => {
      const [newId] = await repo.insertStaff(tx, [staffRow(deps, agency, input, deps.clock.now())]);
      await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.staff.create', divisionCode: agency.division_code, targetType: 'agency_staff', targetId: newId });
      return newId as number;
    });
    const row = await repo.findStaff(deps.db, agency, id);
    return presentStaff(row as repo.StaffRow);
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('idNumber', 'duplicate_id_number');
    throw e;
  }
}

export async function updateStaff(deps: Deps, actor: Actor, agencyId: number, staffId: number, input: z.infer<typeof s.staffUpdate>, ctx: Ctx) {
  const agency = await agencyForRosterWrite(deps, actor, agencyId);
  const existing = await repo.findStaff(deps.db, agency, staffId);
  if (!existing) throw notFound();
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateStaff(tx, existing, { ...input, updated_at: deps.clock.now() });
    await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.staff.update', divisionCode: agency.division_code, targetType: 'agency_staff', targetId: staffId, detail: { fields: Object.keys(input) } });
  });
  return presentStaff((await repo.findStaff(deps.db, agency, staffId)) as repo.StaffRow);
}

/** Inserts a whole validated roster in one transaction: every row or none. */
export async function importStaff(deps: Deps, actor: Actor, agencyId: number, inputs: { rowNumber: number; input: StaffInput }[], ctx: Ctx) {
  const agency = await agencyForRosterWrite(deps, actor, agencyId);
  const hashes = inputs.map((r) => deps.crypto.keyedHash(r.input.idNumber));
  const taken = await repo.existingIdHashes(deps.db, agency, hashes);
  const clashes = inputs.filter((_, i) => taken.has(hashes[i] as string));
  if (clashes.length) {
    throw new AppError(400, 'import_failed', { count: clashes.length }, clashes.map((c) => ({ row: c.rowNumber, column: '身份证号', key: 'duplicate_id_number' })));
  }
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      await repo.insertStaff(tx, inputs.map((r) => staffRow(deps, agency, r.input, now)));
      await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.staff.import', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { rows: inputs.length } });
    });
  } catch (e) {
    // the same ID added by someone else between the check above and this insert
    if (isUniqueViolation(e)) throw new AppError(400, 'import_failed', { count: 1 }, [{ column: '身份证号', key: 'duplicate_id_number' }]);
    throw e;
  }
  return inputs.length;
}

// employers ----------------------------------------------------------------------------------

function presentEmployer(r: repo.EmployerRow, opts: { unmasked: boolean }) {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: opts.unmasked ? r.contact_phone : maskPhone(r.contact_phone),
    epidemicSuppliesProducer: r.epidemic_supplies_producer,
    status: r.status as 'active' | 'suspended' | 'closed',
    createdAt: r.created_at.toISOString(),
  };
}

export async function listEmployers(deps: Deps, actor: Actor, q: z.infer<typeof s.employersQuery>) {
  const after = decodeCursor(q.cursor, divisionCursor);
  const rows = await repo.listEmployers(deps.db, actor.scope, q, { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentEmployer(r, { unmasked: false }), (r) => [r.division_code, r.id]);
}

export async function getEmployer(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findEmployer(deps.db, actor.scope, id);
  if (!row) throw notFound();
  return presentEmployer(row, { unmasked: true });
}

export async function createEmployer(deps: Deps, actor: Actor, input: z.infer<typeof s.employerCreate>, ctx: Ctx) {
  await requireCountyInScope(deps, actor, input.divisionCode);
  const industry = await repo.findIndustry(deps.db, input.industryCode);
  if (industry?.level !== 4) throw fieldError('industryCode', 'unknown_industry');
  const now = deps.clock.now();
  try {
    const key = await deps.db.transaction().execute(async (tx) => {
      const k = await repo.insertEmployer(tx, {
        division_code: input.divisionCode,
        credit_code: input.creditCode,
        name: input.name,
        industry_code: input.industryCode,
        address: input.address,
        contact_name: input.contactName,
        contact_phone: input.contactPhone,
        epidemic_supplies_producer: isOfficial(actor.role) ? input.epidemicSuppliesProducer : false,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.employer.create', divisionCode: k.division_code, targetType: 'employer', targetId: k.id, detail: { name: input.name } });
      return k;
    });
    return getEmployer(deps, actor, key.id);
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('creditCode', 'duplicate_credit_code');
    throw e;
  }
}

export async function updateEmployer(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.employerUpdate>, ctx: Ctx) {
  const row = await repo.findEmployer(deps.db, actor.scope, id);
  if (!row) throw notFound();
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateEmployer(tx, row, {
      ...(input.epidemicSuppliesProducer !== undefined ? { epidemic_supplies_producer: input.epidemicSuppliesProducer } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.contactName ? { contact_name: input.contactName } : {}),
      ...(input.contactPhone ? { contact_phone: input.contactPhone } : {}),
      ...(input.address ? { address: input.address } : {}),
      updated_at: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, { actor, ctx }, { action: 'registry.employer.update', divisionCode: row.division_code, targetType: 'employer', targetId: id, detail: { fields: Object.keys(input) } });
  });
  return getEmployer(deps, actor, id);
}

// summary --------------------------------------------------------------------------------------

type Counts = z.infer<typeof s.registrySummary>['byDivision'][number];

const zeroCounts = () => ({ agencies: 0, agenciesActive: 0, agenciesSuspended: 0, agenciesPublic: 0, staff: 0, employers: 0, epidemicSuppliesProducers: 0 });

/**
 * The registry in an official's jurisdiction, counted per county in SQL and rolled up here to the
 * divisions directly below the official's own, so the desk needs one request, at any scale.
 */
export async function summariseRegistry(deps: Deps, actor: Actor) {
  const root = actor.divisionCode as string;
  const level = levelOf(root);
  const children = level === 'county' ? [await repo.findDivision(deps.db, root)] : await repo.childDivisions(deps.db, root);
  const childOf = (county: string) => (level === 'province' ? `${county.slice(0, 4)}00` : county);
  const lines = new Map<string, Counts>(
    children.filter((d) => d !== undefined).map((d) => [d.code, { code: d.code, name: d.name, ...zeroCounts() }]),
  );
  const line = (county: string) => lines.get(childOf(county));
  const [agencies, staff, employers] = await Promise.all([
    repo.agencyCountsByCounty(deps.db, actor.scope),
    repo.staffCountsByCounty(deps.db, actor.scope),
    repo.employerCountsByCounty(deps.db, actor.scope),
  ]);
  for (const r of agencies) {
    const l = line(r.division_code);
    if (!l) continue;
    l.agencies += r.total;
    l.agenciesActive += r.active;
    l.agenciesSuspended += r.suspended;
    l.agenciesPublic += r.public;
  }
  for (const r of staff) {
    const l = line(r.division_code);
    if (l) l.staff += r.total;
  }
  for (const r of employers) {
    const l = line(r.division_code);
    if (!l) continue;
    l.employers += r.total;
    l.epidemicSuppliesProducers += r.producers;
  }
  const byDivision = [...lines.values()];
  const total = zeroCounts();
  for (const l of byDivision) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += l[k];
  return { divisionCode: root, ...total, byDivision };
}
