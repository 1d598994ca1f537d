// GET /api/v1/audit: officials only, their jurisdiction only, newest first, keyset pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, unique } from '../../../../test/helpers/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { appendAuditChains, eraseAuditPersonal, recordAuditAlone } from './service.ts';

const PASSWORD = 'Audit-routes-2020';
let t: TestApp;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

type Entry = { divisionCode: string; id: number; chained: boolean; seq: number | null; at: string; actor: string | null; action: string; targetType: string | null; targetId: string | null; outcome: string; ip: string | null; personalErased: boolean };
const list = async (cookie: string, query: string) => {
  const res = await t.get(`/api/v1/audit?${query}`, cookie);
  return { status: res.statusCode, body: res.json() as { items: Entry[]; next: string | null } };
};

async function writeEntries(action: string, divisions: string[]) {
  for (const d of divisions) {
    await recordAuditAlone(t.deps.db, clock, { actor: null, ctx: { requestId: 'routes-test', ip: '127.0.0.1' } }, { action, divisionCode: d, targetType: 'thing', targetId: d });
    clock.advance(1_000);
  }
}

describe('GET /api/v1/audit', () => {
  it('shows a county official its own county only', async () => {
    const wh = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
    const action = `test.scope.${unique()}`;
    await writeEntries(action, ['530102', '530103', '530102', '530302']);
    const cookie = await t.login(wh, PASSWORD);
    const { status, body } = await list(cookie, `action=${action}`);
    expect(status).toBe(200);
    expect(body.items.map((i) => i.divisionCode)).toEqual(['530102', '530102']);
    expect(body.next).toBeNull();
    // the other actions it sees (its own sign-in among them) are its county's too
    const logins = await list(cookie, 'action=auth.login&limit=100');
    expect(logins.body.items.length).toBeGreaterThanOrEqual(1);
    expect(logins.body.items.every((i) => i.divisionCode === '530102')).toBe(true);
  });

  it('shows a prefecture its counties, and the province everything in Yunnan plus events with no place', async () => {
    const km = await createAccount(t.deps, { role: 'prefecture', official_division: '530100', password: PASSWORD });
    const prov = await createAccount(t.deps, { role: 'province', official_division: '530000', password: PASSWORD });
    const action = `test.scope.${unique()}`;
    await writeEntries(action, ['530102', '530103', '530302', '000000']);
    const byKm = await list(await t.login(km, PASSWORD), `action=${action}`);
    expect(byKm.body.items.map((i) => i.divisionCode).sort()).toEqual(['530102', '530103']);
    const byProv = await list(await t.login(prov, PASSWORD), `action=${action}`);
    expect(byProv.body.items.map((i) => i.divisionCode).sort()).toEqual(['000000', '530102', '530103', '530302']);
  });

  it('pages newest first with an opaque cursor, each row once', async () => {
    const prov = await createAccount(t.deps, { role: 'province', official_division: '530000', password: PASSWORD });
    const cookie = await t.login(prov, PASSWORD);
    const action = `test.pages.${unique()}`;
    await writeEntries(action, ['530102', '530103', '530112', '530302', '530402']);
    const seen: Entry[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: Entry[]; next: string | null } } = await list(cookie, `action=${action}&limit=2${next ? `&cursor=${next}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      next = page.body.next;
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((i) => i.targetId)).toEqual(['530402', '530302', '530112', '530103', '530102']);
    const times = seen.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('shows an entry as soon as its change commits, then chained; erased personal fields come back null', async () => {
    const prov = await createAccount(t.deps, { role: 'province', official_division: '530000', password: PASSWORD });
    const cookie = await t.login(prov, PASSWORD);
    const action = `test.chained.${unique()}`;
    const who = { actor: { accountId: 4242, username: '审计测试员', role: 'county' as const, divisionCode: '530102' }, ctx: { requestId: 'routes-test', ip: '10.9.9.9' } };
    await recordAuditAlone(t.deps.db, clock, who, { action, divisionCode: '530102', targetType: 'login', targetId: '张三' });
    const fresh = (await list(cookie, `action=${action}`)).body.items;
    expect(fresh).toEqual([expect.objectContaining({ chained: false, seq: null, actor: '审计测试员', targetType: 'login', targetId: '张三', ip: '10.9.9.9', personalErased: false })]);
    await appendAuditChains({ db: t.deps.db, clock }, { divisions: ['530102'] });
    const [chained] = (await list(cookie, `action=${action}`)).body.items;
    expect(chained).toMatchObject({ id: fresh[0]?.id, chained: true, seq: expect.any(Number) });
    await eraseAuditPersonal(t.deps.db, { targetType: 'login', targetId: '张三', divisionCode: '530102' });
    const [erased] = (await list(cookie, `action=${action}`)).body.items;
    expect(erased).toMatchObject({ id: fresh[0]?.id, chained: true, seq: chained?.seq, actor: null, actorRole: 'county', targetType: 'login', targetId: null, ip: null, personalErased: true });
  });

  it('rejects a malformed cursor, naming it', async () => {
    const prov = await createAccount(t.deps, { role: 'province', official_division: '530000', password: PASSWORD });
    const res = await t.get('/api/v1/audit?cursor=not-a-cursor', await t.login(prov, PASSWORD), { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const big = await t.get('/api/v1/audit?limit=1000', await t.login(prov, PASSWORD));
    expect(big.statusCode).toBe(400);
    expect(big.json().error.details[0].field).toBe('limit');
  });

  it('is closed to everyone but officials', async () => {
    expect((await t.get('/api/v1/audit')).statusCode).toBe(401);
    const seeker = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const res = await t.get('/api/v1/audit', await t.login(seeker, PASSWORD));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const agency = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).orderBy('id').executeTakeFirstOrThrow();
    const admin = await createAccount(t.deps, { role: 'agency_admin', org_division: agency.division_code, agency_id: agency.id, password: PASSWORD });
    expect((await t.get('/api/v1/audit', await t.login(admin, PASSWORD))).statusCode).toBe(403);
  });
});
