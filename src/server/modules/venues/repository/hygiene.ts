// Hygiene logs (cleaning, ventilation, disinfection) of a venue and the scheduled slots flagged as
// missed. Reads are by a venue key a scoped read returned; the watcher works across divisions.
import { sql } from 'kysely';
import type { SystemScope } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import type { VenueKey } from './venues.ts';

export type HygieneKind = 'cleaning' | 'ventilation' | 'disinfection';

/** The venue's logs of Beijing days `from`..`to` (inclusive), oldest first. */
export async function logsOf(db: Executor, venue: VenueKey, from: string, to: string) {
  return db
    .selectFrom('hygiene_logs')
    .select(['id', 'kind', sql<string>`day::text`.as('day'), 'done_at', 'note', 'recorded_by'])
    .where('division_code', '=', venue.division_code)
    .where('venue_id', '=', venue.id)
    .where('day', '>=', sql<Date>`${from}::date`)
    .where('day', '<=', sql<Date>`${to}::date`)
    .orderBy('done_at')
    .orderBy('id')
    .execute();
}

export async function insertLog(db: Executor, venue: VenueKey, row: { kind: HygieneKind; day: string; done_at: Date; note: string; recorded_by: number | null }) {
  return db
    .insertInto('hygiene_logs')
    .values({ division_code: venue.division_code, venue_id: venue.id, kind: row.kind, day: sql<Date>`${row.day}::date`, done_at: row.done_at, note: row.note, recorded_by: row.recorded_by })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** Logs of every venue in every division on days `from`..`to` (the hygiene watcher). */
export async function logsOfDays(db: Executor, _scope: SystemScope, from: string, to: string) {
  return db
    .selectFrom('hygiene_logs')
    .select(['division_code', 'venue_id', 'kind', sql<string>`day::text`.as('day'), 'done_at'])
    .where('day', '>=', sql<Date>`${from}::date`)
    .where('day', '<=', sql<Date>`${to}::date`)
    .execute();
}

export type MissRow = { division_code: string; venue_id: number; day: string; kind: HygieneKind; slot: number; window_from: Date; window_to: Date; flagged_at: Date };

/** Flags missed slots; a slot flagged before is left as it is. Returns the rows flagged now (each exactly once). */
export async function flagMisses(db: Executor, _scope: SystemScope, rows: readonly MissRow[]) {
  if (!rows.length) return [];
  return db
    .insertInto('hygiene_misses')
    .values(rows.map((r) => ({ ...r, day: sql<Date>`${r.day}::date` })))
    .onConflict((oc) => oc.columns(['division_code', 'venue_id', 'day', 'kind', 'slot']).doNothing())
    .returning(['division_code', 'venue_id', 'kind', 'slot'])
    .execute();
}
