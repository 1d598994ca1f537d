// Counts per county for the desk, rolled up by the service (no GROUPING SETS across divisions).
// Officials only: inScope with the division column alone shows other scope kinds nothing.
import { sql } from 'kysely';
import { inScope, type Scope } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export async function agencyCountsByCounty(db: Executor, scope: Scope) {
  return db
    .selectFrom('agencies')
    .select([
      'division_code',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where status = 'active'))::int`.as('active'),
      sql<number>`(count(*) filter (where status = 'suspended'))::int`.as('suspended'),
      sql<number>`(count(*) filter (where kind = 'public'))::int`.as('public'),
    ])
    .where(inScope(scope))
    .groupBy('division_code')
    .execute();
}

export async function staffCountsByCounty(db: Executor, scope: Scope) {
  return db
    .selectFrom('agency_staff')
    .select(['division_code', sql<number>`count(*)::int`.as('total')])
    .where(inScope(scope))
    .where('status', '=', 'active')
    .groupBy('division_code')
    .execute();
}

export async function employerCountsByCounty(db: Executor, scope: Scope) {
  return db
    .selectFrom('employers')
    .select([
      'division_code',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where epidemic_supplies_producer))::int`.as('producers'),
    ])
    .where(inScope(scope))
    .groupBy('division_code')
    .execute();
}
