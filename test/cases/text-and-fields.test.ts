// ../shared/cases/uploads-and-text, the text and typed-field cases (copies in test/fixtures/cases,
// so a clone anywhere runs them), through the real HTTP routes: rosters uploaded as the 五华区
// agency's administrator, agencies and employers registered by the 五华区 bureau. Each case asserts
// what is stored (the 11-digit phone, the ID with X, no invisible character in the database) or
// the exact refusal (row, column, message); the same kinds typed into JSON forms go the same way.
// The clock is fixed (2024-06-01, Beijing) so birth dates and ages are decided on a known day.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { citizenIdCheckChar, creditCodeCheckChar } from '../../src/shared/checksums.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { citizenId, creditCode, mobile, unique } from '../helpers/factories.ts';

const CASES = join(import.meta.dirname, '../fixtures/cases');
const file = (name: string) => readFileSync(join(CASES, name));
const json = (name: string) => JSON.parse(file(name).toString('utf8')) as Record<string, string>;

const TODAY = '2024-06-01T04:00:00Z'; // 12:00 in Beijing
let t: TestApp;
let agencyWh: string;
let wh: string;
let whAgencyId: number;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(TODAY) });
  [agencyWh, wh] = await Promise.all([t.login('agency-wh'), t.login('wh')]);
  whAgencyId = (await t.get('/api/v1/me', agencyWh)).json().agencyId;
});
afterAll(() => t.close());

const importRoster = (data: Buffer, lang?: string) => t.send('POST', `/api/v1/agencies/${whAgencyId}/staff/import`, data, agencyWh, lang ? { 'accept-language': lang } : {});

/** This agency's roster rows with the given names, as stored (the ID number decrypted). */
async function stored(names: string[]) {
  const rows = await t.deps.db
    .selectFrom('agency_staff')
    .select(['name', 'phone', 'position', 'id_number_enc', 'id_number_hash', 'id_number_masked'])
    .where('division_code', '=', '530102')
    .where('agency_id', '=', whAgencyId)
    .where('name', 'in', names)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ name: r.name, phone: r.phone, position: r.position, idNumber: t.deps.crypto.decrypt(r.id_number_enc), hash: r.id_number_hash, masked: r.id_number_masked }));
}
const countNamed = async (names: string[]) => (await stored(names)).length;
/** Zero-width, direction, BOM and control characters: never stored. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters in stored values
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/;

describe('roster uploads (uploads-and-text cases)', () => {
  it('03 full-width digits: normalised (NFKC) before validation, stored as ASCII', async () => {
    const res = await importRoster(file('03-fullwidth-digits.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 1 });
    const [row] = await stored(['测试丁']);
    expect(row).toMatchObject({ name: '测试丁', phone: '13912340004', idNumber: '530102199206110452', masked: '530102********0452', position: '前台接待' });
    expect(row?.hash).toBe(t.deps.crypto.keyedHash('530102199206110452'));
  });

  it('04 phone formats: +86, 0086/86 prefixes, hyphens, spaces and brackets removed, the 11 digits stored', async () => {
    const res = await importRoster(file('04-phone-formats.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 5 });
    const rows = await stored(['测试戊一', '测试戊二', '测试戊三', '测试戊四', '测试戊五']);
    expect(rows.map((r) => [r.name, r.phone])).toEqual([
      ['测试戊一', '13912340005'],
      ['测试戊二', '13912340006'],
      ['测试戊三', '13912340007'],
      ['测试戊四', '13912340008'],
      ['测试戊五', '13912340009'],
    ]);
    expect(rows[2]?.idNumber).toBe('53010219930101053X');
  });

  it('06 zero-width and direction marks: removed before trimming and validating, never stored', async () => {
    const res = await importRoster(file('06-zero-width-chars.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    const rows = await stored(['测试己', '测试庚']);
    expect(rows.map((r) => [r.name, r.phone, r.idNumber, r.position])).toEqual([
      ['测试己', '13912340013', '530102199503030213', '招聘专员'],
      ['测试庚', '13912340014', '530102199503030328', ''],
    ]);
    for (const r of rows) for (const v of [r.name, r.phone, r.idNumber, r.position]) expect(INVISIBLE.test(v), JSON.stringify(v)).toBe(false);
    expect(rows[0]?.hash).toBe(t.deps.crypto.keyedHash('530102199503030213')); // found again by the clean number
  });

  it('13 impossible birth dates: a future date and a child are refused, quoting the date read from the ID; nothing imported', async () => {
    const res = await importRoster(file('13-impossible-birth-dates.xlsx'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'import_failed',
      message: '文件中有 2 处错误，未导入任何数据',
      details: [
        { row: 2, column: '身份证号', message: '第 2 行，身份证号：身份证号中的出生日期 2035-01-01 晚于今天' },
        { row: 3, column: '身份证号', message: '第 3 行，身份证号：身份证号中的出生日期 2023-01-01，未满 16 周岁：不得招用未满 16 周岁的未成年人（劳动法第十五条）' },
      ],
    });
    const en = await importRoster(file('13-impossible-birth-dates.xlsx'), 'en');
    expect(en.json().error.details[0].message).toBe('row 2, 身份证号: the birth date in the ID number, 2035-01-01, is after today');
    expect(await countNamed(['测试未来', '测试幼儿'])).toBe(0);
  });

  it('holds/02 lower-case x and padding: trimmed, X upper-cased, stored', async () => {
    const res = await importRoster(file('holds/02-id-lowercase-x-and-padding.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await stored(['测试丙']);
    expect(row).toMatchObject({ name: '测试丙', phone: '13912340003', idNumber: '53010219910510108X', position: '职业指导师' });
  });

  it('holds/17 the same ID twice, once with x and once with X: one person, the second row refused', async () => {
    const res = await importRoster(file('holds/17-duplicate-x-case.xlsx'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ row: 3, column: '身份证号', message: '第 3 行，身份证号：与第 2 行重复' }]);
    expect(await countNamed(['测试寅'])).toBe(0);
  });

  it('a roster of other inputs of the same kinds: full-width brackets, 0086, ideographic spaces, a BOM', async () => {
    const token = `同类${unique()}`;
    const id1 = `${citizenId().slice(0, 17)}`;
    const idX = (() => {
      for (;;) {
        const c = citizenId();
        if (c.endsWith('X')) return c;
      }
    })();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '手机号', '身份证号', '岗位']);
    ws.addRow([`\uFEFF${token}甲\u3000`, '0086-139-1234-5601', ` ${id1.replace(/(\d{6})(\d{8})/, '$1 $2 ')}${citizenIdCheckChar(id1)} `, '\u202B招聘\u202C']);
    ws.addRow([`${token}乙`, '（＋８６）１３９ １２３４ ５６０２', idX.toLowerCase().replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), '']);
    const res = await importRoster(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    const rows = await stored([`${token}甲`, `${token}乙`]);
    expect(rows.map((r) => [r.name, r.phone, r.idNumber, r.position])).toEqual([
      [`${token}甲`, '13912345601', id1 + citizenIdCheckChar(id1), '招聘'],
      [`${token}乙`, '13912345602', idX, ''],
    ]);
  });
});

describe('the same kinds typed into JSON forms', () => {
  const staffUrl = () => `/api/v1/agencies/${whAgencyId}/staff`;
  const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it('staff: full-width ID with a lower-case x, a +86 phone, a name with zero-width marks', async () => {
    let id: string;
    do id = citizenId();
    while (!id.endsWith('X'));
    const name = `表单${unique()}`;
    const res = await t.send('POST', staffUrl(), { name: `\u200B${name}\u200D `, phone: '+86 139-1234-5603', idNumber: fullWidth(id.toLowerCase()), position: ' 测评师\u200E' }, agencyWh);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name, phone: '139****5603', position: '测评师' }); // shown masked
    const [row] = await stored([name]);
    expect(row).toMatchObject({ name, phone: '13912345603', idNumber: id, position: '测评师' });
  });

  it('a date or an instant outside 2000–2099 (Beijing time) is refused naming the field, in every module (platform/fields.ts)', async () => {
    const details = (res: { statusCode: number; json: () => { error: { details: Array<{ field: string; message: string }> } } }) => {
      expect(res.statusCode).toBe(400);
      return res.json().error.details;
    };
    const range = '年份应在 2000 年至 2099 年之间（北京时间）';
    // an instant in a body (a venue's bookable slot): refused before the venue is looked up
    expect(details(await t.send('POST', '/api/v1/prevention/venues/1/slots', { startsAt: '9999-12-31T09:00:00+08:00', capacity: 5 }, agencyWh))).toEqual([{ field: 'startsAt', message: `开始时间：${range}` }]);
    expect(details(await t.send('POST', '/api/v1/prevention/venues/1/slots', { startsAt: '0001-01-01T09:00:00Z', capacity: 5 }, agencyWh))).toEqual([{ field: 'startsAt', message: `开始时间：${range}` }]);
    // days in a query
    expect(details(await t.get('/api/v1/prevention/daily-counts?from=0001-01-01&to=2024-06-01', wh))).toEqual([{ field: 'from', message: `开始日期：${range}` }]);
    // a day or an instant (a posting's valid-until, written by the bureau for an employer)
    expect(details(await t.send('POST', '/api/v1/postings', { title: `年份${unique()}`, validUntil: '9999-12-31T00:00:00Z' }, wh))).toEqual([{ field: 'validUntil', message: `有效期至：${range}` }]);
  });

  it('staff: under 16 on the server\'s today is refused (the day of the 16th birthday too), the day after is fine', async () => {
    const born16 = (ymd: string) => {
      const first17 = `530102${ymd}${String(unique() % 1000).padStart(3, '0')}`;
      return first17 + citizenIdCheckChar(first17);
    };
    const onBirthday = born16('20080601');
    const res = await t.send('POST', staffUrl(), { name: `童工${unique()}`, phone: mobile(), idNumber: onBirthday }, agencyWh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'idNumber', message: '身份证号：身份证号中的出生日期 2008-06-01，未满 16 周岁：不得招用未满 16 周岁的未成年人（劳动法第十五条）' }]);
    const future = await t.send('POST', staffUrl(), { name: `未来${unique()}`, phone: mobile(), idNumber: born16('20310501') }, agencyWh, { 'accept-language': 'en' });
    expect(future.json().error.details).toEqual([{ field: 'idNumber', message: 'ID number: the birth date in the ID number, 2031-05-01, is after today' }]);
    const ok = await t.send('POST', staffUrl(), { name: `满岁${unique()}`, phone: mobile(), idNumber: born16('20080531') }, agencyWh);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('agencies: full-width credit code and division, a 0086 phone, zero-width name; stored clean', async () => {
    const code = creditCode();
    const name = `全角机构${unique()}`;
    const res = await t.send(
      'POST',
      '/api/v1/agencies',
      { name: `${name}\u200B`, kind: 'commercial', licenceNo: '（云）人服证字［２０２４］第０１２号', creditCode: fullWidth(code.toLowerCase()), divisionCode: '５３０１０２', address: '五华区\u3000\u3000测试路 ２ 号', responsiblePerson: '负责人\u202E', responsiblePhone: '0086 139 1234 5604' },
      wh,
    );
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.deps.db.selectFrom('agencies').selectAll().where('division_code', '=', '530102').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name, credit_code: code, licence_no: '(云)人服证字[2024]第012号', address: '五华区 测试路 ２ 号', responsible_person: '负责人', responsible_phone: '13912345604' });
  });

  it('employers: a credit code with hyphens and spaces, a contact phone in brackets', async () => {
    const code = creditCode();
    const res = await t.send(
      'POST',
      '/api/v1/employers',
      { creditCode: `${code.slice(0, 2)}-${code.slice(2, 8)} ${code.slice(8)}`, name: `用人单位${unique()}`, industryCode: '２７７０', divisionCode: '530102', address: '测试路 3 号', contactName: '\u200B联系人', contactPhone: '(139)1234-5605' },
      wh,
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ creditCode: code, industryCode: '2770', contactName: '联系人' });
    const row = await t.deps.db.selectFrom('employers').select(['credit_code', 'contact_phone']).where('division_code', '=', '530102').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ credit_code: code, contact_phone: '13912345605' });
  });
});

describe('unified social credit codes (GB 32100)', () => {
  const countByCredit = async (c: string) => (await t.deps.db.selectFrom('agencies').select('id').where('credit_code', '=', c).execute()).length;
  const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

  it('22 a citizen ID entered as a credit code is refused, saying it is an ID number; nothing written', async () => {
    const input = json('22-credit-code-is-a-citizen-id.json');
    const res = await t.send('POST', '/api/v1/agencies', input, wh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'creditCode', message: '统一社会信用代码：这看起来是个人身份证号，不是统一社会信用代码；请填写营业执照或登记证书上的 18 位代码' },
    ]);
    const en = await t.send('POST', '/api/v1/agencies', input, wh, { 'accept-language': 'en' });
    expect(en.json().error.details[0].message).toMatch(/^unified social credit code: this looks like a personal ID number/);
    expect(await countByCredit(input.creditCode as string)).toBe(0);
  });

  it('the registration-authority/type pair and the division part are checked, not only the check character', async () => {
    const base = { name: `机构${unique()}`, kind: 'commercial', licenceNo: 'L-1', divisionCode: '530102', address: '测试路', responsiblePerson: '负责人', responsiblePhone: mobile() };
    const refusals: [string, string][] = [
      [withCheck('95530102MA6K00001'), '前两位 95 不是有效的登记管理部门和机构类别代码（企业为 91，个体工商户为 92，事业单位为 12，社会团体为 51）'],
      [withCheck('91990102MA6K00001'), '第 3–8 位 990102 不是登记机关的行政区划代码'],
      [withCheck('91539999MA6K00001'), '第 3–8 位 539999 不在本省的行政区划代码表中'], // inside Yunnan: must be in the loaded table
    ];
    for (const [c, message] of refusals) {
      const res = await t.send('POST', '/api/v1/agencies', { ...base, creditCode: c }, wh);
      expect(res.statusCode, c).toBe(400);
      expect(res.json().error.details, c).toEqual([{ field: 'creditCode', message: `统一社会信用代码：${message}` }]);
      expect(await countByCredit(c)).toBe(0);
    }
    // outside the province a real province's digits are enough; 100000 for firms registered centrally
    for (const c of [withCheck(`91440300MA5F${String(unique()).padStart(5, '0').slice(-5)}`), withCheck(`91100000MA0${String(unique()).padStart(6, '0').slice(-6)}`), withCheck(`91530100MA6${String(unique()).padStart(6, '0').slice(-6)}`)]) {
      const res = await t.send('POST', '/api/v1/agencies', { ...base, name: `机构${unique()}`, creditCode: c }, wh);
      expect(res.statusCode, `${c} ${res.body}`).toBe(201);
    }
  });

  it('holds/21 formula injection in an agency: stored as typed (tab trimmed), neutralised in the export', async () => {
    const input = json('holds/21-agency-formula-injection.json');
    const res = await t.send('POST', '/api/v1/agencies', input, wh);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: input.name, licenceNo: '-2+3', address: input.address, responsiblePerson: '=1+1' });
    const exported = await t.get('/api/v1/agencies/export.xlsx?division=530102', wh);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    let found: unknown[] | undefined;
    ws.eachRow((row) => {
      const v = (row.values as unknown[]).slice(1);
      if (v.includes(input.creditCode)) found = v;
    });
    expect(found).toBeDefined();
    const [name, , , , licence, , address, person] = found as string[];
    expect({ name, licence, address, person }).toEqual({ name: `'${input.name}`, licence: "'-2+3", address: `'${input.address}`, person: "'=1+1" });
    for (const v of found as unknown[]) if (typeof v === 'string') expect(/^[=+\-@\t\r]/.test(v), v).toBe(false);
  });
});

describe('SMS codes and sign-in names', () => {
  it('an SMS code refused as "6 位数字", never a pattern; a full-width code is read as digits', async () => {
    const res = await t.send('POST', '/api/v1/auth/sms-login', { phone: '+86 139 1234 5606', code: '12 34a' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'code', message: '验证码：应为 6 位数字' }]);
    const en = await t.send('POST', '/api/v1/auth/sms-login', { phone: '13912345606', code: '' }, undefined, { 'accept-language': 'en' });
    expect(en.json().error.details).toEqual([{ field: 'code', message: 'code: must be 6 digits' }]);
    // a well-formed code (full-width, spaced) reaches the check and fails there as a wrong code, not a 400
    const wrong = await t.send('POST', '/api/v1/auth/sms-login', { phone: '13912345606', code: '１２３ ４５６' });
    expect(wrong.statusCode).toBe(401);
  });

  it('missing and wrong-typed fields read as plain words over HTTP, in both languages', async () => {
    const res = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, { name: 42, idNumber: null }, agencyWh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'name', message: '姓名：应为文字' },
      { field: 'phone', message: '手机号：必填' },
      { field: 'idNumber', message: '身份证号：必填' },
    ]);
    const en = await t.send('POST', `/api/v1/agencies/${whAgencyId}/staff`, { name: 'x'.repeat(51), phone: '13912345607', idNumber: citizenId(), position: ['a'] }, agencyWh, { 'accept-language': 'en' });
    expect(en.json().error.details).toEqual([
      { field: 'name', message: 'name: may have at most 50 characters' },
      { field: 'position', message: 'position: must be text' },
    ]);
    const q = await t.get('/api/v1/agencies?kind=private&limit=abc', wh);
    expect(q.json().error.details).toEqual([
      { field: 'limit', message: '每页条数：应为数字' },
      { field: 'kind', message: '机构类型：应为以下之一：public、commercial' },
    ]);
  });
});
