// Callers and targets for the authorization matrix: the 12 demo accounts plus an anonymous
// caller, and for each caller a row inside its scope and one outside it (fresh rows, created here).
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import * as registryRepo from '../../src/server/modules/registry/repository/staff.ts';
import { citizenId, creditCode, mobile, unique } from '../helpers/factories.ts';
import type { TestApp } from '../helpers/app.ts';
import type { Role } from '../../src/shared/roles.ts';
import { maskCitizenId } from '../../src/shared/checksums.ts';

export type Caller = {
  name: string;
  role: Role | null;
  /** Division-code prefix of the caller's scope (null: anonymous and job seekers). */
  prefix: string | null;
  cookie?: string;
  agencyId?: number;
  employerId?: number;
};

/** The 12 demo accounts (all 7 roles) and an anonymous caller. */
export const CALLERS: Caller[] = [
  { name: 'anonymous', role: null, prefix: null },
  { name: 'prov', role: 'province', prefix: '53' },
  { name: 'km', role: 'prefecture', prefix: '5301' },
  { name: 'qj', role: 'prefecture', prefix: '5303' },
  { name: 'wh', role: 'county', prefix: '530102' },
  { name: 'pl', role: 'county', prefix: '530103' },
  { name: 'qlz', role: 'county', prefix: '530302' },
  { name: 'agency-wh', role: 'agency_admin', prefix: '530102' },
  { name: 'agency-qlz', role: 'agency_admin', prefix: '530302' },
  { name: 'staff-wh', role: 'agency_staff', prefix: '530102' },
  { name: 'employer-km', role: 'employer', prefix: '530102' },
  { name: 'seeker', role: 'seeker', prefix: null },
  { name: 'graduate', role: 'seeker', prefix: null },
];

/** For officials: a county inside their scope and one outside it (the province has no outside). */
const OFFICIAL_COUNTIES: Record<string, { in: string; out: string | null }> = {
  prov: { in: '532801', out: null },
  km: { in: '530103', out: '530302' },
  qj: { in: '530303', out: '530102' },
  wh: { in: '530102', out: '530103' },
  pl: { in: '530103', out: '530102' },
  qlz: { in: '530302', out: '530303' },
};
export const FIXTURE_COUNTIES = ['530102', '530103', '530302', '530303', '532801'];

export const MISSING_ID = 987_654_321;

type Key = { division: string; id: number };
export type Fixtures = {
  agency: Record<string, Key>;
  employer: Record<string, Key>;
  /** One staff member per agency id (fixture agencies and the demo agencies of agency-wh and agency-qlz). */
  staff: Map<number, number>;
  demoAgency: Record<string, Key>;
};

export type Target = 'in' | 'out' | 'missing';

export async function signIn(t: TestApp): Promise<void> {
  await Promise.all(
    CALLERS.filter((c) => c.role).map(async (c) => {
      c.cookie = await t.login(c.name);
      const me = (await t.get('/api/v1/me', c.cookie)).json();
      expect(me.role, c.name).toBe(c.role);
      if (me.agencyId) c.agencyId = me.agencyId;
      if (me.employerId) c.employerId = me.employerId;
    }),
  );
}

export async function createFixtures(t: TestApp): Promise<Fixtures> {
  const prov = CALLERS.find((c) => c.name === 'prov')?.cookie as string;
  const fx: Fixtures = { agency: {}, employer: {}, staff: new Map(), demoAgency: {} };
  for (const division of FIXTURE_COUNTIES) {
    const a = await t.send('POST', '/api/v1/agencies', agencyBody(division), prov);
    expect(a.statusCode, a.body).toBe(201);
    fx.agency[division] = { division, id: a.json().id };
    const e = await t.send('POST', '/api/v1/employers', employerBody(division), prov);
    expect(e.statusCode, e.body).toBe(201);
    fx.employer[division] = { division, id: e.json().id };
  }
  for (const name of ['agency-wh', 'agency-qlz']) {
    const c = CALLERS.find((x) => x.name === name) as Caller;
    fx.demoAgency[name] = { division: c.prefix as string, id: c.agencyId as number };
  }
  const now = t.deps.clock.now();
  for (const key of [...Object.values(fx.agency), ...Object.values(fx.demoAgency)]) {
    const id = citizenId(key.division);
    const [staffId] = await registryRepo.insertStaff(t.deps.db, [
      {
        division_code: key.division,
        agency_id: key.id,
        name: `矩阵员工${unique()}`,
        phone: mobile(),
        id_number_enc: t.deps.crypto.encrypt(id),
        id_number_hash: t.deps.crypto.keyedHash(id),
        id_number_masked: maskCitizenId(id),
        position: '初始岗位',
        created_at: now,
        updated_at: now,
      },
    ]);
    fx.staff.set(key.id, staffId as number);
  }
  return fx;
}

export function agencyBody(division: string) {
  return {
    name: `矩阵机构${unique()}`,
    kind: 'commercial' as const,
    licenceNo: `MX-${unique()}`,
    creditCode: creditCode(division),
    divisionCode: division,
    address: '矩阵路 1 号',
    responsiblePerson: '矩阵负责人',
    responsiblePhone: mobile(),
  };
}

export function employerBody(division: string) {
  return {
    creditCode: creditCode(division),
    name: `矩阵用人单位${unique()}`,
    industryCode: '2770',
    divisionCode: division,
    address: '矩阵路 2 号',
    contactName: '矩阵联系人',
    contactPhone: mobile(),
  };
}

export const staffBody = () => ({ name: `矩阵新员工${unique()}`, phone: mobile(), idNumber: citizenId(), position: '招聘专员' });

/** A county for a create: in scope for officials; for other roles any county (they are refused anyway). */
export function countyFor(c: Caller, target: Target): string | null {
  const o = OFFICIAL_COUNTIES[c.name];
  if (o) return target === 'out' ? o.out : o.in;
  const own = c.prefix ?? '530102';
  return target === 'out' ? (own === '530302' ? '530102' : '530302') : own;
}

/** An agency the caller may see ('in'), one it may not ('out'), or an id that does not exist. */
export function agencyFor(fx: Fixtures, c: Caller, target: Target): Key | null {
  if (target === 'missing') return { division: '530102', id: MISSING_ID };
  if (c.role === 'agency_admin' || c.role === 'agency_staff') {
    const own = { division: c.prefix as string, id: c.agencyId as number };
    // out: another agency in the very same county, so only the agency check stands in the way
    return target === 'in' ? own : (fx.agency[c.prefix as string] as Key);
  }
  const county = countyFor(c, target);
  return county ? (fx.agency[county] as Key) : null;
}

export function employerFor(fx: Fixtures, c: Caller, target: Target): Key | null {
  if (target === 'missing') return { division: '530102', id: MISSING_ID };
  if (c.role === 'employer') {
    return target === 'in' ? { division: c.prefix as string, id: c.employerId as number } : (fx.employer[c.prefix as string] as Key);
  }
  const county = countyFor(c, target);
  return county ? (fx.employer[county] as Key) : null;
}

/** Whether a six-digit code lies in the caller's scope. */
export const inScope = (c: Caller, code: string) => c.prefix !== null && code.startsWith(c.prefix);

/** Follows `next` to the end of a list. */
export async function pageAll<T>(t: TestApp, url: string, cookie: string | undefined): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await t.get(`${url}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    out.push(...res.json().items);
    cursor = res.json().next;
    if (!cursor) return out;
  }
  throw new Error(`${url}: more than 100 pages`);
}

/** The first sheet of an .xlsx answer as objects keyed by the header row. */
export async function sheetRows(res: LightMyRequestResponse): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])));
  });
  return rows;
}

export async function rosterFile(name: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '手机号', '身份证号', '岗位']);
  ws.addRow([name, mobile(), citizenId(), '导入']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
