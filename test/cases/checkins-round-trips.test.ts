// How many statements a check-in costs the application's pool (issue 8 "Benchmark"; decision
// 0032): every `query` a pg client of the app's pool sends — BEGIN and COMMIT included, each a
// round trip — while one request is handled, counted by wrapping pg's Client.query for the test's
// duration (the job queue's pool, application_name `yunqiao-jobs`, is not counted; workers are off).
// The budgets are what the route needs after folding its reads into one statement; a change that
// adds a round trip to the hot path fails here and says which statements it sent.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditChains, verifyAuditChains } from '../../src/server/modules/audit/service.ts';
import { CONSENT_TEXT_VERSION } from '../../src/server/modules/prevention/schemas.ts';
import { consent, report, type Staff, staffMember, withoutDemoChecks } from './checkins-helpers.ts';
import { type CaseApp, caseApp, inParallel, V1 } from './venues-helpers.ts';

let t: CaseApp;
let zhang: Staff;
let wang: Staff;
let admin: string;
let li: number;

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;

/** Runs `fn` and returns what it returned with the statements the app's pool sent meanwhile. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  // what the previous request left (a refusal's audit runs after its answer) settles first
  await new Promise((r) => setTimeout(r, 200));
  const statements: string[] = [];
  (pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
    const app = (this as unknown as { connectionParameters?: { application_name?: string } }).connectionParameters?.application_name;
    if (app === 'yunqiao') {
      const q = args[0] as string | { text?: string };
      statements.push((typeof q === 'string' ? q : (q.text ?? '')).replace(/\s+/g, ' ').slice(0, 100));
    }
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), statements };
  } finally {
    (pg.Client.prototype as unknown as { query: Query }).query = original;
  }
}

/** The audit entries whose target is the check-in `id`, with their detail and whether they wait to be chained. */
async function entriesOf(id: number) {
  const r = await sql<{ action: string; actor_id: number; division_code: string; pending: boolean; detail: unknown }>`
    select e.action, e.actor_id, e.division_code, exists (select 1 from audit_pending q where q.division_code = e.division_code and q.entry_id = e.id) as pending, p.detail
      from audit_entries e left join audit_personal p on p.division_code = e.division_code and p.entry_id = e.id
     where e.target_type = 'prevention_checkin' and e.target_id = ${String(id)}`.execute(t.deps.db);
  return r.rows;
}

beforeAll(async () => {
  t = await caseApp('checkinsrt', '2020-02-17T08:00:00+08:00');
  await withoutDemoChecks(t);
  zhang = await staffMember(t, '张晓燕');
  wang = await staffMember(t, '王磊');
  await consent(t, zhang);
  await consent(t, wang);
  admin = await t.login('agency-wh');
  const row = await t.deps.db.selectFrom('agency_staff').select('id').where('name', '=', '赵丽').executeTakeFirstOrThrow();
  li = row.id;
  const paper = await t.send('POST', `${V1}/prevention/consent/paper`, { staffId: li, textVersion: CONSENT_TEXT_VERSION, signedOn: '2020-01-01', reference: '档案盒 3' }, admin);
  expect(paper.statusCode, paper.body).toBe(201);
}, 60_000);
afterAll(() => t?.close());

// BEGIN and COMMIT count: a new normal report is the session, the one read and the insert with its audit entry (one statement)
// (before decision 0032's change: 10; a resend 3, a refusal for withdrawn consent 5, a fever report 21)
const BUDGET = { newReport: 3, resend: 2, noConsent: 2, feverReport: 18, paperReport: 3 };

describe('round trips of POST /prevention/checkins', () => {
  it('a new normal report: the session, one read, then the insert with its audit entry in one statement', async () => {
    const { result, statements } = await counted(() => report(t, zhang, { clientId: 'rt-1', temperature: 36.5, symptoms: [] }));
    expect(result.statusCode, result.body).toBe(201);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(BUDGET.newReport);
    // the one statement wrote the entry with its personal row and its pending row, the report's id as target
    expect(await entriesOf(result.json().id)).toEqual([{ action: 'prevention.checkin.create', actor_id: expect.any(Number), division_code: '530102', pending: true, detail: { staffId: zhang.staffId, day: '2020-02-17', onTime: true, phoneClockUnreliable: false, recordedBy: 'self' } }]);
  });

  it('two identical normal reports racing on separate connections: one row, one audit entry, the same body', async () => {
    const body = { clientId: 'rt-race', temperature: 36.7, symptoms: [] };
    const res = await inParallel(t, [0, 1].map(() => ({ method: 'POST' as const, url: `${V1}/prevention/checkins`, body, cookie: zhang.cookie })));
    expect(res.map((r) => r.status).sort()).toEqual(expect.arrayContaining([201]));
    for (const r of res) expect([200, 201]).toContain(r.status);
    expect(res[0]?.body).toEqual(res[1]?.body);
    const rows = await sql<{ id: number }>`select id from prevention_checkins where client_id = 'rt-race'`.execute(t.deps.db);
    expect(rows.rows).toHaveLength(1);
    expect(await entriesOf(rows.rows[0]?.id as number)).toHaveLength(1);
  });

  it('a resend of a stored report: the session and the one read', async () => {
    const { result, statements } = await counted(() => report(t, zhang, { clientId: 'rt-1', temperature: 36.5, symptoms: [], sentAt: '2020-02-17T08:00:05+08:00' }));
    expect(result.statusCode, result.body).toBe(200);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(BUDGET.resend);
  });

  it('a changed report under a stored clientId: 409 after the one read', async () => {
    const { result, statements } = await counted(() => report(t, zhang, { clientId: 'rt-1', temperature: 36.6, symptoms: [] }));
    expect(result.statusCode, result.body).toBe(409);
    // the refusal audit (a command of its own after the answer) is not the route's cost
    expect(statements.filter((s) => !/audit|^begin|^commit/i.test(s)).length, statements.join('\n')).toBeLessThanOrEqual(BUDGET.resend);
  });

  it('without consent in force: 409 after the one read (withdrawal date included)', async () => {
    const del = await t.send('DELETE', `${V1}/prevention/consent`, undefined, wang.cookie);
    expect(del.statusCode, del.body).toBe(200);
    const { result, statements } = await counted(() => report(t, wang, { clientId: 'rt-2', temperature: 36.5, symptoms: [] }));
    expect(result.statusCode, result.body).toBe(409);
    expect(result.json().error.code).toBe('consent_withdrawn');
    expect(statements.filter((s) => !/audit|^begin|^commit/i.test(s)).length, statements.join('\n')).toBeLessThanOrEqual(BUDGET.noConsent);
  });

  it('a fever report: the incident, its outbox rows and the link in the same transaction', async () => {
    const { result, statements } = await counted(() => report(t, zhang, { clientId: 'rt-3', temperature: 38.1, symptoms: [] }));
    expect(result.statusCode, result.body).toBe(201);
    expect(result.json().incidentId).toEqual(expect.any(Number));
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(BUDGET.feverReport);
  });

  it('the administrator records a paper-consent colleague: the same as a new report', async () => {
    const { result, statements } = await counted(() => t.send('POST', `${V1}/prevention/checkins`, { clientId: 'rt-4', staffId: li, temperature: 36.4, symptoms: [] }, admin));
    expect(result.statusCode, result.body).toBe(201);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(BUDGET.paperReport);
  });

  it('the entries written with their reports chain and verify like any other', async () => {
    await appendAuditChains(t.deps);
    const result = await verifyAuditChains(t.deps.db);
    expect(result.problems).toEqual([]);
    expect(result.pending).toBe(0);
    expect(result.rows).toBeGreaterThan(3);
  });
});
