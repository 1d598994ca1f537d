// Agency staff, one at a time: the citizen ID checked (GB 11643), stored encrypted, shown masked;
// only the agency's own administrator writes its roster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { citizenId, mobile, unique } from '../../../../test/helpers/factories.ts';
import { citizenIdCheckChar } from '../../../shared/checksums.ts';

let t: TestApp;
let agencyWh: string;
let agencyQlz: string;
let whAgencyId: number;
let qlzAgencyId: number;

beforeAll(async () => {
  t = await createTestApp();
  [agencyWh, agencyQlz] = await Promise.all([t.login('agency-wh'), t.login('agency-qlz')]);
  whAgencyId = (await t.get('/api/v1/me', agencyWh)).json().agencyId;
  qlzAgencyId = (await t.get('/api/v1/me', agencyQlz)).json().agencyId;
});
afterAll(() => t.close());

const staffInput = (division = '530102') => ({ name: `员工${unique()}`, phone: mobile(), idNumber: citizenId(division), position: '招聘专员' });
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const countByName = async (name: string) =>
  Number((await t.deps.db.selectFrom('agency_staff').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', name).executeTakeFirstOrThrow()).n);

async function add(cookie: string, agencyId: number, input = staffInput()) {
  const res = await t.send('POST', `/api/v1/agencies/${agencyId}/staff`, input, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; idNumber: string; phone: string; status: string; position: string };
}

describe('adding staff', () => {
  it('agency-wh adds a member: 201, ID and phone masked, audited', async () => {
    const input = staffInput();
    const s = await add(agencyWh, whAgencyId, input);
    expect(s).toMatchObject({
      agencyId: whAgencyId,
      name: input.name,
      idNumber: masked(input.idNumber),
      phone: `${input.phone.slice(0, 3)}****${input.phone.slice(-4)}`,
      position: '招聘专员',
      status: 'active',
    });
    expect(s.idNumber).toMatch(/^530102\*{8}\d{3}[\dX]$/);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_username', 'outcome'])
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.staff.create')
      .where('target_id', '=', String(s.id))
      .execute();
    expect(audit).toEqual([{ actor_username: 'agency-wh', outcome: 'ok' }]);
  });

  it('stores the ID number encrypted: the raw column holds neither the number nor its digits', async () => {
    const input = staffInput();
    const s = await add(agencyWh, whAgencyId, input);
    const row = await t.deps.db
      .selectFrom('agency_staff')
      .select(['id_number_enc', 'id_number_hash', 'id_number_masked'])
      .where('division_code', '=', '530102')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(input.idNumber);
    expect(row.id_number_enc).not.toContain(input.idNumber.slice(6, 14)); // the birth date
    expect(row.id_number_hash).not.toContain(input.idNumber.slice(6, 14));
    expect(row.id_number_masked).toBe(masked(input.idNumber));
    expect(t.deps.crypto.decrypt(row.id_number_enc)).toBe(input.idNumber);
    // the API never answers the full number
    const list = await t.get(`/api/v1/agencies/${whAgencyId}/staff?limit=200`, agencyWh);
    expect(list.body).not.toContain(input.idNumber);
  });

  it('a wrong GB 11643 check digit or an impossible birth date: 400 naming idNumber, nothing written', async () => {
    const good = citizenId();
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const feb30 = '53010219990230123'; // 30 February, with a check character that fits
    const cases = [
      [wrongCheck, '校验位（最后一位）与前 17 位不符，请逐位核对'],
      [feb30 + citizenIdCheckChar(feb30), '身份证号中的出生日期 1999-02-30 不存在，请核对第 7–14 位'],
      ['53010219900101123', '应为 18 位（现为 17 位）'],
      ['abc', '应为 18 位（现为 3 位）'],
    ];
    for (const [idNumber, message] of cases as [string, string][]) {
      const input = { ...staffInput(), idNumber };
      const res = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, input, agencyWh);
      expect(res.statusCode, idNumber).toBe(400);
      expect(res.json().error.details).toEqual([{ field: 'idNumber', message: `身份证号：${message}` }]);
      expect(await countByName(input.name)).toBe(0);
    }
  });

  it('a lower-case x check character is accepted', async () => {
    let id = citizenId();
    while (!id.endsWith('X')) id = citizenId();
    const s = await add(agencyWh, whAgencyId, { ...staffInput(), idNumber: id.toLowerCase() });
    expect(s.idNumber).toBe(masked(id));
  });

  it('the same ID twice on one roster is 400; on another agency\'s roster it is fine', async () => {
    const input = staffInput();
    await add(agencyWh, whAgencyId, input);
    const again = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, { ...input, name: `${input.name}二` }, agencyWh);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details).toEqual([{ field: 'idNumber', message: '身份证号：该身份证号已在本机构花名册中' }]);
    expect(await countByName(`${input.name}二`)).toBe(0);
    await add(agencyQlz, qlzAgencyId, { ...input, name: `${input.name}麒麟` });
  });

  it('another agency\'s administrator gets 404 (as for a missing agency); officials and staff get 403', async () => {
    const input = staffInput();
    const other = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, input, agencyQlz);
    const missing = await t.send('POST', '/api/v1/agencies/987654321/staff', input, agencyQlz);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    for (const who of ['wh', 'staff-wh', 'employer-km']) {
      const res = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, input, await t.login(who));
      expect(res.statusCode, who).toBe(403);
    }
    expect(await countByName(input.name)).toBe(0);
  });
});

describe('changing and listing staff', () => {
  it('PATCH marks a member as left; the status filter and the active staffCount follow', async () => {
    const s = await add(agencyWh, whAgencyId);
    const active = async () =>
      Number((await t.deps.db.selectFrom('agency_staff').select((eb) => eb.fn.countAll<number>().as('n')).where('division_code', '=', '530102').where('agency_id', '=', whAgencyId).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
    const res = await t.send('PATCH', `/api/v1/agencies/${whAgencyId}/staff/${s.id}`, { status: 'left', position: '顾问' }, agencyWh);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: s.id, status: 'left', position: '顾问' });
    const left = await t.get(`/api/v1/agencies/${whAgencyId}/staff?status=left&limit=200`, agencyWh);
    expect(left.json().items.map((x: { id: number }) => x.id)).toContain(s.id);
    for (const x of left.json().items) expect(x.status).toBe('left');
    // staffCount is the active members (read back-to-back with the database: parallel files add staff too)
    const [count, db] = [(await t.get(`/api/v1/agencies/${whAgencyId}`, agencyWh)).json().staffCount as number, await active()];
    expect(count).toBeLessThanOrEqual(db);
  });

  it('a staff id of another agency is 404 even under one\'s own agency id', async () => {
    const theirs = await add(agencyQlz, qlzAgencyId, staffInput('530302'));
    const res = await t.send('PATCH', `/api/v1/agencies/${whAgencyId}/staff/${theirs.id}`, { position: '改' }, agencyWh);
    expect(res.statusCode).toBe(404);
    const row = await t.deps.db.selectFrom('agency_staff').select('position').where('division_code', '=', '530302').where('id', '=', theirs.id).executeTakeFirstOrThrow();
    expect(row.position).toBe('招聘专员');
  });

  it('an invalid phone in PATCH is 400 naming phone', async () => {
    const s = await add(agencyWh, whAgencyId);
    const res = await t.send('PATCH', `/api/v1/agencies/${whAgencyId}/staff/${s.id}`, { phone: '010-12345678' }, agencyWh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('phone');
  });

  it('the roster pages by id and shows only this agency\'s members', async () => {
    const seen = new Set<number>();
    let cursor: string | null = null;
    do {
      const res = await t.get(`/api/v1/agencies/${whAgencyId}/staff?limit=3${cursor ? `&cursor=${cursor}` : ''}`, agencyWh);
      expect(res.statusCode, res.body).toBe(200);
      for (const x of res.json().items) {
        expect(x.agencyId).toBe(whAgencyId);
        expect(seen.has(x.id)).toBe(false);
        seen.add(x.id);
      }
      cursor = res.json().next;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('officials in scope read the roster; staff-wh and an out-of-scope official cannot', async () => {
    expect((await t.get(`/api/v1/agencies/${whAgencyId}/staff`, await t.login('km'))).statusCode).toBe(200);
    expect((await t.get(`/api/v1/agencies/${whAgencyId}/staff`, await t.login('staff-wh'))).statusCode).toBe(403);
    expect((await t.get(`/api/v1/agencies/${whAgencyId}/staff`, await t.login('qlz'))).statusCode).toBe(404);
  });
});
