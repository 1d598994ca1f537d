// The jurisdiction scope: who may see which place-owned rows. One filter (`inScope`) for every
// repository read, one rule (`scopeCovers`) for every write, both from the same reach.
//
// A scope is discriminated by the kind of actor:
//   official  — a set of division-code prefixes (its own, and its predecessors' after a re-coding)
//   agency    — an agency administrator: its own agency's rows in its county
//   staff     — a staff member: their own rows (check-ins), else their agency's
//   employer  — its own enterprise's rows
//   seeker    — their own rows (applications), no place
//   system    — jobs and CLI commands that deliberately scan every division; the reason is named
// Every kind but system may hold grants: single rows outside its reach, each checked by the same
// filter (an agency ← a seeker's authorisation, an employer ← an application, the province ← rows
// outside the province, an origin county ← a transport request).
//
// Rows outside a scope are invisible: lists skip them and an id lookup finds nothing (the route
// answers 404, as for a missing id). Repository functions that change a row by key accept only a
// `ScopedKey` — one a scoped read returned — so the compiler enforces "scoped read first".
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** One row outside the scope's reach that it may also read: table, the row's division and id. */
export type Grant = { table: string; divisionCode: string; id: number };

type Grants = { grants: readonly Grant[] };

export type OfficialScope = { kind: 'official'; prefixes: readonly string[] } & Grants;
export type AgencyScope = { kind: 'agency'; divisionCode: string; agencyId: number } & Grants;
export type StaffScope = { kind: 'staff'; divisionCode: string; agencyId: number; staffId: number } & Grants;
export type EmployerScope = { kind: 'employer'; divisionCode: string; employerId: number } & Grants;
export type SeekerScope = { kind: 'seeker'; accountId: number } & Grants;
export type SystemScope = { kind: 'system'; reason: string };

export type Scope = OfficialScope | AgencyScope | StaffScope | EmployerScope | SeekerScope | SystemScope;

/** The scope of a job or CLI command that works across every division: the reason shows in review. */
export function systemScope(reason: string): SystemScope {
  return { kind: 'system', reason };
}

/** The division-code prefixes a scope reaches ('all' for the system scope). */
export function reachOf(scope: Scope): readonly string[] | 'all' {
  switch (scope.kind) {
    case 'official':
      return scope.prefixes;
    case 'agency':
    case 'staff':
    case 'employer':
      return [scope.divisionCode];
    case 'seeker':
      return [];
    case 'system':
      return 'all';
  }
}

/**
 * The write rule: whether a row may be created or moved into `divisionCode` under this scope
 * (the same reach `inScope` reads with; grants give read access only).
 */
export function scopeCovers(scope: Scope, divisionCode: string): boolean {
  const reach = reachOf(scope);
  return reach === 'all' || reach.some((p) => divisionCode.startsWith(p));
}

/** Columns that tie a row to its owner; a scope kind whose column a table lacks sees none of it. */
export type OwnerColumns = { agency?: string; staff?: string; employer?: string; account?: string };

/**
 * The owner filter: officials and the system see every row in reach; an agency its own
 * (`owner.agency` = its id); staff their own (`owner.staff`), else their agency's; an employer
 * its own; a seeker their own account's. A kind whose column is not named sees nothing.
 */
export function ownedBy(scope: Scope, owner: OwnerColumns): RawBuilder<SqlBool> {
  const eq = (column: string | undefined, value: number) => (column ? sql<SqlBool>`${sql.ref(column)} = ${value}` : sql<SqlBool>`false`);
  switch (scope.kind) {
    case 'official':
    case 'system':
      return sql<SqlBool>`true`;
    case 'agency':
      return eq(owner.agency, scope.agencyId);
    case 'staff':
      return owner.staff ? eq(owner.staff, scope.staffId) : eq(owner.agency, scope.agencyId);
    case 'employer':
      return eq(owner.employer, scope.employerId);
    case 'seeker':
      return eq(owner.account, scope.accountId);
  }
}

/** Where a table's rows say where they belong and whose they are. A plain string is the division column alone. */
export type ScopeRef = string | { division: string; id?: string; table?: string; owner?: OwnerColumns };

/**
 * Condition limiting rows to the scope: (division in reach AND owned) OR granted — for seekers,
 * who reach no division, (owned) OR granted. Each prefix is a
 * range on the "C"-collated column, so the primary-key index serves it, and a plain filter on the
 * distribution column when sharded. With a plain column name only officials and the system see
 * anything: other kinds need the table's owner columns.
 */
export function inScope(scope: Scope, ref: ScopeRef = 'division_code'): RawBuilder<SqlBool> {
  const r = typeof ref === 'string' ? { division: ref } : ref;
  if (scope.kind === 'system') return sql<SqlBool>`true`;
  const col = sql.ref(r.division);
  const reach = reachOf(scope) as readonly string[];
  const ranges = reach.map((p) => underDivision(p, r.division));
  const inReach = ranges.length ? sql<SqlBool>`(${sql.join(ranges, sql` or `)})` : sql<SqlBool>`false`;
  // seekers own rows wherever those rows belong (an application lives in the posting's county)
  const owned =
    scope.kind === 'official'
      ? inReach
      : !r.owner
        ? sql<SqlBool>`false`
        : scope.kind === 'seeker'
          ? ownedBy(scope, r.owner)
          : sql<SqlBool>`(${inReach} and ${ownedBy(scope, r.owner)})`;
  const grants = r.table && r.id ? scope.grants.filter((g) => g.table === r.table) : [];
  if (!grants.length) return owned;
  const idCol = sql.ref(r.id as string);
  const pairs = grants.map((g) => sql`(${g.divisionCode}, ${g.id}::bigint)`);
  return sql<SqlBool>`(${owned} or (${col}, ${idCol}) in (${sql.join(pairs)}))`;
}

/**
 * A filter narrowing rows to one division's subtree (a list's `division=5301` filter), on top of
 * the scope — the same range condition as `inScope` uses for a prefix.
 */
export function underDivision(prefix: string, column: string): RawBuilder<SqlBool> {
  const col = sql.ref(column);
  return sql<SqlBool>`(${col} >= ${prefix} and ${col} < ${`${prefix}~`})`;
}

declare const scopedKeyBrand: unique symbol;

/**
 * The key of a row a scoped read returned: division and id, branded with its table. Repository
 * functions that change or read a row by key take this type, never a bare id.
 */
export type ScopedKey<T extends string> = { readonly division_code: string; readonly id: number; readonly [scopedKeyBrand]: T };

/** Brands a row read through `inScope` as a key (repository read functions only). */
export function scopedKey<T extends string>(_table: T, row: { division_code: string; id: number }): ScopedKey<T> {
  return { division_code: row.division_code, id: row.id } as ScopedKey<T>;
}

/** A key minted by a system job or CLI command, visibly: the system scope names why. */
export function systemKey<T extends string>(_scope: SystemScope, table: T, divisionCode: string, id: number): ScopedKey<T> {
  return scopedKey(table, { division_code: divisionCode, id });
}

