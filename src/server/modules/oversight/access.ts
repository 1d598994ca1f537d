// Who sees what on the prevention desk (issue 8 R1, "Personal information"): officials see
// aggregates, and of an incident its category, stage times and agency; never a daily value (a
// temperature, a symptom, a declaration), a check-in that did not become an incident, or whose
// a record is. Pure rules, tested as tables (access.test.ts) and against the SQL the desk runs.

/** Columns of other modules' tables that carry health values or identify a person: the desk reads none. */
export const NEVER_READ_BY_DESK: Readonly<Record<string, readonly string[]>> = {
  prevention_checkins: ['temperature_enc', 'symptoms_enc', 'abnormal', 'incident_id', 'phone_measured_at', 'phone_sent_at'],
  prevention_incidents: ['subject_name', 'subject_phone_enc', 'staff_id', 'detail', 'trigger_id'],
  visits: ['name', 'phone', 'temperature_enc', 'mask', 'refusal_reasons'],
  agency_staff: ['name', 'phone', 'id_number_enc', 'id_number_masked'],
};

/** Whether the desk may read `column` of `table` (a table not listed: its columns are not health data). */
export function deskMayRead(table: string, column: string): boolean {
  return !(NEVER_READ_BY_DESK[table] ?? []).includes(column);
}

/** The roles the desk serves: officials, each over its own jurisdiction (decision 0014). */
export const DESK_ROLES = ['province', 'prefecture', 'county'] as const;

/**
 * Whether an official whose scope reaches `reach` (prefixes) may open the desk of `prefix`
 * (a scope prefix: 53, 5301, 530102): only inside its own jurisdiction, never beside or above it.
 */
export function mayOpenDesk(reach: readonly string[], prefix: string): boolean {
  return reach.some((p) => prefix.startsWith(p));
}
