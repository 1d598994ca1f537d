// Placements (就业记录, decision 0051). They belong to their application's county. Officials read
// those of their divisions and an employer its own (owner column) through inScope; an agency reads
// the placements it recorded in every county by name (the caller's system scope), as it reads its
// referrals. Recording is one INSERT … ON CONFLICT DO NOTHING on (division, application); the
// employer's confirmation one UPDATE … WHERE status = 'pending_employer'; an import's rows one
// INSERT … ON CONFLICT DO NOTHING on (placement, month, type), and verification one UPDATE … WHERE
// status = 'confirmed' AND an insured month exists: racing writers cannot double anything.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopeRef, type ScopedKey, scopedKey, type SystemScope, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type PlacementKey = ScopedKey<'placements'>;
/** An agency as placements name it: its county and id. */
export type AgencyRef = { divisionCode: string; agencyId: number };

const PLACEMENT_SCOPE: ScopeRef = { division: 'pl.division_code', id: 'pl.id', table: 'placements', owner: { employer: 'pl.employer_id' } };

function base(db: Executor) {
  return db
    .selectFrom('placements as pl')
    .select([
      'pl.division_code',
      'pl.id',
      'pl.application_id',
      'pl.employer_id',
      'pl.employer_name',
      'pl.employer_credit_code',
      'pl.posting_title',
      'pl.seeker_account_id',
      'pl.agency_division',
      'pl.agency_id',
      'pl.agency_name',
      'pl.status',
      'pl.contract_type',
      sql<string | null>`to_char(pl.contract_start, 'YYYY-MM-DD')`.as('contract_start'),
      'pl.id_number_masked',
      'pl.confirmed_at',
      'pl.verified_at',
      'pl.created_at',
    ]);
}

export type PlacementFilter = { status?: string | undefined };

/** One page of placements in scope (officials, the employer), by (division_code, id); `page.limit + 1` rows at most. */
export async function listPlacements(db: Executor, scope: Scope, f: PlacementFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = base(db)
    .where(inScope(scope, PLACEMENT_SCOPE))
    .$if(Boolean(f.status), (q) => q.where('pl.status', '=', f.status as string));
  return keyset(q, ['pl.division_code', 'pl.id'], page).execute();
}

export type PlacementRow = Awaited<ReturnType<typeof listPlacements>>[number];

/** The placements an agency recorded, in every county (a named cross-division read), by id; `page.limit + 1` rows at most. */
export async function placementsOfAgency(db: Executor, _why: SystemScope, agency: AgencyRef, f: PlacementFilter, page: { limit: number; after?: [number] | undefined }) {
  const q = base(db)
    .where('pl.agency_division', '=', agency.divisionCode)
    .where('pl.agency_id', '=', agency.agencyId)
    .$if(Boolean(f.status), (q) => q.where('pl.status', '=', f.status as string));
  return keyset(q, ['pl.id'], page).execute();
}

/** One placement in scope with its key, or undefined (missing and out of scope alike). */
export async function findPlacement(db: Executor, scope: Scope, id: number) {
  const row = await base(db).where(inScope(scope, PLACEMENT_SCOPE)).where('pl.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('placements', row) };
}

/** One placement the agency recorded (the named read), with its key; undefined otherwise. */
export async function findAgencyPlacement(db: Executor, _why: SystemScope, agency: AgencyRef, id: number) {
  const row = await base(db).where('pl.agency_division', '=', agency.divisionCode).where('pl.agency_id', '=', agency.agencyId).where('pl.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('placements', row) };
}

export type NewPlacement = {
  employerId: number;
  employerName: string;
  employerCreditCode: string;
  postingTitle: string;
  seekerAccountId: number;
  agency: AgencyRef & { name: string };
  by: number;
};

/** Records a placement for the application (one statement; ON CONFLICT DO NOTHING on the application): the new key, or undefined when one exists. */
export async function insertPlacement(db: Executor, application: ScopedKey<'applications'>, p: NewPlacement, now: Date) {
  const row = await db
    .insertInto('placements')
    .values({
      division_code: application.division_code,
      application_id: application.id,
      employer_id: p.employerId,
      employer_name: p.employerName,
      employer_credit_code: p.employerCreditCode,
      posting_title: p.postingTitle,
      seeker_account_id: p.seekerAccountId,
      agency_division: p.agency.divisionCode,
      agency_id: p.agency.agencyId,
      agency_name: p.agency.name,
      recorded_by: p.by,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['division_code', 'application_id']).doNothing())
    .returning(['division_code', 'id'])
    .executeTakeFirst();
  return row && scopedKey('placements', row);
}

export type Confirmation = { contractStart: string; contractType: 'labour_contract'; idNumberEnc: string; idNumberHash: string; idNumberMasked: string; by: number };

/** The employer's confirmation, if the placement still awaits it (one statement); the new status, or undefined when it had moved on. */
export async function confirmPlacement(db: Executor, key: PlacementKey, c: Confirmation, now: Date) {
  const r = await db
    .updateTable('placements')
    .set({
      status: 'confirmed',
      contract_start: sql`${c.contractStart}::date`,
      contract_type: c.contractType,
      id_number_enc: c.idNumberEnc,
      id_number_hash: c.idNumberHash,
      id_number_masked: c.idNumberMasked,
      confirmed_by: c.by,
      confirmed_at: now,
      updated_at: now,
    })
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('status', '=', 'pending_employer')
    .returning(['status'])
    .executeTakeFirst();
  return r?.status;
}

/**
 * The confirmed (or verified) placements in scope an insurance file's rows name, by (ID-number
 * hash, employer credit code): one statement over the file's distinct pairs (unnest).
 */
export async function matchPlacements(db: Executor, scope: Scope, pairs: ReadonlyArray<{ idNumberHash: string; creditCode: string }>) {
  if (!pairs.length) return [];
  const hashes = pairs.map((p) => p.idNumberHash);
  const codes = pairs.map((p) => p.creditCode);
  return db
    .selectFrom('placements as pl')
    .select(['pl.division_code', 'pl.id', 'pl.id_number_hash', 'pl.employer_credit_code', 'pl.agency_division', 'pl.agency_id', 'pl.posting_title', 'pl.employer_name'])
    .where(sql<boolean>`(pl.id_number_hash, pl.employer_credit_code) in (select h, c from unnest(${hashes}::text[], ${codes}::text[]) as f(h, c))`)
    .where(inScope(scope, PLACEMENT_SCOPE))
    .where('pl.status', 'in', ['confirmed', 'verified'])
    .orderBy('pl.division_code')
    .orderBy('pl.id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, key: scopedKey('placements', r) })));
}

export type InsuranceInsert = { key: PlacementKey; month: string; insuranceType: string };

/** Stores matched rows (one statement; ON CONFLICT DO NOTHING on placement, month, type): how many were new. */
export async function insertInsurance(db: Executor, rows: readonly InsuranceInsert[], by: number, now: Date) {
  if (!rows.length) return 0;
  const r = await sql<{ n: number }>`
    with ins as (
      insert into placement_insurance (division_code, placement_id, month, insurance_type, imported_by, imported_at)
      select d, p, (m || '-01')::date, t, ${by}::bigint, ${now}::timestamptz
        from unnest(${rows.map((x) => x.key.division_code)}::text[], ${rows.map((x) => x.key.id)}::bigint[], ${rows.map((x) => x.month)}::text[], ${rows.map((x) => x.insuranceType)}::text[]) as f(d, p, m, t)
      on conflict (division_code, placement_id, month, insurance_type) do nothing
      returning 1
    )
    select count(*)::int as n from ins`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/**
 * Verifies the given confirmed placements that have an insured month on or after their contract
 * start's month (one statement: of two racing imports, one verifies each); returns the keys verified.
 */
export async function verifyInsured(db: Executor, keys: readonly PlacementKey[], now: Date) {
  if (!keys.length) return [];
  const r = await sql<{ division_code: string; id: number }>`
    update placements pl set status = 'verified', verified_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
      from unnest(${keys.map((k) => k.division_code)}::text[], ${keys.map((k) => k.id)}::bigint[]) as k(d, i)
     where pl.division_code = k.d and pl.id = k.i and pl.status = 'confirmed'
       and exists (select 1 from placement_insurance pi
                    where pi.division_code = pl.division_code and pi.placement_id = pl.id
                      and pi.month >= date_trunc('month', pl.contract_start)::date)
    returning pl.division_code, pl.id`.execute(db);
  return r.rows;
}

/** The insurance rows of placements (by key), month YYYY-MM ascending, then type. */
export async function insuranceOf(db: Executor, keys: readonly PlacementKey[]) {
  if (!keys.length) return [];
  return db
    .selectFrom('placement_insurance as pi')
    .select(['pi.division_code', 'pi.placement_id', sql<string>`to_char(pi.month, 'YYYY-MM')`.as('month'), 'pi.insurance_type'])
    .where(sql<boolean>`(pi.division_code, pi.placement_id) in (${sql.join(keys.map((k) => sql`(${k.division_code}, ${k.id}::bigint)`))})`)
    .orderBy('pi.division_code')
    .orderBy('pi.placement_id')
    .orderBy('pi.month')
    .orderBy('pi.insurance_type')
    .execute();
}

/** The latest month of any insurance row imported for each county (YYYY-MM), per division code asked. */
export async function latestImportedMonths(db: Executor, divisions: readonly string[]) {
  if (!divisions.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('placement_insurance')
    .select(['division_code', sql<string>`to_char(max(month), 'YYYY-MM')`.as('month')])
    .where('division_code', 'in', [...new Set(divisions)])
    .groupBy('division_code')
    .execute();
  return new Map(rows.map((r) => [r.division_code, r.month]));
}

const countColumns = [
  'pl.agency_division',
  'pl.agency_id',
  sql<string>`max(pl.agency_name)`.as('agency_name'),
  sql<number>`count(*) filter (where pl.status = 'pending_employer')::int`.as('pending_employer'),
  sql<number>`count(*) filter (where pl.status = 'confirmed')::int`.as('confirmed'),
  sql<number>`count(*) filter (where pl.status = 'verified')::int`.as('verified'),
] as const;

/** Placements in scope per agency and status (officials: those in their divisions; rolled up per division first would be the sharded form, one GROUP BY suffices on one node). */
export async function countsByAgency(db: Executor, scope: Scope) {
  return db.selectFrom('placements as pl').select(countColumns).where(inScope(scope, PLACEMENT_SCOPE)).groupBy(['pl.agency_division', 'pl.agency_id']).orderBy('pl.agency_division').orderBy('pl.agency_id').execute();
}

/** The agency's own placements per status, in every county (the named read). */
export async function countsOfAgency(db: Executor, _why: SystemScope, agency: AgencyRef) {
  return db
    .selectFrom('placements as pl')
    .select(countColumns)
    .where('pl.agency_division', '=', agency.divisionCode)
    .where('pl.agency_id', '=', agency.agencyId)
    .groupBy(['pl.agency_division', 'pl.agency_id'])
    .execute();
}

/** Re-coding (decision 0022): placements recorded by agencies of a re-coded county name its new code. */
export async function relinkAgencies(tx: Executor, from: string, to: string) {
  const r = await tx.updateTable('placements').set({ agency_division: to }).where('agency_division', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

/** A person's placements in every county, by account or ID-number hash (personal-data requests: the caller's system scope), with the encrypted ID number. */
export async function placementsOfPerson(db: Executor, _why: SystemScope, person: { accountIds: readonly number[]; idNumberHashes: readonly string[] }) {
  if (!person.accountIds.length && !person.idNumberHashes.length) return [];
  return base(db)
    .select(['pl.id_number_enc', 'pl.id_number_hash'])
    .where((eb) => eb.or([
      ...(person.accountIds.length ? [eb('pl.seeker_account_id', 'in', [...person.accountIds])] : []),
      ...(person.idNumberHashes.length ? [eb('pl.id_number_hash', 'in', [...person.idNumberHashes])] : []),
    ]))
    .orderBy('pl.id')
    .execute();
}

/** Deletes placements by key (personal-data erasure; their insurance rows go with them, ON DELETE CASCADE); returns the keys deleted. */
export async function deletePlacements(db: Executor, _why: SystemScope, keys: ReadonlyArray<{ division_code: string; id: number }>) {
  if (!keys.length) return [];
  return db
    .deleteFrom('placements')
    .where(sql<boolean>`(division_code, id) in (${sql.join(keys.map((k) => sql`(${k.division_code}, ${k.id}::bigint)`))})`)
    .returning(['division_code', 'id'])
    .execute();
}

/** Confirmed and verified placements under a division prefix with their encrypted ID numbers (the dev simulation of the insurance file: a system read). */
export async function confirmedUnder(db: Executor, _why: SystemScope, prefix: string) {
  return base(db)
    .select(['pl.id_number_enc'])
    .where(underDivision(prefix, 'pl.division_code'))
    .where('pl.status', 'in', ['confirmed', 'verified'])
    .orderBy('pl.division_code')
    .orderBy('pl.id')
    .execute();
}
