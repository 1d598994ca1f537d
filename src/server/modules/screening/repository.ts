// Risk areas (kept by the province) and staff screening declarations with what matching them found
// (P2). Kysely queries only. Risk-area rows belong to the province that keeps them (530000); the
// published list is read by every signed-in role (a notice, nobody's personal data), the editor's
// reads are scoped. Declarations and findings are read through inScope on the agency (or the
// staff member's own rows); writes take keys a scoped read returned.
import { sql } from 'kysely';
import { inScope, type Scope, type ScopedKey, type SystemScope, scopedKey, underDivision } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';

export type RiskAreaKey = ScopedKey<'risk_areas'>;
export type AgencyKey = ScopedKey<'agencies'>;
export type FindingKey = ScopedKey<'screening_findings'>;
export type DeclarationKey = ScopedKey<'screening_declarations'>;

export type RiskLevel = 'high' | 'medium' | 'low';

// risk areas ---------------------------------------------------------------------------------

const areaColumns = [
  'r.division_code',
  'r.id',
  'r.area_code',
  'd.name as area_name',
  'd.level as area_level',
  'd.prefecture_code as area_prefecture',
  'd.province_code as area_province',
  'r.sub_kind',
  'r.sub_code',
  'r.sub_name',
  'r.risk_level',
  sql<string>`r.valid_from::text`.as('valid_from'),
  sql<string | null>`r.valid_to::text`.as('valid_to'),
  'r.note',
  'r.created_at',
  'r.updated_at',
] as const;

function areaBase(db: Executor) {
  return db.selectFrom('risk_areas as r').innerJoin('divisions as d', 'd.code', 'r.area_code').select(areaColumns);
}

export type RiskAreaFilter = {
  /** Only areas in force on this day (YYYY-MM-DD). */
  on?: string;
  /** Only areas whose division lies under this prefix ('42', '4201', '420106'). */
  area?: string;
  level?: RiskLevel;
};

/**
 * The published list of risk areas (every keeping province's), newest first by (division_code, id)
 * descending. Read by every signed-in role without a jurisdiction filter: a risk area is a public
 * notice about a place, nobody's personal data, and staff anywhere must be able to see it.
 */
export async function listRiskAreas(db: Executor, f: RiskAreaFilter, page: { limit: number; before?: [string, number] | undefined }) {
  let q = areaBase(db)
    .$if(Boolean(f.on), (q) => q.where(sql<boolean>`r.valid_from <= ${f.on}::date and (r.valid_to is null or r.valid_to >= ${f.on}::date)`))
    .$if(Boolean(f.area), (q) => q.where(underDivision(f.area as string, 'r.area_code')))
    .$if(Boolean(f.level), (q) => q.where('r.risk_level', '=', f.level as RiskLevel));
  if (page.before) q = q.where(sql<boolean>`(r.division_code, r.id) < (${page.before[0]}, ${page.before[1]})`);
  return q.orderBy('r.division_code', 'desc').orderBy('r.id', 'desc').limit(page.limit + 1).execute();
}

export type RiskAreaRow = Awaited<ReturnType<typeof listRiskAreas>>[number];

/** One risk area the scope may edit (the keeping province's officials), with its key. */
export async function findRiskArea(db: Executor, scope: Scope, id: number) {
  const row = await areaBase(db).where(inScope(scope, 'r.division_code')).where('r.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('risk_areas', row) };
}

/** Risk areas by key (a follow-up list names the areas its findings point to). */
export async function riskAreasByKeys(db: Executor, _scope: SystemScope, keys: readonly { division_code: string; id: number }[]) {
  if (!keys.length) return [];
  return areaBase(db)
    .where(sql<boolean>`(r.division_code, r.id) in (${sql.join(keys.map((k) => sql`(${k.division_code}, ${k.id}::bigint)`))})`)
    .execute();
}

/**
 * Every risk area (of any keeping province) in force on at least one day of `from`..`to`
 * (inclusive at both ends), with its division's level, prefecture and province: what a declared
 * stay is matched against (the dates the areas stood at, whatever has been lifted since).
 */
export async function areasInForce(db: Executor, _scope: SystemScope, from: string, to: string) {
  return areaBase(db)
    .where(sql<boolean>`r.valid_from <= ${to}::date and (r.valid_to is null or r.valid_to >= ${from}::date)`)
    .orderBy('r.division_code')
    .orderBy('r.id')
    .execute();
}

export type NewRiskArea = {
  division_code: string;
  area_code: string;
  sub_kind: 'street' | 'community' | null;
  sub_code: string | null;
  sub_name: string | null;
  risk_level: RiskLevel;
  valid_from: string;
  valid_to: string | null;
  note: string;
  created_at: Date;
  created_by: number | null;
};

/** Inserts risk areas (one statement); returns their keys in input order. */
export async function insertRiskAreas(db: Executor, rows: readonly NewRiskArea[]) {
  if (!rows.length) return [];
  return db
    .insertInto('risk_areas')
    .values(
      rows.map((r) => ({
        ...r,
        valid_from: sql<Date>`${r.valid_from}::date`,
        valid_to: r.valid_to === null ? null : sql<Date>`${r.valid_to}::date`,
        updated_at: r.created_at,
        updated_by: r.created_by,
      })),
    )
    .returning(['division_code', 'id'])
    .execute();
}

export type RiskAreaChanges = Partial<Pick<NewRiskArea, 'risk_level' | 'valid_from' | 'valid_to' | 'note' | 'sub_kind' | 'sub_code' | 'sub_name'>>;

/** Changes an area (lifting it is setting its end date); rows are never deleted. */
export async function updateRiskArea(db: Executor, key: RiskAreaKey, set: RiskAreaChanges, at: Date, by: number | null) {
  const { valid_from, valid_to, ...rest } = set;
  await db
    .updateTable('risk_areas')
    .set({
      ...rest,
      ...(valid_from !== undefined ? { valid_from: sql<Date>`${valid_from}::date` } : {}),
      ...(valid_to !== undefined ? { valid_to: valid_to === null ? null : sql<Date>`${valid_to}::date` } : {}),
      updated_at: at,
      updated_by: by,
    })
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .execute();
}

/** A re-coding (decision 0022): areas naming the abolished `from` name its successor `to`; returns how many. */
export async function relinkAreas(db: Executor, from: string, to: string) {
  const r = await db.updateTable('risk_areas').set({ area_code: to }).where('area_code', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// declarations and findings ------------------------------------------------------------------

/** A staff member's own roster row (active), by the staff scope's own ids: their agency and name. */
export async function ownRosterRow(db: Executor, scope: Scope) {
  return db
    .selectFrom('agency_staff as s')
    .select(['s.division_code', 's.id', 's.agency_id', 's.name'])
    .where(inScope(scope, { division: 's.division_code', owner: { staff: 's.id' } }))
    .where('s.status', '=', 'active')
    .executeTakeFirst();
}

export async function insertDeclaration(
  db: Executor,
  row: { division_code: string; agency_id: number; staff_id: number; declared_at: Date; day: string; declared_by: number; content_enc: string },
) {
  return db
    .insertInto('screening_declarations')
    .values({ ...row, day: sql<Date>`${row.day}::date` })
    .returning(['division_code', 'id'])
    .executeTakeFirstOrThrow();
}

export type NewFinding = {
  division_code: string;
  agency_id: number;
  staff_id: number;
  declaration_id: number;
  kind: 'risk_area' | 'follow_up' | 'exposure';
  area_owner: string | null;
  area_id: number | null;
  area_code: string | null;
  risk_level: RiskLevel | null;
  stay_code: string | null;
  overlap_from: string | null;
  overlap_to: string | null;
  found_at: Date;
};

/**
 * Records a finding; a risk-area or follow-up finding already recorded for the same staff member,
 * area, declared division and overlapping dates is left as it is (declaring the same trip again).
 * Returns the new row's key, or undefined when it existed.
 */
export async function insertFinding(db: Executor, row: NewFinding) {
  const values = {
    ...row,
    overlap_from: row.overlap_from === null ? null : sql<Date>`${row.overlap_from}::date`,
    overlap_to: row.overlap_to === null ? null : sql<Date>`${row.overlap_to}::date`,
  };
  if (row.area_id === null) return db.insertInto('screening_findings').values(values).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  return db
    .insertInto('screening_findings')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['division_code', 'staff_id', 'kind', 'area_owner', 'area_id', 'stay_code', 'overlap_from', 'overlap_to'])
        .where('area_id', 'is not', null)
        .doNothing(),
    )
    .returning(['division_code', 'id'])
    .executeTakeFirst();
}

/**
 * The risk-area or follow-up finding `insertFinding` left as it was (the same staff member, area,
 * declared division and shared days, in the staff member's own division): its id, incident, when
 * it was found and whether the agency has cleared it. Read in the declaring transaction after the conflict, so the
 * row that conflicted is committed and visible.
 */
export async function recordedFinding(db: Executor, row: NewFinding) {
  if (row.area_id === null || row.area_owner === null || row.stay_code === null || row.overlap_from === null || row.overlap_to === null) return undefined;
  return db
    .selectFrom('screening_findings')
    .select(['id', 'incident_id', 'cleared_at', 'found_at'])
    .where('division_code', '=', row.division_code)
    .where('staff_id', '=', row.staff_id)
    .where('kind', '=', row.kind)
    .where('area_owner', '=', row.area_owner)
    .where('area_id', '=', row.area_id)
    .where('stay_code', '=', row.stay_code)
    .where('overlap_from', '=', sql<Date>`${row.overlap_from}::date`)
    .where('overlap_to', '=', sql<Date>`${row.overlap_to}::date`)
    .executeTakeFirst();
}

/** Brands a finding the declaring command just inserted (the staff member's own row). */
export const findingKey = (row: { division_code: string; id: number }): FindingKey => scopedKey('screening_findings', row);

export async function setFindingIncident(db: Executor, finding: FindingKey, incidentId: number) {
  await db.updateTable('screening_findings').set({ incident_id: incidentId }).where('division_code', '=', finding.division_code).where('id', '=', finding.id).execute();
}

/** The staff member's own latest declaration (when and which Beijing day), or undefined. */
export async function lastDeclarationOf(db: Executor, scope: Scope) {
  return db
    .selectFrom('screening_declarations as x')
    .select(['x.division_code', 'x.id', 'x.declared_at', sql<string>`x.day::text`.as('day')])
    .where(inScope(scope, { division: 'x.division_code', owner: { staff: 'x.staff_id', agency: 'x.agency_id' } }))
    .orderBy('x.declared_at', 'desc')
    .orderBy('x.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** An agency in scope by id (its administrator's own; officials by division), with its key. */
export async function findAgency(db: Executor, scope: Scope, agencyId: number) {
  const row = await db
    .selectFrom('agencies as a')
    .select(['a.division_code', 'a.id', 'a.name'])
    .where(inScope(scope, { division: 'a.division_code', id: 'a.id', table: 'agencies', owner: { agency: 'a.id' } }))
    .where('a.id', '=', agencyId)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('agencies', row) };
}

/**
 * Every active staff member of the agency with their latest declaration: `last_day` (Beijing day,
 * 'YYYY-MM-DD') and `last_declared_at`, null when they never declared; `stale` when the last day is
 * before `freshFrom` (today minus the stale-after days) or there is none; open follow-ups counted.
 */
export async function staffScreeningOf(db: Executor, agency: AgencyKey, freshFrom: string) {
  return db
    .selectFrom('agency_staff as s')
    .select([
      's.id',
      's.name',
      's.position',
      (eb) =>
        eb
          .selectFrom('screening_declarations as x')
          .select(sql<string | null>`max(x.day)::text`.as('d'))
          .whereRef('x.division_code', '=', 's.division_code')
          .whereRef('x.staff_id', '=', 's.id')
          .as('last_day'),
      (eb) =>
        eb
          .selectFrom('screening_declarations as x')
          .select(sql<Date | null>`max(x.declared_at)`.as('t'))
          .whereRef('x.division_code', '=', 's.division_code')
          .whereRef('x.staff_id', '=', 's.id')
          .as('last_declared_at'),
      (eb) =>
        eb
          .selectFrom('screening_findings as f')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('f.division_code', '=', 's.division_code')
          .whereRef('f.staff_id', '=', 's.id')
          .where('f.kind', '=', 'follow_up')
          .where('f.cleared_at', 'is', null)
          .as('open_follow_ups'),
    ])
    .select(
      sql<boolean>`coalesce((select max(x.day) from screening_declarations x where x.division_code = s.division_code and x.staff_id = s.id) < ${freshFrom}::date, true)`.as('stale'),
    )
    .where('s.division_code', '=', agency.division_code)
    .where('s.agency_id', '=', agency.id)
    .where('s.status', '=', 'active')
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
}

const findingColumns = [
  'f.division_code',
  'f.id',
  'f.agency_id',
  'f.staff_id',
  's.name as staff_name',
  'f.declaration_id',
  'f.kind',
  'f.area_owner',
  'f.area_id',
  'f.area_code',
  'f.risk_level',
  'f.stay_code',
  sql<string | null>`f.overlap_from::text`.as('overlap_from'),
  sql<string | null>`f.overlap_to::text`.as('overlap_to'),
  'f.incident_id',
  'f.found_at',
  'f.cleared_at',
  'f.note_enc',
] as const;

/**
 * The agency's findings, newest first: follow-ups (`kind: 'follow_up'`, open only unless
 * `withCleared`), or risk-area and exposure findings with their incidents.
 */
export async function findingsOf(db: Executor, agency: AgencyKey, f: { kinds: readonly NewFinding['kind'][]; withCleared: boolean; limit: number }) {
  return db
    .selectFrom('screening_findings as f')
    .innerJoin('agency_staff as s', (j) => j.onRef('s.division_code', '=', 'f.division_code').onRef('s.id', '=', 'f.staff_id'))
    .select(findingColumns)
    .where('f.division_code', '=', agency.division_code)
    .where('f.agency_id', '=', agency.id)
    .where('f.kind', 'in', f.kinds)
    .$if(!f.withCleared, (q) => q.where('f.cleared_at', 'is', null))
    .orderBy('f.id', 'desc')
    .limit(f.limit)
    .execute();
}

export type FindingRow = Awaited<ReturnType<typeof findingsOf>>[number];

/** One follow-up of an agency in scope (its administrator's), with its key. */
export async function findFollowUp(db: Executor, scope: Scope, id: number) {
  const row = await db
    .selectFrom('screening_findings as f')
    .innerJoin('agency_staff as s', (j) => j.onRef('s.division_code', '=', 'f.division_code').onRef('s.id', '=', 'f.staff_id'))
    .select(findingColumns)
    .where(inScope(scope, { division: 'f.division_code', owner: { agency: 'f.agency_id' } }))
    .where('f.kind', '=', 'follow_up')
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('screening_findings', row) };
}

/** Clears an open follow-up (one statement: a second clear finds it cleared and changes nothing). Returns whether it was open. */
export async function clearFollowUp(db: Executor, finding: FindingKey, at: Date, by: number, noteEnc: string): Promise<boolean> {
  const r = await db
    .updateTable('screening_findings')
    .set({ cleared_at: at, cleared_by: by, note_enc: noteEnc })
    .where('division_code', '=', finding.division_code)
    .where('id', '=', finding.id)
    .where('kind', '=', 'follow_up')
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// the bureau desk's figures ------------------------------------------------------------------

/**
 * Per-agency screening figures in the scope (the bureau desk): every active agency the scope
 * reaches, optionally under `division` (a prefix), in (division_code, id) order. One row per agency:
 *   division_code, agency_id, agency_name;
 *   staff: number (active roster);
 *   declared_current: number (staff whose latest declaration is on or after `freshFrom`);
 *   stale_declarations: number (staff with a declaration, all before `freshFrom`);
 *   never_declared: number (staff without any declaration);
 *   open_follow_ups: number (follow-ups not yet cleared);
 *   risk_area_matches, exposures: number (findings that opened incidents, found on or after `freshFrom`).
 * `freshFrom` is today (Beijing) minus the configured stale-after days ('YYYY-MM-DD'). Counts only:
 * no staff name, place or date leaves here.
 */
export async function screeningFiguresByAgency(db: Executor, scope: Scope, freshFrom: string, f: { division?: string } = {}) {
  const staffLast = db
    .selectFrom('agency_staff as s')
    .select(['s.division_code', 's.agency_id', 's.id'])
    .select(sql<Date | null>`(select max(x.day) from screening_declarations x where x.division_code = s.division_code and x.staff_id = s.id)`.as('last_day'))
    .where('s.status', '=', 'active');
  return db
    .selectFrom('agencies as a')
    .select([
      'a.division_code',
      'a.id as agency_id',
      'a.name as agency_name',
      (eb) =>
        eb
          .selectFrom(staffLast.as('l'))
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('l.division_code', '=', 'a.division_code')
          .whereRef('l.agency_id', '=', 'a.id')
          .as('staff'),
      (eb) =>
        eb
          .selectFrom(staffLast.as('l'))
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('l.division_code', '=', 'a.division_code')
          .whereRef('l.agency_id', '=', 'a.id')
          .where(sql<boolean>`l.last_day >= ${freshFrom}::date`)
          .as('declared_current'),
      (eb) =>
        eb
          .selectFrom(staffLast.as('l'))
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('l.division_code', '=', 'a.division_code')
          .whereRef('l.agency_id', '=', 'a.id')
          .where(sql<boolean>`l.last_day < ${freshFrom}::date`)
          .as('stale_declarations'),
      (eb) =>
        eb
          .selectFrom(staffLast.as('l'))
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('l.division_code', '=', 'a.division_code')
          .whereRef('l.agency_id', '=', 'a.id')
          .where('l.last_day', 'is', null)
          .as('never_declared'),
      (eb) =>
        eb
          .selectFrom('screening_findings as f')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('f.division_code', '=', 'a.division_code')
          .whereRef('f.agency_id', '=', 'a.id')
          .where('f.kind', '=', 'follow_up')
          .where('f.cleared_at', 'is', null)
          .as('open_follow_ups'),
      (eb) =>
        eb
          .selectFrom('screening_findings as f')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('f.division_code', '=', 'a.division_code')
          .whereRef('f.agency_id', '=', 'a.id')
          .where('f.kind', '=', 'risk_area')
          .where(sql<boolean>`f.found_at >= (${freshFrom}::date::timestamp at time zone 'Asia/Shanghai')`)
          .as('risk_area_matches'),
      (eb) =>
        eb
          .selectFrom('screening_findings as f')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('f.division_code', '=', 'a.division_code')
          .whereRef('f.agency_id', '=', 'a.id')
          .where('f.kind', '=', 'exposure')
          .where(sql<boolean>`f.found_at >= (${freshFrom}::date::timestamp at time zone 'Asia/Shanghai')`)
          .as('exposures'),
    ])
    .where(inScope(scope, { division: 'a.division_code', id: 'a.id', table: 'agencies', owner: { agency: 'a.id' } }))
    .where('a.status', '=', 'active')
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'a.division_code')))
    .orderBy('a.division_code')
    .orderBy('a.id')
    .execute();
}

export type ScreeningFigures = Awaited<ReturnType<typeof screeningFiguresByAgency>>[number];

// personal data ------------------------------------------------------------------------------

/** Roster rows of a person in every division (by phone or ID-number hash): whose declarations are theirs. */
export async function staffOfPerson(db: Executor, _scope: SystemScope, phones: readonly string[], idHashes: readonly string[]) {
  if (!phones.length && !idHashes.length) return [];
  return db
    .selectFrom('agency_staff')
    .select(['division_code', 'id'])
    .where((eb) => eb.or([...(phones.length ? [eb('phone', 'in', phones)] : []), ...(idHashes.length ? [eb('id_number_hash', 'in', idHashes)] : [])]))
    .execute();
}

/** Declarations of the given roster rows, oldest first, with their encrypted content. */
export async function declarationsOfStaff(db: Executor, _scope: SystemScope, staff: readonly { division_code: string; id: number }[]) {
  if (!staff.length) return [];
  return db
    .selectFrom('screening_declarations')
    .select(['division_code', 'id', 'agency_id', 'staff_id', 'declared_at', sql<string>`day::text`.as('day'), 'content_enc'])
    .where(sql<boolean>`(division_code, staff_id) in (${sql.join(staff.map((k) => sql`(${k.division_code}, ${k.id}::bigint)`))})`)
    .orderBy('declared_at')
    .execute();
}

/**
 * Erases declarations (PIPL art. 47): their findings' notes and the declarations' content are
 * replaced by an empty envelope the caller encrypted; the rows stay, so an incident a finding
 * opened keeps its trigger. Returns how many declarations were erased.
 */
export async function eraseDeclarations(db: Executor, keys: readonly DeclarationKey[], emptyEnc: string) {
  if (!keys.length) return 0;
  const pairs = sql.join(keys.map((k) => sql`(${k.division_code}, ${k.id}::bigint)`));
  await db.updateTable('screening_findings').set({ note_enc: null }).where(sql<boolean>`(division_code, declaration_id) in (${pairs})`).execute();
  const r = await db.updateTable('screening_declarations').set({ content_enc: emptyEnc }).where(sql<boolean>`(division_code, id) in (${pairs})`).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const declarationKey = (_scope: SystemScope, row: { division_code: string; id: number }): DeclarationKey => scopedKey('screening_declarations', row);
