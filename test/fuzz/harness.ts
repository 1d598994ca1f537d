// The API fuzzer's engine: reads the OpenAPI document the app serves, derives one fast-check
// arbitrary of requests per operation (parameters and body from their JSON Schemas, valid and
// invalid; a caller among anonymous and the 12 demo accounts; headers, cookies, content types),
// sends each through app.inject and checks the properties of docs/security.md ("The API fuzzer"):
//   1. never a 5xx;
//   2. the status is one the operation documents, and the body matches the documented schema
//      (2xx: the operation's own; errors: the one Error shape);
//   3. every 400 names what is wrong: details[] non-empty, each with `field`, or `row` and `column`;
//   4. after any 4xx no row of any table in the public schema changed, except the audit tables and
//      the sign-in throttle / rate-limit counters (per table, listed from the catalogue: its row
//      count and newest row version's transaction id).
// The app runs on a database of its own (cloned from the template) with rate limits relaxed, so
// lockouts and thousands of writes stay inside this suite. Successful writes drift the state; no
// property depends on it.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import pg from 'pg';
import { expect } from 'vitest';
import type { Access } from '../../src/server/http/auth.ts';
import { DEMO_PASSWORD, DEMO_PHONES } from '../../src/server/seed/demo.ts';
import { citizenIdCheckChar, creditCodeCheckChar } from '../../src/shared/checksums.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { cloneTemplate } from '../helpers/db.ts';
import * as f from '../authz/fixtures.ts';
import { type Hints, type JsonSchema, invalidOf, nastyString, RAW_PATH_IDS, RAW_QUERY_VALUES, validOf } from './arbitraries.ts';

/** Generated requests per operation: FUZZ_RUNS (npm run test:fuzz sets 1000; npm test's server pass 10, scripts/test-lib.mjs), else a quick 30 (npm test's embedded pass). */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** Every request answers within this, or the case fails naming the request. */
const ANSWER_WITHIN_MS = 10_000;
/** FUZZ_SEED replays a run (fast-check prints the seed and path of a failure). */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Rate limits are configuration: the fuzzer runs with them relaxed (and still accepts a documented 429). */
export const LIMITS = 'relaxed';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Tables a refused request may change, named one by one (a new table is watched until it is added
 * here on purpose): the audit trail, the sign-in throttle (per login and device), the rate-limit
 * counters (per address, per phone, SMS budgets), and the SMS codes' try counts.
 */
const MAY_CHANGE_ON_REFUSAL = new Set(['audit_entries', 'audit_personal', 'audit_pending', 'audit_chain', 'login_throttle', 'limit_counters', 'login_codes']);

export type Operation = {
  key: string;
  method: string;
  path: string;
  access: Access | undefined;
  parameters: { in: 'path' | 'query'; name: string; required?: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
  /** The body is a file of one of these types (a binary request body in the document). */
  fileTypes: string[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};

type Caller = f.Caller & { index: number };

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string | null; text: string }
  | { kind: 'file'; contentType: string | null; file: number };

/** One generated request; `caller` indexes CALLERS (0 is anonymous). */
export type Case = {
  caller: number;
  cookie: 'own' | 'none' | 'garbage' | 'stale';
  path: Record<string, string>;
  query: string;
  body: Body;
  lang: string | null;
  csrf: boolean;
};

/** Per operation: requests sent (generated, seeds and shrinking), wall time in ms, answers by status. */
export type Stats = { cases: number; ms: number; statuses: Record<string, number> };

export type Fuzzer = {
  t: TestApp;
  operations: Operation[];
  /** Builds the arbitrary for one operation. */
  arbitrary(op: Operation): fc.Arbitrary<Case>;
  /** Sends one case and checks every property; throws on the first broken one. */
  run(op: Operation, c: Case): Promise<void>;
  stats: Map<string, Stats>;
  /** fast-check's options for one operation's property (runs, seed, the seeds as examples). */
  options(examples: Case[]): fc.Parameters<[Case]>;
  close(shard: string): Promise<void>;
};

export const baseCase = (over: Partial<Case> = {}): Case => ({ caller: 0, cookie: 'own', path: {}, query: '', body: { kind: 'none' }, lang: null, csrf: true, ...over });

/** The index in CALLERS of a demo account (the seeds name callers by their username). */
export const callerIndex = (name: string) => f.CALLERS.findIndex((c) => c.name === name);

export async function createFuzzer(name: string): Promise<Fuzzer> {
  const db = await cloneTemplate(name);
  const access = new Map<string, Access | undefined>();
  const t = await createTestApp({
    database: db,
    env: { YUNQIAO_LIMITS: LIMITS },
    onRoute: (r: RouteOptions) => {
      for (const m of [r.method].flat()) access.set(`${m} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.config?.access);
    },
  });
  const owner = new pg.Pool({ connectionString: db.ownerUrl, max: 1 });
  // an idle connection ended from outside (the scratch database dropped WITH (FORCE) at close) is no test failure
  owner.on('error', () => {});

  // callers: our own copies (fixtures.ts's CALLERS are shared by the files of a worker)
  const callers: Caller[] = f.CALLERS.map((c, index) => ({ ...c, index }));
  for (const c of callers) if (c.role) await signIn(c);
  const prov = callers[callerIndex('prov')] as Caller;
  for (const c of f.CALLERS) Object.assign(c, callers.find((x) => x.name === c.name)); // fixtures.ts reads prov's cookie
  const fx = await f.createFixtures(t);
  const demoHash = (await owner.query<{ h: string }>('select password_hash as h from accounts where username = $1', ['prov'])).rows[0]?.h as string;

  async function signIn(c: Caller) {
    c.cookie = await t.login(c.name);
    const me = (await t.get('/api/v1/me', c.cookie)).json();
    if (me.agencyId) c.agencyId = me.agencyId;
    if (me.employerId) c.employerId = me.employerId;
  }

  // ids: every fixture row (in and out of each caller's scope), the demo agencies, a missing id
  const agencyIds = [...Object.values(fx.agency), ...Object.values(fx.demoAgency)].map((k) => k.id);
  const employerIds = [...Object.values(fx.employer)].map((k) => k.id).concat(callers.filter((c) => c.employerId).map((c) => c.employerId as number));
  const staffIds = [...fx.staff.values()];
  // the demo seed's venues, slots, visits and bookings (and their printed codes), for the venue routes
  const venueIds = (await owner.query<{ id: number }>('select id from venues union select id from venue_slots union select id from visits union select id from bookings')).rows.map((r) => Number(r.id));
  const venueCodes = (await owner.query<{ code: string }>('select code from venue_codes')).rows.map((r) => r.code);
  // incidents and desk notices (the demo seed's late incident and its notices), for the incident and inbox routes
  const incidentIds = (await owner.query<{ id: number }>('select id from prevention_incidents union select id from prevention_inbox')).rows.map((r) => Number(r.id));
  const idPool = [...new Set([...agencyIds, ...employerIds, ...staffIds, ...venueIds, ...incidentIds, f.MISSING_ID, 1, 2, 3])].map(String);
  const staffPool = [...new Set([...staffIds, f.MISSING_ID, 1])].map(String);
  const existingCredit = (await owner.query<{ c: string }>('select credit_code as c from agencies union all select credit_code from employers')).rows.map((r) => r.c);

  // cursors: real ones from the lists, to be tampered with and replayed anywhere
  const cursors: string[] = [];
  const whAgency = fx.demoAgency['agency-wh']?.id;
  for (const [url, cookie] of [['/api/v1/agencies?limit=1', prov.cookie], ['/api/v1/employers?limit=1', prov.cookie], ['/api/v1/audit?limit=1', prov.cookie], [`/api/v1/agencies/${whAgency}/staff?limit=1`, prov.cookie]] as const) {
    const next = (await t.get(url, cookie)).json().next;
    if (typeof next === 'string') cursors.push(next);
  }

  // files for the upload routes
  const files: Buffer[] = [await f.rosterFile('模糊测试员工'), await f.rosterFile('名\u0000字'), await rosterWith([['姓名', '手机号', '身份证号', '岗位']]), await rosterWith([['name', 'phone'], ['a', 'b']]), await rosterWith([['姓名', '手机号', '身份证号', '岗位'], ['张三', 13800138000, 5.30102199001011e17, '岗位'], ['', '', '', '']]), Buffer.alloc(0), Buffer.from('PK\u0003\u0004garbage'), Buffer.from('姓名,手机号\n张三,13800138000\n'), Buffer.from([0xff, 0xfe, 0x00, 0x00])];

  // counties: mostly the fixtures' (each inside some callers' scope and outside others'), sometimes
  // a province, a prefecture, another province's county or no division at all
  const counties = fc.oneof({ arbitrary: fc.constantFrom(...f.FIXTURE_COUNTIES), weight: 3 }, { arbitrary: fc.constantFrom('530000', '530100', '110101', '000000', '999999', '530199'), weight: 1 });
  const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
  const creditOf = fc.tuple(counties, digits(7)).map(([d, s]) => {
    const first17 = `91${d}MA${s}`;
    return first17 + creditCodeCheckChar(first17);
  });
  const citizenOf = fc.tuple(counties, fc.date({ min: new Date('1940-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), digits(3)).map(([d, born, s]) => {
    const first17 = `${d}${born.toISOString().slice(0, 10).replace(/-/g, '')}${s}`;
    return first17 + citizenIdCheckChar(first17);
  });
  const phoneOf = fc.oneof(
    fc.tuple(fc.constantFrom('13', '15', '18', '19'), digits(9)).map(([a, b]) => a + b),
    fc.constantFrom(...Object.values(DEMO_PHONES), '+86 138-0013-8000', '138 0013 8000', '８６１３８００１３８０００', '12345678901'),
  );
  const words = fc.constantFrom('昆明五华人力资源服务有限公司', '测试地址 1 号', '招聘专员', '王小明', 'O\'Brien & Co. "Ltd"', '云南·昆明', 'Zhang San');
  const hints: Hints = {
    creditCode: fc.oneof(creditOf, fc.constantFrom(...existingCredit)),
    divisionCode: counties,
    division: fc.constantFrom('53', '5301', '5303', '530102', '530302', '532801', '11', '00'),
    parent: fc.constantFrom('53', '5301', '530102', 'A', 'C', '27', '2', '2-02'),
    industryCode: fc.constantFrom('2770', '0111', 'A', '27', '9999'),
    username: fc.constantFrom(...f.CALLERS.filter((c) => c.role).map((c) => c.name), 'nobody', 'PROV', ' prov'),
    password: fc.constantFrom(DEMO_PASSWORD, 'wrong-password'),
    currentPassword: fc.constantFrom(DEMO_PASSWORD, 'wrong-password'),
    newPassword: fc.constantFrom('Fuzz-new-password-2024', DEMO_PASSWORD, 'x'),
    phone: phoneOf,
    responsiblePhone: phoneOf,
    contactPhone: phoneOf,
    idNumber: citizenOf,
    name: words,
    address: words,
    position: words,
    contactName: words,
    responsiblePerson: words,
    licenceNo: fc.constantFrom('人社服务证字〔2020〕第 0001 号', 'LIC-1'),
    action: fc.constantFrom('registry.agency.create', 'identity.login', 'http.post'),
    q: fc.constantFrom('昆明', '公司', '%', '_', '530102'),
    temperature: fc.constantFrom<string | number>('36.5', '37,6', '３６．５', '36.5℃', 365, 98.6, '正常', '', 36.8, 42.1),
    date: fc.constantFrom('2020-02-17', '2020-02-30', '2020-2-1', 'today'),
    from: fc.constantFrom('2020-02-01', '2020-02-17', 'x'),
    to: fc.constantFrom('2020-02-07', '2020-01-01', '2021-02-07'),
  };

  const operations: Operation[] = [];
  const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: JsonSchema }> }; responses: Operation['responses'] }>>; components: object };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      const key = `${method} ${path}`;
      const content = op.requestBody?.content ?? {};
      const fileTypes = Object.keys(content).filter((type) => content[type]?.schema.format === 'binary');
      operations.push({ key, method, path, access: access.get(key), parameters: op.parameters ?? [], body: content['application/json']?.schema ?? null, fileTypes, responses: op.responses });
    }
  }

  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (op: Operation, status: string, schema: object) => {
    const k = `${op.key} ${status}`;
    let v = validators.get(k);
    if (!v) {
      v = ajv.compile({ ...schema, components: doc.components });
      validators.set(k, v);
    }
    return v;
  };

  const cookieArb = fc.constantFrom<Case['cookie']>('own', 'own', 'own', 'own', 'own', 'own', 'none', 'garbage', 'stale');
  const langArb = fc.constantFrom(null, null, 'en', 'zh-CN', 'en-US,en;q=0.9', 'fr', '*', 'zh-CN;q=0, en;q=0.1');
  const staleTokens: string[] = ['yq_sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'];

  function callerArb(op: Operation): fc.Arbitrary<number> {
    const allowed = callers.filter((c) => allowedFor(op.access, c)).map((c) => c.index);
    const all = callers.map((c) => c.index);
    if (!allowed.length || allowed.length === all.length) return fc.constantFrom(...all);
    return fc.oneof({ arbitrary: fc.constantFrom(...allowed), weight: 3 }, { arbitrary: fc.constantFrom(...all), weight: 1 });
  }

  function pathArb(op: Operation): fc.Arbitrary<Record<string, string>> {
    const params = op.parameters.filter((p) => p.in === 'path');
    const model = Object.fromEntries(
      params.map((p) => [
        p.name,
        fc.oneof(
          { arbitrary: fc.constantFrom(...(p.name === 'staffId' ? staffPool : p.name === 'code' ? [...venueCodes, 'k7q2-m9xp-t4ca', 'ZZZZZZZZZZZZ'] : idPool)), weight: 6 },
          { arbitrary: fc.constantFrom(...RAW_PATH_IDS), weight: 2 },
          { arbitrary: nastyString.filter((s) => s.length < 300).map(encodeLoosely), weight: 1 },
        ),
      ]),
    );
    return fc.record(model) as fc.Arbitrary<Record<string, string>>;
  }

  const cursorArb: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom(...(cursors.length ? cursors : ['x'])),
    fc.array(fc.oneof(fc.constantFrom('530102', '53010', '5301020', '１', '2024-13-45T00:00:00Z', 'yesterday', '2024-01-01T00:00:00Z', '\u0000'), fc.integer(), fc.double(), fc.constantFrom(1.5, -1, 1e300, 2 ** 53, null, true), fc.array(fc.integer(), { maxLength: 2 })), { maxLength: 4 }).map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url')),
    fc.constantFrom(...cursors).map((c) => c.slice(0, -2)),
    fc.string({ maxLength: 40 }).map((s) => Buffer.from(s).toString('base64url')),
    fc.constantFrom('e30', 'bnVsbA', 'W10', '!!!', 'x'.repeat(201), 'WyI1MzAxMDIiLDFd==='),
  );

  function queryArb(op: Operation): fc.Arbitrary<string> {
    const params = op.parameters.filter((p) => p.in === 'query');
    const one = (p: Operation['parameters'][number]): fc.Arbitrary<string[]> => {
      const valid = p.name === 'cursor' ? cursorArb : validOf(p.schema, p.name, hints);
      const value = fc.oneof(
        { arbitrary: valid.map((v) => [encodeLoosely(String(v))]), weight: 5 },
        { arbitrary: invalidOf(p.schema, p.name, hints).map((v) => (Array.isArray(v) ? v.map((x) => encodeLoosely(String(x))) : [encodeLoosely(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))])), weight: 3 },
        { arbitrary: fc.constantFrom(...RAW_QUERY_VALUES).map((v) => [v]), weight: 1 },
      );
      return value.map((vs) => vs.map((v) => `${encodeURIComponent(p.name)}=${v}`));
    };
    const parts = params.map((p) => fc.option(one(p), { nil: [], freq: 2 }));
    const extra = fc.option(fc.constantFrom('unknown=1', 'limit[]=1', 'q[a]=1', 'cursor=', '__proto__[x]=1', '%00=1', 'a=%00', '&&', '='), { nil: '', freq: 4 });
    return fc.tuple(fc.tuple(...parts), extra).map(([ps, x]) => [...ps.flat(), ...(x ? [x] : [])].join('&'));
  }

  const MALFORMED = ['{', '{"a":', 'nul', '[', '"\\u0000"', '{"username":"\\ud800","password":"x"}', '\ufeff{}', `${'['.repeat(40)}${']'.repeat(40)}`, `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`, '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', '1e999', '{"x":1e999}', '', ' ', 'null', '[]'];

  function bodyArb(op: Operation): fc.Arbitrary<Body> {
    if (!WRITES.has(op.method)) return fc.constant<Body>({ kind: 'none' });
    const raw = fc.oneof(
      fc.record({ kind: fc.constant('raw' as const), contentType: fc.constant('application/json'), text: fc.constantFrom(...MALFORMED) }),
      fc.record({ kind: fc.constant('raw' as const), contentType: fc.constantFrom(null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=latin1', 'application/xml', XLSX), text: fc.constantFrom('{"a":1}', 'a=1', '<a/>', '') }),
    );
    if (op.fileTypes.length) {
      return fc.oneof(
        { arbitrary: fc.record({ kind: fc.constant('file' as const), contentType: fc.constantFrom<string | null>(...op.fileTypes, ...op.fileTypes, ...op.fileTypes, 'application/octet-stream', 'text/csv', null), file: fc.nat({ max: files.length - 1 }) }), weight: 5 },
        { arbitrary: raw, weight: 1 },
        { arbitrary: fc.constant<Body>({ kind: 'none' }), weight: 1 },
      );
    }
    if (!op.body) {
      return fc.oneof({ arbitrary: fc.constant<Body>({ kind: 'none' }), weight: 4 }, { arbitrary: raw, weight: 1 });
    }
    const schema = op.body;
    return fc.oneof(
      { arbitrary: validOf(schema, 'body', hints).map((value): Body => ({ kind: 'json', value })), weight: 4 },
      { arbitrary: invalidOf(schema, 'body', hints).map((value): Body => ({ kind: 'json', value })), weight: 5 },
      { arbitrary: raw, weight: 1 },
      { arbitrary: fc.constant<Body>({ kind: 'none' }), weight: 1 },
    );
  }

  function arbitrary(op: Operation): fc.Arbitrary<Case> {
    return fc.record({
      caller: callerArb(op),
      cookie: cookieArb,
      path: pathArb(op),
      query: queryArb(op),
      body: bodyArb(op),
      lang: langArb,
      csrf: fc.constantFrom(true, true, true, true, true, true, true, true, true, false),
    });
  }

  // ---- state: a checksum per table, and the callers' sessions -------------------------------------
  const tables = (
    await owner.query<{ t: string }>(
      `select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
    )
  ).rows.map((r) => r.t);
  const watched = tables.filter((x) => !MAY_CHANGE_ON_REFUSAL.has(x));
  const counters = tables.filter((x) => MAY_CHANGE_ON_REFUSAL.has(x) && !x.startsWith('audit_'));
  // per table: its row count and the newest inserting transaction among its rows (xmin): an insert or
  // an update writes a row version with a new xmin, a delete lowers the count (five times cheaper
  // than hashing every row's text, and stricter: an update writing the same values counts too)
  const snapshotSql = watched.map((x) => `select '${x}' as t, count(*)::text as n, coalesce(max(r.xmin::text::bigint), 0)::text as h from "${x}" r`).join(' union all ');
  const snapshot = async () => Object.fromEntries((await owner.query<{ t: string; n: string; h: string }>(snapshotSql)).rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  let last: Record<string, string> | null = null;

  /** Puts a caller back to work after a fuzzed request ended its session (logout, password change, a closed organisation). */
  async function revive(c: Caller) {
    await owner.query("update accounts set password_hash = $1, status = 'active' where username = $2", [demoHash, c.name]);
    for (const x of counters) await owner.query(`delete from "${x}"`);
    if (c.agencyId) await owner.query("update agencies set status = 'active' where id = $1", [c.agencyId]);
    if (c.employerId) await owner.query("update employers set status = 'active' where id = $1", [c.employerId]);
    await owner.query(
      "update agency_staff set status = 'active' where id in (select m.staff_id from memberships m join accounts a on a.id = m.account_id where a.username = $1 and m.staff_id is not null)",
      [c.name],
    );
    await owner.query("update memberships set status = 'active' where account_id = (select id from accounts where username = $1)", [c.name]);
    // a job seeker who closed their registration (DELETE /seekers/me) lost the membership itself
    if (c.role === 'seeker') {
      await owner.query(
        "insert into memberships (account_id, role, seeker_group, created_at) select a.id, 'seeker', 'other', now() from accounts a where a.username = $1 and not exists (select 1 from memberships m where m.account_id = a.id and m.role = 'seeker')",
        [c.name],
      );
    }
    await signIn(c);
    last = null;
  }

  async function keepSessions(op: Operation, c: Case, status: number) {
    if (status >= 300 || !WRITES.has(op.method)) return;
    // a number change or a disabled membership ends sessions of someone among the callers
    const suspects = /auth\/(logout|password)/.test(op.path) || op.key === 'DELETE /api/v1/seekers/me'
      ? [callers[c.caller] as Caller]
      : /^PATCH /.test(op.key)
        ? callers.filter((x) => x.agencyId || x.employerId)
        : /\/accounts\/\{id\}\/phone$|\/memberships\/\{id\}\/disable$/.test(op.path)
          ? callers
          : [];
    for (const s of suspects) {
      if (!s.role) continue;
      if (s.cookie) {
        const me = await t.get('/api/v1/me', s.cookie);
        if (me.statusCode === 200) continue;
        staleTokens.push(s.cookie);
      }
      await revive(s);
    }
  }

  const stats = new Map<string, Stats>();

  async function run(op: Operation, c: Case): Promise<void> {
    const caller = callers[c.caller] as Caller;
    const named = (v: string) => (v.startsWith('@') ? String(callers.find((x) => x.name === v.slice(1))?.agencyId ?? 1) : v);
    // an empty path value would name another operation (`/employers/` is the list, trailing slashes
    // forgiven): it goes in as a lone space, a malformed id of this one
    const url = `${op.path.replace(/\{(\w+)\}/g, (_, p: string) => named(c.path[p] ?? '1') || '%20')}${c.query ? `?${c.query}` : ''}`;
    const headers: Record<string, string> = {};
    if (c.csrf) headers['x-requested-with'] = 'fuzz';
    if (c.lang) headers['accept-language'] = c.lang;
    const cookie = c.cookie === 'own' ? caller.cookie : c.cookie === 'garbage' ? 'yq_sid=%00garbage' : c.cookie === 'stale' ? staleTokens[staleTokens.length - 1] : undefined;
    if (cookie) headers.cookie = cookie;
    let payload: string | Buffer | undefined;
    const b = c.body;
    if (b.kind === 'json') {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(b.value) ?? '';
    } else if (b.kind === 'raw') {
      if (b.contentType) headers['content-type'] = b.contentType;
      payload = b.text;
    } else if (b.kind === 'file') {
      if (b.contentType) headers['content-type'] = b.contentType;
      payload = files[b.file];
    }
    const started = performance.now();
    last ??= await snapshot();
    const before = last;
    // a request that never answers is a finding too: fail naming it, rather than stall the run
    let timer: NodeJS.Timeout | undefined;
    const res = await Promise.race([
      t.app.inject({ method: op.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ANSWER_WITHIN_MS} ms: ${op.method} ${url} as ${caller.name}, body ${String(payload ?? '').slice(0, 300)}`)), ANSWER_WITHIN_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    const status = res.statusCode;
    const st = stats.get(op.key) ?? { cases: 0, ms: 0, statuses: {} };
    st.cases++;
    st.statuses[status] = (st.statuses[status] ?? 0) + 1;
    stats.set(op.key, st);
    const where = `${op.method} ${url} as ${caller.name} → ${status} ${res.body.slice(0, 300)}`;

    expect(status, `5xx: ${where}`).toBeLessThan(500);
    const documented = op.responses[String(status)];
    expect(documented, `status ${status} is not documented for ${op.key}: ${where}`).toBeDefined();
    checkBody(op, String(status), res, where, documented as Operation['responses'][string]);
    if (status >= 400) {
      // the words are filled in: no {placeholder} left in a message
      const e = res.json().error as { message: string; details?: { message: string }[] };
      expect(e.message, `an unfilled message: ${where}`).not.toMatch(/\{[a-z]+\}/);
      for (const d of e.details ?? []) expect(d.message, `an unfilled detail: ${where}`).not.toMatch(/\{(label|message)\}/);
    }
    if (status === 400) {
      const details = res.json().error.details as { field?: string; row?: number; column?: string }[] | undefined;
      expect(details?.length, `a 400 without details: ${where}`).toBeGreaterThan(0);
      for (const d of details ?? []) {
        const namesIt = (typeof d.field === 'string' && d.field.length > 0) || (typeof d.row === 'number' && typeof d.column === 'string');
        expect(namesIt, `a 400 detail naming no field (nor row and column): ${where}`).toBe(true);
      }
    }
    const after = await snapshot();
    last = after;
    if (status >= 400) {
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      expect(changed, `rows changed on a ${status}: ${where}`).toEqual([]);
    }
    await keepSessions(op, c, status);
    st.ms += performance.now() - started;
  }

  function checkBody(op: Operation, status: string, res: LightMyRequestResponse, where: string, documented: Operation['responses'][string]) {
    const type = String(res.headers['content-type'] ?? '');
    if (status === '204') {
      expect(res.body, `204 with a body: ${where}`).toBe('');
      return;
    }
    if (type.startsWith(XLSX)) {
      expect(Number(status) < 300 && op.path.endsWith('.xlsx'), `a workbook from ${op.key}: ${where}`).toBe(true);
      return;
    }
    expect(type, `not JSON: ${where}`).toMatch(/^application\/json/);
    const schema = documented.content?.['application/json']?.schema;
    expect(schema, `no documented JSON body for ${status}: ${where}`).toBeDefined();
    const validate = validatorFor(op, status, schema as object);
    const ok = validate(res.json());
    expect(ok, `body does not match the documented schema (${ajv.errorsText(validate.errors)}): ${where}`).toBe(true);
  }

  function options(examples: Case[]): fc.Parameters<[Case]> {
    // fast-check counts the examples among numRuns: RUNS generated requests come after the seeds
    return { numRuns: RUNS + examples.length, ...(SEED !== undefined ? { seed: SEED } : {}), examples: examples.map((e) => [e] as [Case]), endOnFailure: true };
  }

  async function close(shard: string) {
    writeSummary(shard, stats);

    await t.close();
    await owner.end();
    await db.drop();
  }

  return { t, operations, arbitrary, run, stats, options, close };
}

function allowedFor(access: Access | undefined, c: f.Caller): boolean {
  return access === 'public' || (c.role !== null && (access === 'authenticated' || (Array.isArray(access) && access.includes(c.role))));
}

/** URL-encodes a value; a lone surrogate (which encodeURIComponent refuses) goes in as the bytes a sloppy client would send. */
function encodeLoosely(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^\w%.-]/g, (ch) => encodeURIComponent(ch));
  }
}

async function rosterWith(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** test-results/fuzz-summary.json: cases and statuses per operation, per shard (merged across the fuzz files). */
function writeSummary(shard: string, stats: Map<string, Stats>) {
  const dir = join(import.meta.dirname, '../../test-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fuzz-summary.json');
  let all: { runsPerOperation: number; limits: string; operations: Record<string, Stats & { shard: string }> } = { runsPerOperation: RUNS, limits: LIMITS, operations: {} };
  try {
    if (existsSync(file)) {
      const prev = JSON.parse(readFileSync(file, 'utf8'));
      if (prev.runsPerOperation === RUNS) all = prev;
    }
  } catch {
    /* a broken summary is replaced */
  }
  for (const [k, s] of stats) all.operations[k] = { ...s, ms: Math.round(s.ms), shard };
  all.operations = Object.fromEntries(Object.entries(all.operations).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  const lines = [...stats].map(([k, s]) => `  ${k.padEnd(52)} ${String(s.cases).padStart(6)} ${`${(s.ms / 1000).toFixed(1)} s`.padStart(8)}  ${Object.entries(s.statuses).map(([c, n]) => `${c}×${n}`).join(' ')}`);
  console.log(`fuzz (${shard}): ${RUNS} generated requests per operation plus seeds, rate limits ${LIMITS} (YUNQIAO_LIMITS=${LIMITS})\n${lines.join('\n')}`);
}
