// The scale generator (decision 0032) on a handful of rows: its sessions open as the identity
// module's own (the cookie works on a real route), its staff have consented and can check in at
// once, its history lies before today with on-time flags by the cut-off, and a second run refuses.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { beijingDate } from '../../../shared/beijing-day.ts';
import { PARTS, seedScale } from './index.ts';
import type { SessionsFile } from './staff.part.ts';

let t: TestApp;
const sessionsFile = join(tmpdir(), `yq-scale-${process.pid}-${Date.now()}.json`);
const opts = { scale: 'county' as const, sessionsFile, days: 3, size: { agencies: 3, staffPerAgency: 2 } };
let summary: Awaited<ReturnType<typeof seedScale>>;

beforeAll(async () => {
  t = await createTestApp();
  summary = await seedScale(t.deps, ['staff', 'checkins'], opts);
}, 120_000);
afterAll(() => t?.close());

describe('yunqiao seed --scale', () => {
  it('is a registry of parts run in order, unknown names refused before writing', async () => {
    expect(PARTS.map((p) => p.name)).toEqual(['staff', 'checkins']);
    expect(summary.map((s) => s.part)).toEqual(['staff', 'checkins']);
    await expect(seedScale(t.deps, ['nonsense'], opts)).rejects.toThrow(/unknown part: nonsense/);
  });

  it('makes agencies, staff, consents and one session per staff member, written to the sessions file', async () => {
    expect(summary[0]?.rows).toMatchObject({ agencies: 3, staff: 6, consents: 6, sessions: 6, counties: 1 });
    const file = JSON.parse(readFileSync(sessionsFile, 'utf8')) as SessionsFile;
    expect(file.sessions).toHaveLength(6);
    expect(new Set(file.sessions.map((s) => s.token)).size).toBe(6);
    expect(file.sessions.every((s) => s.divisionCode === '530102')).toBe(true);
  });

  it('a generated session signs its staff member in: a check-in is accepted at once (consent given)', async () => {
    const { sessions } = JSON.parse(readFileSync(sessionsFile, 'utf8')) as SessionsFile;
    const s = sessions[0] as SessionsFile['sessions'][number];
    const me = await t.get('/api/v1/me', `yq_sid=${s.token}`);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'agency_staff', agencyId: s.agencyId });
    const res = await t.send('POST', '/api/v1/prevention/checkins', { clientId: 'scale-test-1', temperature: '36,6', symptoms: [] }, `yq_sid=${s.token}`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ abnormal: false });
    const wrong = await t.get('/api/v1/me', 'yq_sid=not-a-generated-token');
    expect(wrong.statusCode).toBe(401);
  });

  it('the history lies on the days before today, reports on time before the cut-off and late after it', async () => {
    const today = beijingDate(t.clock.now());
    const rows = await t.deps.db
      .selectFrom('prevention_checkins')
      .select([sql<string>`day::text`.as('day'), 'on_time', 'measured_at', 'client_id'])
      .where('client_id', 'like', 'scale-2%')
      .execute();
    expect(summary[1]?.rows.checkins).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(6 * 3 * 0.8);
    const cutoff = t.deps.config.prevention.checkinCutoffMinutes;
    for (const r of rows) {
      expect(beijingDate(r.measured_at)).toBe(r.day);
      expect(r.day < today).toBe(true);
      const minute = (r.measured_at.getTime() + 8 * 3_600_000) % 86_400_000 / 60_000;
      expect(r.on_time).toBe(minute < cutoff);
    }
  });

  it('a second run refuses: the generated agencies are there', async () => {
    await expect(seedScale(t.deps, ['staff'], opts)).rejects.toThrow(/present already/);
  });
});
