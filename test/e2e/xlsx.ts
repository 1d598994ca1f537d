// Builds roster workbooks for the import tests, with valid or deliberately broken ID numbers.
import ExcelJS from 'exceljs';
import { citizenIdCheckChar, creditCodeCheckChar } from '../../src/shared/checksums.ts';

export const ROSTER_HEADER = ['姓名', '手机号', '身份证号', '岗位'];

/** A valid 18-digit citizen ID registered in 五华区 with a random birth date and sequence. */
export function validCitizenId(): string {
  const year = 1970 + Math.floor(Math.random() * 30);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `530102${year}${month}${day}${seq}`;
  return first17 + citizenIdCheckChar(first17);
}

/** The same ID with a wrong check character. */
export function brokenCitizenId(): string {
  const good = validCitizenId();
  const wrong = good.endsWith('1') ? '2' : '1';
  return good.slice(0, 17) + wrong;
}

export function randomMobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export async function rosterWorkbook(rows: string[][]): Promise<Buffer> {
  return textWorkbook('花名册', ROSTER_HEADER, rows);
}

/** The risk-area template's headers (screening/risk-areas.service.ts RISK_AREA_SPEC). */
export const RISK_AREA_HEADER = ['区划代码', '名称', '街道（社区）', '等级', '起', '止', '备注'];

export function riskAreaWorkbook(rows: string[][]): Promise<Buffer> {
  return textWorkbook('风险地区', RISK_AREA_HEADER, rows);
}

/** One sheet named `name`: the header row, then `rows`, every cell text. */
export async function textWorkbook(name: string, header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  // Keep numbers as text, as a careful clerk would.
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid unified social credit code (GB 32100) for a company registered in `county`. */
export function validCreditCode(county = '530102'): string {
  const serial = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  const first17 = `9153${county.slice(2)}${serial}`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}
