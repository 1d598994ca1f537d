// The roster in Excel: import (a file with any bad row is rejected whole, naming `row N, column X`,
// and writes nothing), the template, and the export (ID and phone numbers masked).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { citizenId, mobile, unique } from '../../../../test/helpers/factories.ts';

let t: TestApp;
let agencyWh: string;
let agencyQlz: string;
let whAgencyId: number;

beforeAll(async () => {
  t = await createTestApp();
  [agencyWh, agencyQlz] = await Promise.all([t.login('agency-wh'), t.login('agency-qlz')]);
  whAgencyId = (await t.get('/api/v1/me', agencyWh)).json().agencyId;
});
afterAll(() => t.close());

const HEADER = ['姓名', '手机号', '身份证号', '岗位'];

async function xlsx(rows: (string | number)[][], header: string[] = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return out;
}

/** Roster rows whose names start with the token (each test names its rows uniquely). */
const countToken = async (token: string) =>
  Number((await t.deps.db.selectFrom('agency_staff').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'like', `${token}%`).executeTakeFirstOrThrow()).n);

const importUrl = (id: number) => `/api/v1/agencies/${id}/staff/import`;

describe('roster import', () => {
  it('a good file imports every row, audited', async () => {
    const token = `导入${unique()}`;
    const ids = [citizenId(), citizenId(), citizenId()];
    const file = await xlsx([
      [`${token}一`, mobile(), ids[0] as string, '招聘专员'],
      [`${token}二`, Number(mobile()), ids[1] as string, ''], // a phone typed as a number still reads
      [`${token}三`, mobile(), (ids[2] as string).toLowerCase(), '测评师'],
    ]);
    const res = await t.send('POST', importUrl(whAgencyId), file, agencyWh);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
    expect(await countToken(token)).toBe(3);
    const rows = await t.deps.db.selectFrom('agency_staff').select(['id_number_masked', 'division_code', 'agency_id']).where('name', 'like', `${token}%`).orderBy('id').execute();
    expect(rows.map((r) => r.id_number_masked)).toEqual(ids.map((id) => `${id.slice(0, 6)}********${id.slice(14)}`));
    for (const r of rows) expect(r).toMatchObject({ division_code: '530102', agency_id: whAgencyId });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_username', 'detail'])
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.staff.import')
      .where('actor_username', '=', 'agency-wh')
      .orderBy('id', 'desc') // newest first (seq is null until the appender has chained it)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ rows: 3 });
  });

  it('a file with bad rows is rejected whole, each problem as `row N, column X`, and nothing is written', async () => {
    const token = `坏行${unique()}`;
    const good = citizenId();
    const wrongCheck = (() => {
      const id = citizenId();
      return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    })();
    const file = await xlsx([
      [`${token}一`, mobile(), good, '招聘专员'], // row 2: fine
      [`${token}二`, mobile(), wrongCheck, ''], // row 3: bad check digit
      [`${token}三`, '1381234', citizenId(), ''], // row 4: bad phone
      [`${token}四`, mobile(), good, ''], // row 5: same ID as row 2
      [`${token}五`, mobile(), citizenId(), '前台'], // row 6: fine
    ]);
    const total = async () =>
      Number((await t.deps.db.selectFrom('agency_staff').select((eb) => eb.fn.countAll<number>().as('n')).where('division_code', '=', '530102').where('agency_id', '=', whAgencyId).where('name', 'like', `${token}%`).executeTakeFirstOrThrow()).n);
    const before = await total();
    const res = await t.send('POST', importUrl(whAgencyId), file, agencyWh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'import_failed',
      message: '文件中有 3 处错误，未导入任何数据',
      details: [
        { row: 3, column: '身份证号', message: '第 3 行，身份证号：校验位（最后一位）与前 17 位不符，请逐位核对' },
        { row: 4, column: '手机号', message: '第 4 行，手机号：手机号格式不正确（应为 11 位手机号）' },
        { row: 5, column: '身份证号', message: '第 5 行，身份证号：与第 2 行重复' },
      ],
    });
    expect(await total()).toBe(before);
    expect(await countToken(token)).toBe(0);

    const en = await t.send('POST', importUrl(whAgencyId), file, agencyWh, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details[0]).toEqual({ row: 3, column: '身份证号', message: 'row 3, 身份证号: the check character (the last one) does not match the first 17; please check each digit' });
    expect(await countToken(token)).toBe(0);
  });

  it('a missing required cell is named by row and column', async () => {
    const token = `缺项${unique()}`;
    const res = await t.send('POST', importUrl(whAgencyId), await xlsx([[`${token}一`, '', citizenId(), '']]), agencyWh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ row: 2, column: '手机号', message: '第 2 行，手机号：手机号格式不正确（应为 11 位手机号）' }]);
    const noName = await t.send('POST', importUrl(whAgencyId), await xlsx([['', mobile(), citizenId(), '']]), agencyWh);
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details[0]).toMatchObject({ row: 2, column: '姓名' });
  });

  it('an ID already on the roster rejects the file whole', async () => {
    const token = `已在${unique()}`;
    const existing = citizenId();
    const first = await t.send('POST', importUrl(whAgencyId), await xlsx([[`${token}一`, mobile(), existing, '']]), agencyWh);
    expect(first.statusCode, first.body).toBe(200);
    const res = await t.send('POST', importUrl(whAgencyId), await xlsx([[`${token}二`, mobile(), citizenId(), ''], [`${token}三`, mobile(), existing, '']]), agencyWh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ row: 3, column: '身份证号', message: '第 3 行，身份证号：该身份证号已在本机构花名册中' }]);
    expect(await countToken(token)).toBe(1);
  });

  it('a wrong header is 400 naming the expected header; garbage is import_bad_file; an empty sheet is import_empty', async () => {
    const token = `表头${unique()}`;
    const header = await t.send('POST', importUrl(whAgencyId), await xlsx([[`${token}一`, mobile(), citizenId(), '']], ['名字', '电话', '身份证', '岗位']), agencyWh);
    expect(header.statusCode).toBe(400);
    expect(header.json().error).toEqual({ code: 'import_bad_header', message: '表头应为：姓名、手机号、身份证号、岗位', details: [{ field: 'file', message: '文件：表头应为：姓名、手机号、身份证号、岗位' }] });
    expect(await countToken(token)).toBe(0);

    for (const garbage of [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), Buffer.alloc(0)]) {
      const res = await t.send('POST', importUrl(whAgencyId), garbage, agencyWh);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('import_bad_file');
    }
    // a CSV sent as the workbook is named as what it is (test/cases/sheets-and-csv.test.ts)
    const csv = await t.send('POST', importUrl(whAgencyId), Buffer.from('姓名,手机号,身份证号,岗位\n张三,13800000000,1,x\n'), agencyWh);
    expect(csv.json().error.code).toBe('import_csv_as_xlsx');
    const empty = await t.send('POST', importUrl(whAgencyId), await xlsx([]), agencyWh);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('import_empty');
  });

  it('a JSON body is 415', async () => {
    const res = await t.send('POST', importUrl(whAgencyId), { rows: [] }, agencyWh);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('agency-qlz cannot import into agency-wh\'s roster: 404 as for a missing agency, nothing written', async () => {
    const token = `越权${unique()}`;
    const file = await xlsx([[`${token}一`, mobile(), citizenId(), '']]);
    const res = await t.send('POST', importUrl(whAgencyId), file, agencyQlz);
    const missing = await t.send('POST', importUrl(987654321), file, agencyQlz);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    expect(await countToken(token)).toBe(0);
    // the county bureau reads rosters but does not write them
    expect((await t.send('POST', importUrl(whAgencyId), file, await t.login('wh'))).statusCode).toBe(403);
    expect(await countToken(token)).toBe(0);
  });
});

describe('roster template and export', () => {
  it('the template has the import header, and a filled-in template imports', async () => {
    const res = await t.get(`/api/v1/agencies/${whAgencyId}/staff/template.xlsx`, agencyWh);
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows).toEqual([HEADER]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // phone and ID columns are text, so Excel keeps 18 typed digits instead of rounding them
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect([1, 2, 3, 4].map((i) => ws.getColumn(i).numFmt ?? null)).toEqual([null, '@', '@', null]);
    const token = `模板${unique()}`;
    wb.worksheets[0]?.addRow([`${token}一`, mobile(), citizenId(), '窗口']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await t.send('POST', importUrl(whAgencyId), filled, agencyWh);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(await countToken(token)).toBe(1);
  });

  it('the export lists this agency\'s roster with ID and phone numbers masked', async () => {
    const token = `花名${unique()}`;
    const id = citizenId();
    const phone = mobile();
    expect((await t.send('POST', importUrl(whAgencyId), await xlsx([[`${token}一`, phone, id, '=cmd|calc']]), agencyWh)).statusCode).toBe(200);
    const res = await t.get(`/api/v1/agencies/${whAgencyId}/staff/export.xlsx`, await t.login('wh'));
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('花名册.xlsx'));
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['姓名', '手机号', '身份证号', '岗位', '状态']);
    for (const r of rows.slice(1)) {
      // a row erased on its person's request (PIPL art. 47, test/contracts/personal-data.test.ts) keeps no numbers
      if (r[0] === '（已删除）') {
        expect([r[1] ?? '', r[2] ?? '']).toEqual(['', '']);
        continue;
      }
      expect(r[1]).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(r[2]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    expect(rows.find((r) => r[0] === `${token}一`)).toEqual([`${token}一`, `${phone.slice(0, 3)}****${phone.slice(-4)}`, `${id.slice(0, 6)}********${id.slice(14)}`, "'=cmd|calc", '在岗']);
    expect(res.rawPayload.toString('latin1')).not.toContain(id);
    // another prefecture's bureau sees no such agency
    expect((await t.get(`/api/v1/agencies/${whAgencyId}/staff/export.xlsx`, await t.login('qj'))).statusCode).toBe(404);
  });
});

describe('one phone, one person', () => {
  it('refuses two rows of a file with one phone and two ID numbers, naming the first row', async () => {
    const phone = mobile();
    const res = await t.send('POST', importUrl(whAgencyId), await xlsx([[`甲${unique()}`, phone, citizenId(), '专员'], [`乙${unique()}`, phone, citizenId(), '专员']]), agencyWh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ row: 3, column: '手机号', message: '第 3 行，手机号：与第 2 行的手机号相同，但身份证号不同：一个手机号只能属于一个人' })]);
    expect(await t.deps.db.selectFrom('agency_staff').select('id').where('phone', '=', phone).execute()).toEqual([]);
  });

  it('refuses a row, a new row or a changed phone naming a person with another ID number on file', async () => {
    const phone = mobile();
    const first = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, { name: `甲${unique()}`, phone, idNumber: citizenId(), position: '专员' }, agencyWh);
    expect(first.statusCode).toBe(201);
    // someone else with the same phone, in another agency
    const other = await t.send('POST', `/api/v1/agencies/${(await t.get('/api/v1/me', agencyQlz)).json().agencyId}/staff`, { name: `乙${unique()}`, phone, idNumber: citizenId('530302'), position: '专员' }, agencyQlz);
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details).toEqual([expect.objectContaining({ field: 'phone', message: '手机号：该手机号已登记在另一人名下（身份证号不符），请核对手机号' })]);
    const imported = await t.send('POST', importUrl(whAgencyId), await xlsx([[`丙${unique()}`, phone, citizenId(), '专员']]), agencyWh);
    expect(imported.statusCode).toBe(400);
    expect(imported.json().error.details).toEqual([expect.objectContaining({ row: 2, column: '手机号' })]);
    // a roster row of another person given that phone
    const third = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, { name: `丁${unique()}`, phone: mobile(), idNumber: citizenId(), position: '专员' }, agencyWh);
    const moved = await t.send('PATCH', `/api/v1/agencies/${whAgencyId}/staff/${third.json().id}`, { phone }, agencyWh);
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    // the same person (same ID number) on a second roster is welcome
    const idNumber = citizenId();
    const samePhone = mobile();
    await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, { name: `戊${unique()}`, phone: samePhone, idNumber, position: '专员' }, agencyWh);
    const again = await t.send('POST', importUrl((await t.get('/api/v1/me', agencyQlz)).json().agencyId), await xlsx([[`戊${unique()}`, samePhone, idNumber, '专员']]), agencyQlz);
    expect(again.statusCode, again.body).toBe(200);
  });
});
