// The shared cases of what people upload (../shared/cases/uploads-and-text, copied to
// test/fixtures/cases): rosters through the real route POST /api/v1/agencies/{id}/staff/import as
// agency-wh's administrator, occupation CSVs through `yunqiao import occupations`. Each asserts the
// value that must come out: the rows stored, or the refusal with its row, column and wording.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDbUrl, ownerDbUrl } from '../helpers/db.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { citizenId, unique } from '../helpers/factories.ts';
import { rawWorkbook, rowXml } from '../helpers/zip.ts';

const ROOT = join(import.meta.dirname, '../..');
const CASES = join(ROOT, 'test/fixtures/cases');
const file = (name: string) => readFileSync(join(CASES, name));

let t: TestApp;
let admin: string;
let agencyId: number;
let tmp: string;
/**
 * Case 11's file at the size the case describes, made by its own script while the tests before it
 * run (about 5 s on two cores): 3 real rows, then rows of bordered empty cells down to row
 * 1,048,576 — 8 MB zipped, 69 MB of worksheet XML inflated.
 */
let styledToTheBottom: Promise<Buffer>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('agency-wh');
  agencyId = (await t.get('/api/v1/me', admin)).json().agencyId;
  tmp = mkdtempSync(join(tmpdir(), 'yq-cases-'));
  const out = join(tmp, 'styled.xlsx');
  styledToTheBottom = promisify(execFile)('python3', [join(CASES, '11-make-styled-empty-rows.py'), '1048572', out, '2'], { timeout: 120_000 }).then(() => readFileSync(out));
  // awaited by case 11; a failure is reported there, not as an unhandled rejection before it
  styledToTheBottom.catch(() => undefined);
});
afterAll(async () => {
  await t.close();
  rmSync(tmp, { recursive: true, force: true });
});

const rosterSize = async () =>
  Number((await t.deps.db.selectFrom('agency_staff').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', agencyId).executeTakeFirstOrThrow()).n);
const upload = (body: Buffer, headers: Record<string, string> = {}) => t.send('POST', `/api/v1/agencies/${agencyId}/staff/import`, body, admin, headers);
const staff = (names: string[]) =>
  t.deps.db.selectFrom('agency_staff').select(['name', 'phone', 'id_number_masked', 'position']).where('agency_id', '=', agencyId).where('name', 'in', names).orderBy('name').execute();
/** A workbook as people make them: sheets with their rows (numbers stay numeric cells), some hidden. */
async function workbook(sheets: { name: string; state?: 'visible' | 'hidden'; rows: (string | number)[][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sh of sheets) {
    const ws = wb.addWorksheet(sh.name, { state: sh.state ?? 'visible' });
    for (const r of sh.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
/** Case 11's bound on this process's RSS growth while the full-size file uploads, MiB (see the test). */
const STYLED_RSS_GROWTH_MIB = 100;

describe('rosters (xlsx) through the import route', () => {
  it('01 an ID number stored as a number is refused, saying why and how to fix it; a phone stored as a number is not', async () => {
    const res = await upload(file('01-id-stored-as-number.xlsx'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'import_failed',
      message: '文件中有 2 处错误，未导入任何数据',
      details: [
        { row: 2, column: '身份证号', message: '第 2 行，身份证号：该单元格存成了数字（530102198804141000），长号码的末几位已经丢失：请把这一列设置为“文本”格式，再重新输入完整号码' },
        { row: 3, column: '身份证号', message: '第 3 行，身份证号：该单元格存成了数字（530102199003071000），长号码的末几位已经丢失：请把这一列设置为“文本”格式，再重新输入完整号码' },
      ],
    });
    const en = await upload(file('01-id-stored-as-number.xlsx'), { 'accept-language': 'en' });
    expect(en.json().error.details[0].message).toBe('row 2, 身份证号: This cell was stored as a number (530102198804141000), so the last digits of the long number are lost: set the column\'s format to Text and type the full number again');
    expect(await staff(['测试甲', '测试乙'])).toEqual([]);
  });

  it('01 an 11-digit phone stored as a number is accepted and stored as its digits; beside it a numeric ID cell is still refused', async () => {
    const token = `数字${unique()}`;
    const id = citizenId();
    const numericId = Number('530102199001011234'); // a double: its last digits are gone (530102199001011260)
    const mixed = await upload(await workbook([{ name: '花名册', rows: [['姓名', '手机号', '身份证号', '岗位'], [`${token}甲`, 13912345671, id, '招聘专员'], [`${token}乙`, 13912345672, numericId, '']] }]));
    expect(mixed.statusCode).toBe(400);
    // the ID cell only: the numeric phone beside it is no problem
    expect(mixed.json().error.details).toEqual([
      { row: 3, column: '身份证号', message: '第 3 行，身份证号：该单元格存成了数字（530102199001011260），长号码的末几位已经丢失：请把这一列设置为“文本”格式，再重新输入完整号码' },
    ]);
    expect(await staff([`${token}甲`, `${token}乙`])).toEqual([]);
    const ok = await upload(await workbook([{ name: '花名册', rows: [['姓名', '手机号', '身份证号', '岗位'], [`${token}甲`, 13912345671, id, '招聘专员']] }]));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await staff([`${token}甲`])).toEqual([{ name: `${token}甲`, phone: '13912345671', id_number_masked: masked(id), position: '招聘专员' }]);
  });

  it('05 the hidden first sheet is ignored; the visible roster is imported', async () => {
    const res = await upload(file('05-hidden-first-sheet.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 1 });
    expect(await staff(['新员工丙', '已离职甲', '已离职乙'])).toEqual([{ name: '新员工丙', phone: '13912340012', id_number_masked: '530102********0331', position: '测评师' }]);
  });

  it('05 more than one visible sheet with the roster header is refused naming every one of them; a hidden one is not named; nothing written', async () => {
    const token = `多表${unique()}`;
    const header = ['姓名', '手机号', '身份证号', '岗位'];
    const sheet = (name: string, n: number, state?: 'hidden') => ({ name, ...(state ? { state } : {}), rows: [header, [`${token}${n}`, `1391235${String(n).padStart(4, '0')}`, citizenId(), '']] });
    const data = await workbook([sheet('一月', 1), sheet('旧名单', 2, 'hidden'), { name: '说明', rows: [['请在花名册中填写']] }, sheet('二月', 3), sheet('三月', 4)]);
    const before = await rosterSize();
    const res = await upload(data);
    expect(res.statusCode).toBe(400);
    const zh = '有多个可见工作表都带有所需的表头：“一月”、“二月”、“三月”；请删除或隐藏多余的工作表，只保留一个';
    expect(res.json().error).toEqual({ code: 'import_ambiguous_sheets', message: zh, details: [{ field: 'file', message: `文件：${zh}` }] });
    const en = await upload(data, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('More than one visible sheet carries the expected header: “一月”、“二月”、“三月”; delete or hide the extra sheets so that only one remains');
    expect(await rosterSize()).toBe(before);
    expect(await staff([1, 2, 3, 4].map((n) => `${token}${n}`))).toEqual([]);
  });

  it('09 headers match after normalising (姓　名 with a full-width space)', async () => {
    const res = await upload(file('09-header-spacing.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(await staff(['测试癸'])).toEqual([{ name: '测试癸', phone: '13912340017', id_number_masked: '530102********0110', position: '招聘专员' }]);
  });

  it('09 required marks on headers: 手机号*, （必填）, (必填), ＊ and spaces inside a header are matched; the rows import', async () => {
    const token = `表头${unique()}`;
    const [id1, id2] = [citizenId(), citizenId()];
    const data = await workbook([{ name: '花名册', rows: [[' 姓　名 ', '手机号*', '身份证号（必填）', '岗 位 (必填)'], [`${token}甲`, '13912345681', id1, '招聘专员'], [`${token}乙`, '13912345682', id2, '测评师']] }]);
    const res = await upload(data);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    expect(await staff([`${token}甲`, `${token}乙`])).toEqual([
      { name: `${token}乙`, phone: '13912345682', id_number_masked: masked(id2), position: '测评师' },
      { name: `${token}甲`, phone: '13912345681', id_number_masked: masked(id1), position: '招聘专员' },
    ]);
    const star = await upload(await workbook([{ name: '花名册', rows: [['姓名＊', '手机号（必填）*', '身份证号*', '岗位'], [`${token}丙`, '13912345683', citizenId(), '']] }]));
    expect(star.statusCode, star.body).toBe(200);
    expect((await staff([`${token}丙`])).map((r) => r.phone)).toEqual(['13912345683']);
  });

  it('the headers real rosters use for the same columns: 身份证号码, 证件号码, 公民身份号码, 手机号码, 联系电话, 职位 …', async () => {
    const token = `同义${unique()}`;
    const headers = [
      ['姓名', '手机号码', '身份证号码', '职位'],
      ['员工姓名', '联系电话', '证件号码', '岗位'],
      ['姓名', '手机', '公民身份号码*', '工作岗位'],
      ['人员姓名', '移动电话', '身份证', '职务'],
    ];
    for (const [i, h] of headers.entries()) {
      const id = citizenId();
      const res = await upload(await workbook([{ name: '花名册', rows: [h, [`${token}${i}`, `1391236000${i}`, id, '招聘专员']] }]));
      expect(res.statusCode, `${h.join(',')} ${res.body}`).toBe(200);
      expect(await staff([`${token}${i}`]), h.join(',')).toEqual([{ name: `${token}${i}`, phone: `1391236000${i}`, id_number_masked: masked(id), position: '招聘专员' }]);
    }
    // the template's own header wins over a synonym beside it (an emergency contact's 联系电话)
    const both = await upload(await workbook([{ name: '花名册', rows: [['姓名', '联系电话', '手机号', '身份证号', '岗位'], [`${token}双`, '0871-65123456', '13912360009', citizenId(), '']] }]));
    expect(both.statusCode, both.body).toBe(200);
    expect((await staff([`${token}双`])).map((r) => r.phone)).toEqual(['13912360009']);
    // problems name the column by the template's header, whatever the file called it
    const bad = await upload(await workbook([{ name: '花名册', rows: [['姓名', '联系电话', '身份证号码', '岗位'], [`${token}坏`, '0871-65123456', citizenId(), '']] }]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ row: 2, column: '手机号', message: expect.stringMatching(/^第 2 行，手机号：/) }]);
  });

  // the full 1,048,576 rows as the case makes them; other users' latency meanwhile (and the peak RSS
  // of a separate server process) is `npm run bench -- upload`
  it('11 a sheet formatted to the bottom (1,048,572 styled empty rows) imports its 3 real rows, this process growing by under 100 MiB (the sheet is never held whole)', async () => {
    const body = await styledToTheBottom;
    expect(body.length).toBeGreaterThan(7 * 1024 * 1024);
    expect(body.length).toBeLessThan(10 * 1024 * 1024);
    // this process's resident memory (the app, and the reader's worker thread inside it) sampled
    // while the upload runs: the worksheet's 69 MB of XML are never held (the reader streams the
    // part and stops after SHEET_BLANK_RUN_STOP blank rows); growth is the body's copies and the
    // worker's parse, 25–50 MiB on a 2-core host, against 140 when the part is inflated whole into
    // memory before it is parsed. The reader thread is started first (a refused file), so that its
    // start (~40 MiB) is not counted.
    expect((await upload(await workbook([{ name: '花名册', rows: [['不是表头']] }]))).statusCode).toBe(400);
    const before = process.memoryUsage.rss();
    let peak = before;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5);
    const res = await upload(body).finally(() => clearInterval(sample));
    peak = Math.max(peak, process.memoryUsage.rss());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
    expect((peak - before) / 1024 / 1024, 'RSS growth during the upload, MiB').toBeLessThan(STYLED_RSS_GROWTH_MIB);
    expect((await staff(['测试格式0', '测试格式1', '测试格式2'])).map((r) => [r.name, r.phone])).toEqual([
      ['测试格式0', '13912350000'],
      ['测试格式1', '13912350001'],
      ['测试格式2', '13912350002'],
    ]);
  }, 120_000);

  it('11 the reader stops after a run of 1,000 blank rows and reads nothing below it: a real row past the borders is never imported', async () => {
    // the path the full file takes, through the route with the default limits: 3 rows, 5,000 rows
    // of empty bordered cells, then a row that would import if the reader went on
    const ids = [citizenId(), citizenId(), citizenId(), citizenId()];
    const token = `格式${unique()}`;
    const rows = function* () {
      yield rowXml(1, ['姓名', '手机号', '身份证号', '岗位']);
      for (let i = 0; i < 3; i++) yield rowXml(2 + i, [`${token}${i}`, `1391237000${i}`, ids[i] as string, '']);
      for (let r = 5; r < 5005; r++) yield `<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}" s="1"/></row>`;
      yield rowXml(5005, [`${token}哨兵`, '13912370009', ids[3] as string, '']);
    };
    const res = await upload(await rawWorkbook([{ name: '花名册', rows: rows() }]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
    expect((await staff([0, 1, 2, '哨兵'].map((i) => `${token}${i}`))).map((r) => r.name)).toEqual([0, 1, 2].map((i) => `${token}${i}`));
  });

  it('16 a #N/A formula result is a formula error in that cell, not a bad checksum; a formula without a cached value is blank', async () => {
    const res = await upload(file('16-formula-error-cells.xlsx'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { row: 2, column: '身份证号', message: '第 2 行，身份证号：公式错误 #N/A：请检查公式，或把这一列复制后“粘贴为数值”' },
      // a formula saved without its value: said so, not "not a phone number"
      { row: 3, column: '手机号', message: '第 3 行，手机号：公式没有计算结果（文件由程序生成、未经 Excel 计算）：请在 Excel 中打开并保存，或把这一列复制后“粘贴为数值”' },
    ]);
    expect(await staff(['测试子', '测试丑'])).toEqual([]);
  });

  it('19 rows whose formulas evaluate to blank are blank rows; the cached value is what is read', async () => {
    const res = await upload(file('19-formula-rows-evaluating-to-blank.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 1 });
    expect(await staff(['测试巳'])).toEqual([{ name: '测试巳', phone: '13912340032', id_number_masked: '530102********0110', position: '招聘专员' }]);
  });

  it('holds/07 a merged title row above the header; holds/08 a leading 序号 column', async () => {
    const merged = await upload(file('holds/07-merged-title-row.xlsx'));
    expect(merged.statusCode, merged.body).toBe(200);
    const serial = await upload(file('holds/08-serial-number-column.xlsx'));
    expect(serial.statusCode, serial.body).toBe(200);
    expect(await staff(['测试辛', '测试壬'])).toEqual([
      { name: '测试壬', phone: '13912340016', id_number_masked: '530102********0116', position: '招聘专员' },
      { name: '测试辛', phone: '13912340015', id_number_masked: '530102********0111', position: '招聘专员' },
    ]);
  });

  it('holds/10 an old .xls and holds/10b a CSV named .xlsx are refused saying what they are', async () => {
    const xls = await upload(file('holds/10-legacy-xls-ole2-header.xls'));
    expect(xls.statusCode).toBe(400);
    const legacy = '这是旧版 Excel 97-2003 工作簿（.xls），无法读取：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传';
    // a refusal of the whole file names the file as its field
    expect(xls.json().error).toEqual({ code: 'import_legacy_xls', message: legacy, details: [{ field: 'file', message: `文件：${legacy}` }] });
    const xlsEn = await upload(file('holds/10-legacy-xls-ole2-header.xls'), { 'accept-language': 'en' });
    const legacyEn = 'This is an old Excel 97-2003 workbook (.xls), which cannot be read: in Excel, use Save As → Excel Workbook (.xlsx) and upload that';
    expect(xlsEn.json().error).toEqual({ code: 'import_legacy_xls', message: legacyEn, details: [{ field: 'file', message: `file: ${legacyEn}` }] });
    const csv = await upload(file('holds/10b-csv-renamed.csv'));
    expect(csv.statusCode).toBe(400);
    const renamed = '这是文本（CSV）文件，只是名字改成了 .xlsx：请在 Excel 中打开它，另存为 Excel 工作簿（.xlsx）后再上传';
    expect(csv.json().error).toEqual({ code: 'import_csv_as_xlsx', message: renamed, details: [{ field: 'file', message: `文件：${renamed}` }] });
    const csvEn = await upload(file('holds/10b-csv-renamed.csv'), { 'accept-language': 'en' });
    const renamedEn = 'This is a text (CSV) file named .xlsx: open it in Excel, save it as an Excel Workbook (.xlsx) and upload that';
    expect(csvEn.json().error).toEqual({ code: 'import_csv_as_xlsx', message: renamedEn, details: [{ field: 'file', message: `file: ${renamedEn}` }] });
    expect(await staff(['测试'])).toEqual([]);
  });

  it('holds/12 re-importing the platform\'s own export (masked numbers) is refused whole, saying it is that export', async () => {
    const before = await rosterSize();
    const res = await upload(file('holds/12-exported-roster.xlsx'));
    expect(res.statusCode).toBe(400);
    const zh = '这看起来是从本平台导出的名单：导出时身份证号等号码已打码（如 530102********0203），无法用来导入：请下载导入模板，填写完整的号码后再上传';
    expect(res.json().error).toEqual({ code: 'import_masked_export', message: zh, details: [{ field: 'file', message: `文件：${zh}` }] });
    const en = await upload(file('holds/12-exported-roster.xlsx'), { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('This looks like a list exported from this platform: its ID numbers and other numbers were masked on export (e.g. 530102********0203), so it cannot be imported: download the import template, fill in the full numbers and upload that');
    expect(await rosterSize()).toBe(before);
  });

  it('holds/12 a masked number among full rows (a row copied from an export) is a problem of its cell, saying the digits are lost', async () => {
    const token = `打码${unique()}`;
    const res = await upload(await workbook([{ name: '花名册', rows: [['姓名', '手机号', '身份证号', '岗位'], [`${token}甲`, '13912345691', citizenId(), ''], [`${token}乙`, '139****5692', '530102＊＊＊＊＊＊＊＊0203', '']] }]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { row: 3, column: '手机号', message: '第 3 行，手机号：号码已打码（139****5692），其中的数字已经丢失：请填写完整的号码' },
      { row: 3, column: '身份证号', message: '第 3 行，身份证号：号码已打码（530102＊＊＊＊＊＊＊＊0203），其中的数字已经丢失：请填写完整的号码' },
    ]);
    const en = await upload(await workbook([{ name: '花名册', rows: [['姓名', '手机号', '身份证号', '岗位'], [`${token}甲`, '13912345691', citizenId(), ''], [`${token}乙`, '13912345692', '530102********0203', '']] }]), { 'accept-language': 'en' });
    expect(en.json().error.details).toEqual([{ row: 3, column: '身份证号', message: 'row 3, 身份证号: the number is masked (530102********0203), so its digits are lost: type the full number' }]);
    expect(await staff([`${token}甲`, `${token}乙`])).toEqual([]);
  });

  it('holds/18 trailing blank rows are ignored and a phone stored as a number is read as its digits', async () => {
    const res = await upload(file('holds/18-trailing-blank-rows-and-numeric-phone.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 1 });
    expect(await staff(['测试辰'])).toEqual([{ name: '测试辰', phone: '13912340031', id_number_masked: '530102********0116', position: '招聘专员' }]);
  });
});

describe('occupation CSVs through `yunqiao import occupations`', () => {
  const run = promisify(execFile);
  const cli = async (csv: string, locale = 'zh-CN') => {
    const env = { ...process.env, DATABASE_URL: appDbUrl(), DATABASE_OWNER_URL: ownerDbUrl(), YUNQIAO_LOCALE: locale, LOG_LEVEL: 'silent' };
    return run(process.execPath, ['bin/yunqiao.mjs', 'import', 'occupations', csv], { cwd: ROOT, env, timeout: 60_000 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  };
  const occupations = (prefix: string) => t.deps.db.selectFrom('occupations').select(['code', 'name', 'parent_code']).where('code', 'like', `${prefix}%`).orderBy('code').execute();

  it('14 a GBK CSV (Chinese Excel) is decoded as GB18030, never stored as replacement characters', async () => {
    const r = await cli(join(CASES, '14-occupations-gbk.csv'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('已导入 2 个职业');
    expect(await occupations('2-02')).toEqual([
      { code: '2-02', name: '工程技术人员（测试）', parent_code: '2' },
      { code: '2-02-01', name: '测绘测试工程技术人员', parent_code: '2-02' },
    ]);
  }, 60_000);

  it('15 codes Excel turned into dates are refused, localised, numbered by file line, exit 1, no stack trace', async () => {
    const before = await occupations('2-02');
    const r = await cli(join(CASES, '15-occupations-excel-mangled-codes.csv'));
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/15-occupations-excel-mangled-codes\.csv: 文件中有 3 处错误，未导入任何数据$/);
    expect(lines.slice(1)).toEqual([
      '  第 2 行，职业代码：“2月2日”是被 Excel 改成日期的职业代码（如 2-02 变成了 2月2日）：请把这一列设置为“文本”格式，重新输入代码后再另存为 CSV',
      '  第 3 行，职业代码：“2002/2/1”是被 Excel 改成日期的职业代码（如 2-02 变成了 2月2日）：请把这一列设置为“文本”格式，重新输入代码后再另存为 CSV',
      '  第 3 行，上级代码：“2月2日”是被 Excel 改成日期的职业代码（如 2-02 变成了 2月2日）：请把这一列设置为“文本”格式，重新输入代码后再另存为 CSV',
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const en = await cli(join(CASES, '15-occupations-excel-mangled-codes.csv'), 'en');
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('The file has 3 errors; nothing was imported');
    expect(en.stderr).toContain('  row 2, occupation code: “2月2日” is an occupation code that Excel turned into a date');
    expect(en.stderr).toContain('  row 3, parent code: “2月2日” is an occupation code that Excel turned into a date');
    expect(await occupations('2-02')).toEqual(before);
  }, 60_000);

  it('the other shapes Excel gives 2-02 (2-Feb, Feb-02, 2002-02-01) are refused the same way', async () => {
    const csv = join(tmp, 'mangled.csv');
    writeFileSync(csv, 'code,name,parent\n2-Feb,甲,2\nFeb-02,乙,2\n2002-02-01,丙,2\n');
    const r = await cli(csv);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/改成日期/g)).toHaveLength(3);
    expect(r.stderr).toContain('第 4 行，职业代码：“2002-02-01”');
  }, 60_000);

  it('15 over HTTP too: the occupations import route names a code Excel turned into a date, nothing written', async () => {
    const prov = await t.login('prov');
    const before = await t.get('/api/v1/code-tables/occupations?parent=2', prov);
    const res = await t.send('POST', '/api/v1/code-tables/occupations/import', { rows: [{ code: '2月2日', name: '甲' }, { code: '3-Feb', name: '乙' }] }, prov);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message])).toEqual([
      ['rows.0.code', '职业代码：“2月2日”是被 Excel 改成日期的职业代码（如 2-02 变成了 2月2日）：请把这一列设置为“文本”格式，重新输入代码后再另存为 CSV'],
      ['rows.1.code', '职业代码：“3-Feb”是被 Excel 改成日期的职业代码（如 2-02 变成了 2月2日）：请把这一列设置为“文本”格式，重新输入代码后再另存为 CSV'],
    ]);
    expect((await t.get('/api/v1/code-tables/occupations?parent=2', prov)).json()).toEqual(before.json());
  });

  it('an unclosed quote does not swallow the records after it: each problem by the line where its record starts', async () => {
    const csv = join(tmp, 'broken.csv');
    writeFileSync(csv, 'code,name,parent\n8-90,"测试中类,8\n8-90-01,测试小类,8-90\n\n8-90-02,"多行\n名称",8-90\n8-9x,坏代码,8-90\n');
    const r = await cli(csv);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').slice(1)).toEqual([
      '  第 2 行：这一行开始的记录引号没有闭合，无法读取（其后的行照常检查）',
      '  第 3 行，上级代码：上级职业代码 8-90 不存在（不在文件中，也不在现有分类中）',
      '  第 5 行，上级代码：上级职业代码 8-90 不存在（不在文件中，也不在现有分类中）',
      '  第 7 行，职业代码：职业代码“8-9x”格式不正确（应为 2、2-02、2-02-01 或 2-02-01-01 这样的形式）',
    ]);
    expect(await occupations('8-90')).toEqual([]);
  }, 60_000);

  it('the CLI names a column by its label, never its key (职业代码, not code); a CSV headed in words imports too', async () => {
    const csv = join(tmp, 'labels.csv');
    writeFileSync(csv, 'code,name,parent\n8-91,,8\n8-91-01,测试,8-92\n');
    const r = await cli(csv);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').slice(1)).toEqual(['  第 2 行，职业名称：必填', '  第 3 行，上级代码：上级代码应为 8-91']);
    const en = await cli(csv, 'en');
    expect(en.stderr.trim().split('\n').slice(1)).toEqual(['  row 2, occupation name: required', '  row 3, parent code: the parent code should be 8-91']);
    expect(r.stderr + en.stderr).not.toMatch(/[，,] ?(code|name|parent)[：:]/);
    const words = join(tmp, 'words.csv');
    writeFileSync(words, '职业代码,职业名称（必填）,上级代码\n8-91,测试中类（表头为中文）,8\n');
    const ok = await cli(words);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim()).toBe('已导入 1 个职业');
    expect(await occupations('8-91')).toEqual([{ code: '8-91', name: '测试中类（表头为中文）', parent_code: '8' }]);
  }, 60_000);

  it('bytes that are neither UTF-8 nor a GB18030 file with the header are refused, not stored', async () => {
    const csv = join(tmp, 'latin1.csv');
    writeFileSync(csv, Buffer.concat([Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('\n2-02,x,2\n')]));
    const r = await cli(csv);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法识别文件的编码');
  }, 60_000);
});

describe('body limits: a file route takes an upload, every other route a small JSON body', () => {
  const big = (mb: number) => Buffer.alloc(mb * 1024 * 1024, 0x20);
  it('the import route accepts a 3 MB body (then reads it) and refuses 11 MB with 413 naming 10 MB', async () => {
    const three = await upload(Buffer.concat([Buffer.from('姓名,手机号\n'), big(3)]));
    expect(three.statusCode).toBe(400);
    expect(three.json().error.code).toBe('import_csv_as_xlsx');
    const eleven = await upload(big(11));
    expect(eleven.statusCode).toBe(413);
    expect(eleven.json().error).toEqual({ code: 'payload_too_large', message: '上传的文件过大（上限 10 MB）' });
  });

  it('a JSON route refuses 3 MB with 413 naming 2 MB, whether sent as JSON or as a file', async () => {
    const url = `/api/v1/agencies/${agencyId}/staff`;
    const json = await t.app.inject({ method: 'POST', url, headers: { cookie: admin, 'x-requested-with': 'test', 'content-type': 'application/json' }, payload: `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}` });
    expect(json.statusCode).toBe(413);
    // a JSON body is no "file": the message says the request is too large
    expect(json.json().error).toEqual({ code: 'body_too_large', message: '提交的内容过大（上限 2 MB）' });
    const file = await t.send('POST', url, big(3), admin);
    expect(file.statusCode).toBe(413);
  });
});
