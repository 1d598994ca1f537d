// The demo seed's daily checks (issue 8 "Demo data"): every demo roster member with an account has
// consented and reported on most of the last 14 Beijing days (a few missing), all readings normal,
// and the counts of those days are there; the agency's day list of yesterday shows it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addDays, beijingDate } from '../../src/shared/beijing-day.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t?.close());

describe('demo daily checks', () => {
  it('14 days of check-ins for the demo staff, a few missing, consents given, counts computed', async () => {
    const seededAt = await sql<{ at: Date }>`select min(received_at) as at from prevention_checkins where client_id like 'demo-%'`.execute(t.deps.db);
    const first = beijingDate(seededAt.rows[0]?.at as Date);
    const days = Array.from({ length: 14 }, (_, i) => addDays(first, i));
    const staff = await sql<{ n: number }>`select count(*)::int as n from memberships m join agency_staff s on s.division_code = m.org_division and s.id = m.staff_id where m.role = 'agency_staff' and s.name not like '矩阵%'`.execute(t.deps.db);
    // the demo staff: those the seed reported for (other files in this worker's database add
    // consents of their own, so counting every consent would depend on which files ran first)
    const consented = await sql<{ n: number }>`select count(distinct c.staff_id)::int as n from prevention_consents c where c.method = 'self' and c.withdrawn_at is null and exists (select 1 from prevention_checkins k where k.client_id like 'demo-%' and k.division_code = c.division_code and k.staff_id = c.staff_id)`.execute(t.deps.db);
    const reporters = await sql<{ n: number }>`select count(distinct (division_code, staff_id))::int as n from prevention_checkins where client_id like 'demo-%'`.execute(t.deps.db);
    expect(consented.rows[0]?.n).toBeGreaterThanOrEqual(12);
    expect(consented.rows[0]?.n, 'every demo reporter has consented').toBe(reporters.rows[0]?.n);
    const perDay = await sql<{ day: string; n: number }>`select day::text as day, count(*)::int as n from prevention_checkins where client_id like 'demo-%' group by day order by day`.execute(t.deps.db);
    expect(perDay.rows.map((r) => r.day)).toEqual(days);
    const total = perDay.rows.reduce((a, r) => a + r.n, 0);
    const expected = (consented.rows[0]?.n ?? 0) * 14;
    expect(total, 'a few missing').toBeLessThan(expected);
    expect(total, 'most reported').toBeGreaterThan(expected * 0.8);
    expect(staff.rows[0]?.n).toBeGreaterThanOrEqual(consented.rows[0]?.n ?? 0);
    const abnormal = await sql<{ n: number }>`select count(*)::int as n from prevention_checkins where client_id like 'demo-%' and abnormal`.execute(t.deps.db);
    expect(abnormal.rows[0]?.n).toBe(0);
    const counts = await sql<{ n: number }>`select count(distinct day)::int as n from prevention_daily_counts`.execute(t.deps.db);
    expect(counts.rows[0]?.n).toBeGreaterThanOrEqual(14);
  });
});
