// The sheet and CSV readers on inputs of the same kinds as the shared cases, generated here: inflate
// bombs (an honest one, one whose declared size lies, a 300 MB shared string), two visible roster
// sheets, rich text and hyperlinks, Chinese text split across inflate chunks, dates and numbers
// where codes belong, CSV encodings and broken records. No database.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { hugeSharedString, rawWorkbook, rowXml, zip } from '../../../../test/helpers/zip.ts';
import { closeSheetPool, readUploadOffThread } from './pool.ts';
import { readUpload } from './read.ts';
import type { ReadOutcome, SheetSpec } from './types.ts';
import { matchHeader } from './xlsx.ts';

afterAll(() => closeSheetPool());

const SPEC: SheetSpec = {
  columns: [
    { key: 'name', header: '姓名', kind: 'text' },
    { key: 'phone', header: '手机号', kind: 'phone' },
    { key: 'id', header: '身份证号', kind: 'code' },
  ],
  maxRows: 100,
};
const HEADER = ['姓名', '手机号', '身份证号'];
const ID = '530102199003070014';

const xlsx = (data: Buffer, limits = {}) => readUpload({ format: 'xlsx', data, spec: SPEC, limits });
const csv = (data: Buffer) => readUpload({ format: 'csv', data, spec: SPEC });
const ok = (r: ReadOutcome) => {
  if (!r.ok) throw new Error(`refused: ${r.refused}`);
  return r;
};

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('inflate limits, checked while inflating and before parsing', () => {
  it('a worksheet that inflates past the total is refused; the same file passes a larger limit', async () => {
    const blankRows = function* () {
      yield rowXml(1, HEADER);
      for (let r = 2; r < 60_000; r++) yield `<row r="${r}"><c r="A${r}" s="0"/><c r="B${r}" s="0"/></row>`;
    };
    const bomb = await rawWorkbook([{ name: '花名册', rows: blankRows() }]);
    expect(bomb.length).toBeLessThan(1_000_000);
    expect(await xlsx(bomb, { inflatedTotal: 1024 * 1024 })).toEqual({ ok: false, refused: 'import_inflated_too_large', params: { limit: '1 MB' } });
    expect(ok(await xlsx(bomb)).rows).toEqual([]);
  });

  it('a part whose declared size lies is caught while inflating (at the first byte past the declared size)', async () => {
    const honest = await rawWorkbook([{ name: '花名册', rows: [rowXml(1, HEADER), `<row r="2"><c r="A2" t="inlineStr"><is><t>${'甲'.repeat(2_000_000)}</t></is></c></row>`] }]);
    // rewrite the sheet's declared uncompressed size (local header +22, central directory +24) to 100 bytes
    const lying = Buffer.from(honest);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = lying.indexOf(name); at !== -1; at = lying.indexOf(name, at + 1)) {
      if (lying.readUInt32LE(at - 30) === 0x04034b50) lying.writeUInt32LE(100, at - 30 + 22);
      if (lying.readUInt32LE(at - 46) === 0x02014b50) lying.writeUInt32LE(100, at - 46 + 24);
    }
    expect(await xlsx(honest, { inflatedTotal: 2 * 1024 * 1024 })).toMatchObject({ ok: false, refused: 'import_inflated_too_large' });
    // declared 100 bytes, so it passes the size check on the directory; inflating finds out
    expect(await xlsx(lying, { inflatedTotal: 2 * 1024 * 1024 })).toEqual({ ok: false, refused: 'import_bad_file' });
    expect(await xlsx(lying)).toEqual({ ok: false, refused: 'import_bad_file' });
  });

  it('a 300 MB shared string (300 KB zipped) is refused by the part limit, never built', async () => {
    const file = await rawWorkbook([{ name: '花名册', rows: [rowXml(1, HEADER), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'] }], hugeSharedString(300));
    expect(file.length).toBeLessThan(1_000_000);
    expect(await xlsx(file)).toEqual({ ok: false, refused: 'import_inflated_too_large', params: { limit: '160 MB' } });
  });

  it('too many parts, a corrupt zip, an .xls and a text file are refused before any parsing', async () => {
    expect(await xlsx(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toEqual({ ok: false, refused: 'import_legacy_xls' });
    expect(await xlsx(Buffer.from('code,name\n2-02,x\n'))).toEqual({ ok: false, refused: 'import_csv_as_xlsx' });
    expect(await xlsx(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toEqual({ ok: false, refused: 'import_bad_file' });
    const many = await rawWorkbook(Array.from({ length: 12 }, (_, i) => ({ name: `s${i}`, rows: [] })));
    expect(await xlsx(many, { entries: 10 })).toEqual({ ok: false, refused: 'import_too_many_parts', params: { max: 10 } });
  });
});

describe('which sheet', () => {
  it('two visible sheets with the roster header are refused naming both; a hidden or veryHidden one is ignored', async () => {
    const two = await workbook((wb) => {
      for (const name of ['一月', '二月']) wb.addWorksheet(name).addRows([HEADER, ['张三', '13912340001', ID]]);
    });
    expect(await xlsx(two)).toEqual({ ok: false, refused: 'import_ambiguous_sheets', params: { sheets: '“一月”、“二月”' } });

    const hidden = await rawWorkbook([
      { name: '旧', state: 'veryHidden', rows: [rowXml(1, HEADER), rowXml(2, ['旧人', '13912340009', ID])] },
      { name: '说明', rows: [rowXml(1, ['请在下一个工作表填写'])] },
      { name: '新', rows: [rowXml(1, HEADER), rowXml(2, ['新人', '13912340001', ID])] },
    ]);
    const r = ok(await xlsx(hidden));
    expect(r.sheet).toBe('新');
    expect(r.rows.map((x) => x.cells.name)).toEqual(['新人']);
  });

  it('eight sheets stored before the workbook part (as exceljs writes them): every visible one with the header named in tab order, hidden ones not', async () => {
    const names = ['一月', '二月', '旧', '说明', '三月', '四月', '五月', '六月'];
    const file = await workbook((wb) => {
      for (const name of names) {
        const ws = wb.addWorksheet(name, { state: name === '旧' ? 'hidden' : 'visible' });
        ws.addRows(name === '说明' ? [['请在下一个工作表填写']] : [HEADER, [name, '13912340001', ID]]);
      }
    });
    expect(await xlsx(file)).toEqual({ ok: false, refused: 'import_ambiguous_sheets', params: { sheets: '“一月”、“二月”、“三月”、“四月”、“五月”、“六月”' } });
    // the same with one visible roster among many sheets: that one is read, by its name
    const one = await workbook((wb) => {
      for (const name of names) wb.addWorksheet(name, { state: name === '五月' ? 'visible' : 'hidden' }).addRows([HEADER, [name, '13912340001', ID]]);
      wb.addWorksheet('备注').addRow(['无']);
    });
    const r = ok(await xlsx(one));
    expect([r.sheet, r.rows.map((x) => x.cells.name)]).toEqual(['五月', ['五月']]);
  });

  it('parts in any stored order (shared strings after the worksheets, as Excel stores them; the workbook last): tab order and names hold', async () => {
    const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const strings = [...HEADER, '甲', '乙'];
    const sharedRow = (r: number, idx: number[]) => `<row r="${r}">${idx.map((k, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="s"><v>${k}</v></c>`).join('')}</row>`;
    const sheetXml = (who: number, phone: string) => [`<worksheet ${NS}><sheetData>${sharedRow(1, [0, 1, 2])}<row r="2"><c r="A2" t="s"><v>${who}</v></c><c r="B2" t="inlineStr"><is><t>${phone}</t></is></c><c r="C2" t="inlineStr"><is><t>${ID}</t></is></c></row></sheetData></worksheet>`];
    const rel = (id: number, target: string) => `<Relationship Id="rId${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target}"/>`;
    const build = (secondState = '') => zip([
      { name: '[Content_Types].xml', chunks: ['<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'] },
      { name: 'xl/worksheets/sheet2.xml', chunks: sheetXml(3, '13912340001') },
      { name: 'xl/worksheets/sheet1.xml', chunks: sheetXml(4, '13912340002') },
      { name: 'xl/sharedStrings.xml', chunks: [`<sst ${NS}>${strings.map((x) => `<si><t>${x}</t></si>`).join('')}</sst>`] },
      { name: 'xl/_rels/workbook.xml.rels', chunks: [`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel(1, 'worksheets/sheet1.xml')}${rel(2, '/xl/worksheets/sheet2.xml')}</Relationships>`] },
      // tab 1 is sheet2.xml (an absolute target), tab 2 sheet1.xml
      { name: 'xl/workbook.xml', chunks: [`<workbook ${NS}><sheets><sheet name="甲表" sheetId="1" r:id="rId2"/><sheet name="乙表" sheetId="2"${secondState} r:id="rId1"/></sheets></workbook>`] },
    ]);
    expect(await xlsx(await build())).toEqual({ ok: false, refused: 'import_ambiguous_sheets', params: { sheets: '“甲表”、“乙表”' } });
    const r = ok(await xlsx(await build(' state="hidden"')));
    expect([r.sheet, r.rows.map((x) => x.cells)]).toEqual(['甲表', [{ name: '甲', phone: '13912340001', id: ID }]]);
  });

  it('no visible sheet with the header: import_bad_header naming the expected columns', async () => {
    const file = await workbook((wb) => wb.addWorksheet('x').addRows([['名字', '电话'], ['a', 'b']]));
    expect(await xlsx(file)).toEqual({ ok: false, refused: 'import_bad_header', params: { expected: '姓名、手机号、身份证号' } });
  });
});

describe('cells', () => {
  it('rich text, hyperlinks and inline rich runs read as their text, never [object Object]', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('花名册');
      ws.addRow(HEADER);
      ws.addRow([{ richText: [{ text: '张', font: { bold: true } }, { text: '三' }] }, { text: '13912340001', hyperlink: 'tel:13912340001' }, ID]);
    });
    expect(ok(await xlsx(file)).rows[0]?.cells).toEqual({ name: '张三', phone: '13912340001', id: ID });
    const inline = await rawWorkbook([{ name: 's', rows: [rowXml(1, HEADER), `<row r="2"><c r="A2" t="inlineStr"><is><r><t>李</t></r><r><t>四</t></r><rPh><t>li si</t></rPh></is></c><c r="B2"><v>13912340002</v></c><c r="C2" t="inlineStr"><is><t>${ID}</t></is></c></row>`] }]);
    expect(ok(await xlsx(inline)).rows[0]?.cells).toEqual({ name: '李四', phone: '13912340002', id: ID });
  });

  it('Chinese text split across inflate chunks stays whole (no U+FFFD)', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `云南省昆明市五华区测试员工${i}号`);
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('花名册');
      ws.addRow(HEADER);
      for (const n of names) ws.addRow([n, '13912340001', ID]);
    });
    const r = ok(await readUpload({ format: 'xlsx', data: file, spec: { ...SPEC, maxRows: 5000 } }));
    expect(r.rows.map((x) => x.cells.name)).toEqual(names);
  });

  it('a number or a date where a code belongs is refused saying so; a number where a phone belongs is its digits', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('花名册');
      ws.addRow(HEADER);
      ws.addRow(['甲', 13912340001, 530102199003070000]);
      const r = ws.addRow(['乙', '13912340002', new Date(Date.UTC(2002, 1, 2))]);
      r.getCell(3).numFmt = 'yyyy-mm-dd';
      ws.addRow(['丙', '13912340003', '5.30102E+17']);
    });
    const rows = ok(await xlsx(file)).rows;
    expect(rows.map((r) => [r.cells, r.problems])).toEqual([
      [{ name: '甲', phone: '13912340001', id: '' }, [{ row: 2, column: '身份证号', key: 'cell_stored_as_number', params: { value: '530102199003070000' } }]],
      [{ name: '乙', phone: '13912340002', id: '' }, [{ row: 3, column: '身份证号', key: 'cell_stored_as_date', params: { value: '2002-02-02' } }]],
      [{ name: '丙', phone: '13912340003', id: '' }, [{ row: 4, column: '身份证号', key: 'cell_stored_as_number', params: { value: '5.30102E+17' } }]],
    ]);
  });

  it('a date in a text column reads as YYYY-MM-DD, in the 1900 and the 1904 date systems alike', async () => {
    for (const date1904 of [false, true]) {
      const file = await workbook((wb) => {
        wb.properties.date1904 = date1904;
        const ws = wb.addWorksheet('花名册');
        ws.addRow(HEADER);
        ws.addRow([new Date(Date.UTC(2020, 1, 7)), '13912340001', ID]).getCell(1).numFmt = 'yyyy-mm-dd';
      });
      expect(ok(await xlsx(file)).rows[0]?.cells.name, `date1904 ${date1904}`).toBe('2020-02-07');
    }
  });

  it('stops at the row limit (tooMany) and after a long run of blank rows', async () => {
    const many = await workbook((wb) => wb.addWorksheet('s').addRows([HEADER, ...Array.from({ length: 6 }, (_, i) => [`人${i}`, '13912340001', ID])]));
    const limited = ok(await readUpload({ format: 'xlsx', data: many, spec: { ...SPEC, maxRows: 5 } }));
    expect([limited.rows.length, limited.tooMany]).toEqual([5, true]);
    const far = await rawWorkbook([{ name: 's', rows: [rowXml(1, HEADER), rowXml(2, ['近', '13912340001', ID]), rowXml(40, ['远', '13912340001', ID])] }]);
    expect(ok(await xlsx(far, { blankRunStop: 100 })).rows.map((r) => r.cells.name)).toEqual(['近', '远']);
    expect(ok(await xlsx(far, { blankRunStop: 20 })).rows.map((r) => r.cells.name)).toEqual(['近']);
  });

  it('runs in a worker thread with the same result', async () => {
    const file = await workbook((wb) => wb.addWorksheet('花名册').addRows([['花名册（2026）'], HEADER, ['王五', '13912340005', ID]]));
    const read = await readUploadOffThread({ format: 'xlsx', data: file, spec: SPEC });
    expect([read.headerRow, read.rows]).toEqual([2, [{ row: 3, cells: { name: '王五', phone: '13912340005', id: ID }, problems: [] }]]);
  });
});

describe('headers', () => {
  const cols: SheetSpec['columns'] = [
    { key: 'name', header: '姓名', kind: 'text' },
    { key: 'phone', header: '手机号', aliases: ['手机号码', '联系电话'], kind: 'phone' },
    { key: 'id', header: '身份证号', aliases: ['身份证号码', '证件号码'], kind: 'code' },
    { key: 'note', header: '备注', aliases: ['说明'], kind: 'text', optional: true },
  ];
  const match = (headers: string[]) => {
    const m = matchHeader(new Map(headers.map((h, i) => [i, h])), cols);
    return m && Object.fromEntries(m);
  };

  it('a column is found by its header, else by an alias in its order; marks and spaces do not matter', () => {
    expect(match(['姓　名', '联系电话', '身份证号码（必填）'])).toEqual({ name: 0, phone: 1, id: 2, note: -1 });
    expect(match(['姓名', '手机号码*', '证件号码', '说明'])).toEqual({ name: 0, phone: 1, id: 2, note: 3 });
    // the header itself wins over an alias standing before it; an earlier alias over a later one
    expect(match(['姓名', '联系电话', '身份证号', '手机号'])).toEqual({ name: 0, phone: 3, id: 2, note: -1 });
    expect(match(['姓名', '联系电话', '身份证号', '手机号码'])).toEqual({ name: 0, phone: 3, id: 2, note: -1 });
    expect(match(['姓名', '电话', '身份证号'])).toBeNull();
  });
});

describe('masked numbers', () => {
  it('a masked number where a code or phone belongs is a problem of its cell; text columns keep asterisks', async () => {
    const file = await rawWorkbook([{ name: 's', rows: [rowXml(1, HEADER), rowXml(2, ['**甲**', '13912340001', ID]), rowXml(3, ['乙', '139 **** 0002', '530102＊＊＊＊＊＊＊＊0014'])] }]);
    const r = ok(await xlsx(file));
    expect(r.rows.map((x) => [x.cells, x.problems])).toEqual([
      [{ name: '**甲**', phone: '13912340001', id: ID }, []],
      [
        { name: '乙', phone: '', id: '' },
        [
          { row: 3, column: '手机号', key: 'cell_masked', params: { value: '139 **** 0002' } },
          { row: 3, column: '身份证号', key: 'cell_masked', params: { value: '530102＊＊＊＊＊＊＊＊0014' } },
        ],
      ],
    ]);
  });

  it('a file whose every row has a masked number is refused whole as an export, naming an ID number as the example', async () => {
    const file = await rawWorkbook([{ name: 's', rows: [rowXml(1, HEADER), rowXml(2, ['甲', '139****0001', '530102********0014']), rowXml(3, ['乙', '139****0002', ID])] }]);
    expect(await xlsx(file)).toEqual({ ok: false, refused: 'import_masked_export', params: { example: '530102********0014' } });
    expect(await csv(Buffer.from('姓名,手机号,身份证号\n甲,139****0001,530102********0014\n'))).toEqual({ ok: false, refused: 'import_masked_export', params: { example: '530102********0014' } });
  });
});

describe('CSV', () => {
  it('UTF-8 with a BOM; a U+FFFD already in the text is a problem of its cell', async () => {
    const r = ok(await csv(Buffer.from(`\uFEFF姓名,手机号,身份证号\n张\uFFFD,13912340001,${ID}\n`)));
    expect(r.encoding).toBe('utf-8');
    expect(r.rows[0]?.problems).toEqual([{ row: 2, column: '姓名', key: 'cell_replacement_char' }]);
  });

  it('GB18030 is accepted only when the header appears; UTF-16 is refused', async () => {
    const gbk = Buffer.from([...Buffer.from('name,'), 0xd0, 0xd5, 0xc3, 0xfb, 0x0a]); // "name,姓名" in GBK, not our header
    expect(await csv(gbk)).toEqual({ ok: false, refused: 'import_bad_encoding' });
    const header = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x0a]); // 姓名,手机号,身份证号
    const r = ok(await csv(Buffer.concat([header, Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(`,13912340001,${ID}\n`)])));
    expect([r.encoding, r.rows[0]?.cells.name]).toEqual(['gb18030', '张三']);
    expect(await csv(Buffer.from('\uFEFF姓名', 'utf16le'))).toEqual({ ok: false, refused: 'import_bad_encoding' });
  });

  it('a quote never closed at the end of the file is one broken record; the records before it are kept', async () => {
    const r = ok(await csv(Buffer.from(`姓名,手机号,身份证号\n甲,13912340001,${ID}\n"乙,13912340002,${ID}\n丙,13912340003,${ID}\n`)));
    expect(r.rows.map((x) => [x.row, x.cells.name])).toEqual([[2, '甲'], [4, '丙']]);
    expect(r.problems).toEqual([{ row: 3, column: '', key: 'csv_unclosed_quote' }]);
  });

  it('records ending in CR LF with LF inside fields: a broken record resumes after its own CR LF, so the rest of its text is no record', async () => {
    const data = `姓名,手机号,身份证号\r\n甲,13912340001,"${ID}\n续行"\r\n"乙,13912340002,说明第一行\n说明续行,${ID}\r\n丙,13912340003,${ID}\r\n`;
    const r = ok(await csv(Buffer.from(data)));
    expect(r.rows.map((x) => [x.row, x.cells.name])).toEqual([[2, '甲'], [6, '丙']]);
    expect(r.problems).toEqual([{ row: 4, column: '', key: 'csv_unclosed_quote' }]);
    // the same file with LF records resumes on the next line, as before
    const lf = ok(await csv(Buffer.from(data.replaceAll('\r\n', '\n'))));
    expect(lf.problems[0]).toEqual({ row: 4, column: '', key: 'csv_unclosed_quote' });
  });
});
