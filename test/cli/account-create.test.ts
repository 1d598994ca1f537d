// `yunqiao account create` on an empty install (a database of its own, migrated by the command
// itself, no demo data): the province's first official with a one-time password printed once,
// refusals in one localised line naming the option (exit 1, nothing written), and from there the
// README's way to the first county and agency through the real API: sign in, change the one-time
// password, give a county official, register an agency, give its administrator, import the
// roster, and a staff member signs in by phone and SMS code. Real processes, real PostgreSQL.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { identityJobs } from '../../src/server/modules/identity/jobs.ts';
import { sendLoginCodeContract } from '../../src/server/modules/identity/schemas.ts';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { appDbUrl, ownerDbUrl } from '../helpers/db.ts';
import { agencyInput, unique } from '../helpers/factories.ts';
import { jobOf, runQueuedJobs } from '../helpers/jobs.ts';
import { rosterFile } from '../authz/fixtures.ts';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const database = `${inject('templateDb').replace(/_template$/, '')}_bootstrap_w${process.env.VITEST_POOL_ID ?? '1'}`;
const withDatabase = (url: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};
const urls = { appUrl: withDatabase(appDbUrl()), ownerUrl: withDatabase(ownerDbUrl()) };

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: ownerDbUrl() });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

type Result = { code: number; stdout: string; stderr: string };

/** `yunqiao account create …` on the empty install, in `locale`. */
function create(args: string[], locale = 'zh-CN'): Promise<Result> {
  const env = {
    ...process.env,
    DATABASE_URL: urls.appUrl,
    DATABASE_OWNER_URL: urls.ownerUrl,
    YUNQIAO_DATA_DIR: inject('dataDir'),
    YUNQIAO_DEMO: '0',
    YUNQIAO_LOCALE: locale,
    LOG_LEVEL: 'silent',
  };
  return run(process.execPath, ['bin/yunqiao.mjs', 'account', 'create', ...args], { cwd: ROOT, env, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

let t: TestApp | undefined;
const app = () => t as TestApp;

beforeAll(async () => {
  const ident = `"${database}"`;
  await admin(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${ident}`);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

const OTP = /^一次性密码（只显示这一次，首次登录后须修改）：([A-Za-z0-9]{4}(?:-[A-Za-z0-9]{4}){3})$/;

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: urls.ownerUrl });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
const counts = async () => (await rows<{ accounts: number; memberships: number }>('select (select count(*)::int from accounts) as accounts, (select count(*)::int from memberships) as memberships'))[0];

let provincePassword = '';

describe('yunqiao account create', () => {
  it('on an empty install makes the province\'s first official: one-time password printed once, to be changed; audited as the system', async () => {
    const r = await create(['--role', 'province', '--username', 'sheng-admin', '--phone', '139 1234 5678']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('已创建账号 sheng-admin：省人社厅，530000 云南省，手机号 139****5678');
    provincePassword = OTP.exec(lines[1] ?? '')?.[1] ?? '';
    expect(provincePassword).not.toBe('');
    expect(lines).toHaveLength(2);
    // no demo data: the one account there is
    expect(await rows('select username, phone, display_name, must_change_password from accounts')).toEqual([
      { username: 'sheng-admin', phone: '13912345678', display_name: '云南省人力资源和社会保障厅', must_change_password: true },
    ]);
    expect(await rows('select role, official_division, created_by, status from memberships')).toEqual([{ role: 'province', official_division: '530000', created_by: null, status: 'active' }]);
    expect(await rows('select count(*)::int as n from agencies')).toEqual([{ n: 0 }]);
    expect(await rows('select action, division_code, actor_id, request_id from audit_log order by id')).toEqual([
      { action: 'identity.account.create', division_code: '530000', actor_id: null, request_id: null },
      { action: 'identity.membership.create', division_code: '530000', actor_id: null, request_id: null },
    ]);
  }, 90_000);

  it('refuses a taken username, a bad phone, an unknown division: one localised line naming the option, exit 1, nothing written', async () => {
    const before = await counts();
    const cases: [string[], string, string?][] = [
      [['--role', 'prefecture', '--username', 'sheng-admin', '--phone', '13912340001', '--division', '530100'], '--username：已被他人使用'],
      [['--role', 'county', '--username', 'wh-admin', '--phone', '1391234', '--division', '530102'], '--phone：手机号格式不正确（应为 11 位手机号）'],
      [['--role', 'county', '--username', 'wh-admin', '--phone', '13912340001', '--division', '539999'], '--division：行政区划代码不正确'],
      [['--role', 'county', '--username', 'wh-admin', '--phone', '13912340001', '--division', '530100'], '--division：所选行政区划不是县（市、区）级'],
      [['--role', 'county', '--username', 'wh-admin', '--phone', '13912340001'], '--division：必填'],
      [['--role', 'prefecture', '--username', 'bj-admin', '--phone', '13912340001', '--division', '110100'], '--division: is not a division of this province (530000)', 'en'],
      [['--role', 'agency_admin', '--username', 'x-admin', '--phone', '13912340001'], '--role: must be one of: province, prefecture, county', 'en'],
    ];
    for (const [args, message, locale] of cases) {
      const r = await create(args, locale);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`yunqiao account create: ${message}\n`);
    }
    expect(await counts()).toEqual(before);
  }, 180_000);

  it('from there, the first county and agency through the API, to a staff member signing in by SMS code', async () => {
    const clock = new ManualClock(new Date());
    t = await createTestApp({ database: urls, clock });
    const signIn = async (username: string, password: string) => {
      const res = await app().send('POST', '/api/v1/auth/login', { username, password });
      expect(res.statusCode, res.body).toBe(200);
      return { me: res.json(), cookie: `yq_sid=${res.cookies.find((c) => c.name === 'yq_sid')?.value}` };
    };
    const changePassword = async (cookie: string, current: string) => {
      const res = await app().send('POST', '/api/v1/auth/password', { currentPassword: current, newPassword: 'Yunnan-bureau-2020!' }, cookie);
      expect(res.statusCode, res.body).toBe(204);
    };

    // the province signs in: nothing opens until the one-time password is changed
    const province = await signIn('sheng-admin', provincePassword);
    expect(province.me).toMatchObject({ role: 'province', divisionCode: '530000', mustChangePassword: true });
    expect((await app().get('/api/v1/registry/summary', province.cookie)).json().error.code).toBe('password_change_required');
    await changePassword(province.cookie, provincePassword);

    // the province gives 五华区's bureau its official
    const county = await app().send('POST', '/api/v1/memberships', { role: 'county', divisionCode: '530102', person: { phone: '13912340002', displayName: '五华区人力资源和社会保障局', username: 'wuhua' } }, province.cookie);
    expect(county.statusCode, county.body).toBe(201);
    const wuhua = await signIn('wuhua', county.json().oneTimePassword);
    await changePassword(wuhua.cookie, county.json().oneTimePassword);

    // the county registers an agency and gives its administrator a membership
    const agency = await app().send('POST', '/api/v1/agencies', agencyInput('530102'), wuhua.cookie);
    expect(agency.statusCode, agency.body).toBe(201);
    const agencyId = agency.json().id as number;
    const admin = await app().send('POST', '/api/v1/memberships', { role: 'agency_admin', agencyId, person: { phone: '13912340003', displayName: '李建华', username: 'wuhua-hr' } }, wuhua.cookie);
    expect(admin.statusCode, admin.body).toBe(201);
    const hr = await signIn('wuhua-hr', admin.json().oneTimePassword);
    await changePassword(hr.cookie, admin.json().oneTimePassword);

    // the administrator imports the roster; its rows become staff memberships
    const name = `花名册${unique()}`;
    const imported = await app().send('POST', `/api/v1/agencies/${agencyId}/staff/import`, await rosterFile(name), hr.cookie);
    expect(imported.statusCode, imported.body).toBe(200);
    const [staff] = await rows<{ phone: string }>('select phone from agency_staff where name = $1', [name]);
    const phone = staff?.phone as string;

    // the staff member signs in by phone and SMS code
    expect((await app().send('POST', '/api/v1/auth/sms-code', { phone })).statusCode).toBe(202);
    await runQueuedJobs(app().deps, jobOf(identityJobs, sendLoginCodeContract), (d) => d.phone === phone, { clock });
    const [sms] = await rows<{ payload: { code: string } }>('select payload from outbox where recipient = $1 order by id desc limit 1', [phone]);
    const res = await app().send('POST', '/api/v1/auth/sms-login', { phone, code: sms?.payload.code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'agency_staff', agencyId, mustChangePassword: false });

    // the province's desk lists them all
    const listed = (await app().get('/api/v1/memberships?limit=200', province.cookie)).json().items.map((m: { role: string; person: { username: string | null } }) => [m.role, m.person.username]);
    expect(listed).toEqual([
      ['province', 'sheng-admin'],
      ['county', 'wuhua'],
      ['agency_admin', 'wuhua-hr'],
      ['agency_staff', null],
    ]);
  }, 120_000);
});
