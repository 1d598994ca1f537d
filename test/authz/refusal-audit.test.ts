// Every write is audited, refused ones included: a 4xx write leaves an audit row naming who, what
// route and why, even though the change itself was not made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { agencyInput, unique } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The audit rows of one request. Refusals are written after the answer goes out: wait for them. */
async function rowsFor(requestId: string) {
  const read = () => t.deps.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).execute();
  for (let i = 0; i < 50; i++) {
    const rows = await read();
    if (rows.length) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

describe('refused writes are audited', () => {
  it('an out-of-scope registration (400) is recorded as failed, with the actor and route', async () => {
    const wh = await t.login('wh');
    const res = await t.send('POST', '/api/v1/agencies', agencyInput('530302'), wh);
    expect(res.statusCode).toBe(400);
    const rows = await rowsFor(res.headers['x-request-id'] as string);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'http.post', outcome: 'failed', actor_username: 'wh', target_id: '/api/v1/agencies', division_code: '530102' });
    expect(rows[0]?.detail).toMatchObject({ status: 400 });
  });

  it('a role refused (403) and an anonymous caller (401) are recorded as denied', async () => {
    const seeker = await t.login('seeker');
    const denied = await t.send('POST', '/api/v1/agencies', agencyInput('530102'), seeker);
    expect(denied.statusCode).toBe(403);
    expect(await rowsFor(denied.headers['x-request-id'] as string)).toMatchObject([{ outcome: 'denied', actor_username: 'seeker', division_code: '000000' }]);

    const anon = await t.send('PATCH', '/api/v1/agencies/1', { status: 'closed' });
    expect(anon.statusCode).toBe(401);
    expect(await rowsFor(anon.headers['x-request-id'] as string)).toMatchObject([{ outcome: 'denied', actor_username: null, target_id: '/api/v1/agencies/:id' }]);
  });

  it('a successful write is audited once, by its service, not twice', async () => {
    const wh = await t.login('wh');
    const ok = await t.send('POST', '/api/v1/agencies', agencyInput('530102'), wh);
    expect(ok.statusCode).toBe(201);
    expect(await rowsFor(ok.headers['x-request-id'] as string)).toMatchObject([{ action: 'registry.agency.create', outcome: 'ok' }]);
  });

  it('the province sees sign-in failures that belong to no place; a prefecture does not', async () => {
    const ghost = `ghost-${unique()}`;
    const res = await t.send('POST', '/api/v1/auth/login', { username: ghost, password: 'whatever-it-is' });
    expect(res.statusCode).toBe(401);
    const requestId = res.headers['x-request-id'] as string;
    const find = async (who: string) => {
      const page = await t.get('/api/v1/audit?action=auth.login&limit=200', await t.login(who));
      expect(page.statusCode).toBe(200);
      const items = page.json().items as { requestId: string | null; targetId: string | null }[];
      expect(items.some((r) => r.targetId === ghost)).toBe(false); // a name that is no account's is not kept
      return items.some((r) => r.requestId === requestId);
    };
    expect(await find('prov')).toBe(true);
    expect(await find('km')).toBe(false);
  });
});

describe('refused reads', () => {
  it('a signed-in caller refused a read for want of the role (403) is audited; an anonymous 401 read is not', async () => {
    const seeker = await t.login('seeker');
    const denied = await t.get('/api/v1/agencies', seeker);
    expect(denied.statusCode).toBe(403);
    expect(await rowsFor(denied.headers['x-request-id'] as string)).toMatchObject([
      { action: 'http.get', outcome: 'denied', actor_username: 'seeker', target_id: '/api/v1/agencies' },
    ]);
    const anon = await t.get('/api/v1/agencies');
    expect(anon.statusCode).toBe(401);
    expect(await rowsFor(anon.headers['x-request-id'] as string)).toEqual([]);
    const allowed = await t.get('/api/v1/agencies', await t.login('prov'));
    expect(await rowsFor(allowed.headers['x-request-id'] as string)).toEqual([]);
  });
});

describe('a 404 for a row outside the caller\'s reach', () => {
  it('is audited as a refused read under the row\'s county, looked up after the answer; a missing id leaves no entry', async () => {
    const qlz = await t.deps.db.selectFrom('agencies').select(['id', 'division_code']).where('division_code', '=', '530302').orderBy('id').executeTakeFirstOrThrow();
    const cookie = await t.login('agency-wh'); // an agency administrator of 五华区 (530102)
    const hidden = await t.get(`/api/v1/agencies/${qlz.id}`, cookie);
    expect(hidden.statusCode).toBe(404);
    const max = await t.deps.db.selectFrom('agencies').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    const missing = await t.get(`/api/v1/agencies/${Number(max.m) + 1000}`, cookie);
    expect(missing.statusCode).toBe(404);
    // the two answers are alike: nothing in them says which id exists
    expect(hidden.json()).toEqual(missing.json());

    expect(await rowsFor(hidden.headers['x-request-id'] as string)).toMatchObject([
      { action: 'http.get', outcome: 'denied', actor_username: 'agency-wh', target_type: 'agency', target_id: String(qlz.id), division_code: '530302', detail: { status: 404, reason: 'outside_scope', route: '/api/v1/agencies/:id' } },
    ]);
    // 麒麟区's officials see who reached for their agency
    const page = await t.get('/api/v1/audit?action=http.get&limit=200', await t.login('qlz'));
    expect(page.json().items.some((r: { requestId: string }) => r.requestId === hidden.headers['x-request-id'])).toBe(true);
    // an id that exists nowhere: nothing was reached for, nothing recorded (wait as long as for the other)
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('request_id', '=', missing.headers['x-request-id'] as string).execute()).toEqual([]);
  });
});

describe('request ids are the server\'s own', () => {
  it('a request id the caller sends is not the one its audit row is recorded under', async () => {
    const res = await t.send('POST', '/api/v1/agencies', agencyInput('530102'), await t.login('prov'), { 'x-request-id': 'forged-request-id-0001' });
    expect(res.statusCode).toBe(201);
    const id = res.headers['x-request-id'] as string;
    expect(id).not.toBe('forged-request-id-0001');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await rowsFor('forged-request-id-0001')).toEqual([]);
    expect(await rowsFor(id)).toMatchObject([{ action: 'registry.agency.create' }]);
  });
});

describe('the security checks decide on the matched route, not the raw URL', () => {
  it('/%61pi/v1/… meets the same CSRF and access checks as /api/v1/…', async () => {
    const t2 = await createTestApp();
    try {
      const login = await t2.app.inject({ method: 'POST', url: '/%61pi/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'prov', password: 'yunqiao-demo-2020' }) });
      expect(login.statusCode).toBe(403);
      expect(login.json().error.code).toBe('csrf_header_missing');
      const cookie = await t2.login('seeker');
      const refused = await t2.app.inject({ method: 'GET', url: '/%61pi/v1/agencies', headers: { cookie } });
      expect(refused.statusCode).toBe(403); // a job seeker may not list agencies, however the path is spelled
      const prov = await t2.login('prov');
      const ok = await t2.app.inject({ method: 'GET', url: '/%61pi/v1/agencies', headers: { cookie: prov } });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['cache-control']).toBe('no-store');
    } finally {
      await t2.close();
    }
  });
});
