// Shared set-up of the venue cases (../shared/cases/checkins-and-bookings 03, 07–10): an app on a
// database of the case's own (cloned from the seeded template: every case starts from the demo
// seed) with a manual clock and a public base URL, venues of the 五华区 demo agency, job seekers,
// real concurrent HTTP requests released together, and the invariants the cases state.
import { request } from 'node:http';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { cloneTemplate } from '../helpers/db.ts';
import { createAccount } from '../helpers/factories.ts';

export const V1 = '/api/v1';
export const PUBLIC_BASE_URL = 'https://yq.hrss.yn.gov.cn';
const TEST_PASSWORD = 'Test-password-2020';

export type CaseApp = TestApp & { clock: ManualClock; drop: () => Promise<void> };

/** The app of one case, on its own database, the clock at `start`. */
export async function caseApp(name: string, start: string, env: Record<string, string> = {}): Promise<CaseApp> {
  const db = await cloneTemplate(name);
  const clock = new ManualClock(start);
  const t = await createTestApp({ clock, database: db, env: { YUNQIAO_PUBLIC_BASE_URL: PUBLIC_BASE_URL, ...env } });
  const close = t.close;
  return Object.assign(t, {
    clock,
    drop: db.drop,
    close: async () => {
      await close();
      await db.drop();
    },
  });
}

/** Creates a venue of agency-wh (五华区) through the API; returns its JSON. */
export async function createVenue(t: TestApp, cookie: string, body: Record<string, unknown>) {
  const res = await t.send('POST', `${V1}/prevention/venues`, body, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; code: string; capacity: number; divisionCode: string };
}

/** A job seeker made for the test and signed in; returns the cookie and the username. */
export async function seeker(t: TestApp, phone: string | null = null): Promise<{ username: string; cookie: string }> {
  const username = await createAccount(t.deps, { role: 'seeker', seeker_group: 'migrant', phone });
  return { username, cookie: await t.login(username, TEST_PASSWORD) };
}

/**
 * Sends `requests` over real HTTP, each on a connection of its own, held back until every one is
 * ready and then released together (or spread over `spreadMs`); returns the statuses and bodies.
 */
export async function inParallel(t: TestApp, requests: { method: 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown; cookie: string }[], spreadMs = 0) {
  const address = new URL(await addressOf(t));
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const one = (r: (typeof requests)[number]) =>
    new Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string } } }>((resolve, reject) => {
      const payload = JSON.stringify(r.body ?? {});
      // agent: false — a connection of its own for every request
      const req = request(
        { host: address.hostname, port: address.port, path: r.url, method: r.method, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-requested-with': 'test', cookie: r.cookie } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const pending = requests.map(async (r, i) => {
    await gate;
    if (spreadMs) await new Promise((ok) => setTimeout(ok, Math.floor((spreadMs * i) / requests.length)));
    return one(r);
  });
  release();
  return Promise.all(pending);
}

const addresses = new WeakMap<TestApp, Promise<string>>();
/** The app listening on a loopback port (once; closed with the app). */
function addressOf(t: TestApp): Promise<string> {
  let a = addresses.get(t);
  if (!a) {
    a = t.app.listen({ port: 0, host: '127.0.0.1' });
    addresses.set(t, a);
  }
  return a;
}

/** Case 08's invariant, read from the rows: free = capacity − active bookings; the slot's counter agrees. */
export async function slotState(t: TestApp, slotId: number) {
  const r = await sql<{ capacity: number; booked: number; active: number; cancelled: number }>`
    select s.capacity, s.booked,
           (select count(*) from bookings b where b.division_code = s.division_code and b.slot_id = s.id and b.status = 'active')::int as active,
           (select count(*) from bookings b where b.division_code = s.division_code and b.slot_id = s.id and b.status = 'cancelled')::int as cancelled
      from venue_slots s where s.id = ${slotId}`.execute(t.deps.db);
  const row = r.rows[0] as { capacity: number; booked: number; active: number; cancelled: number };
  expect(row.booked, 'the slot counter equals its active bookings').toBe(row.active);
  expect(row.active).toBeLessThanOrEqual(row.capacity);
  return { ...row, free: row.capacity - row.active };
}

export const json = (res: LightMyRequestResponse) => res.json() as Record<string, unknown> & { error?: { code: string; message: string; details?: { field: string; message: string }[] } };
