// Typed identifiers as people type and upload them: a mainland mobile number, a citizen ID number
// (GB 11643-1999) and a unified social credit code (GB 32100-2015). Each is normalised by the one
// normaliser (text.ts normaliseCode: NFKC, invisible characters and separators removed) and then
// checked; a problem is a message key with its parameters, so a form field, a sheet cell and the UI
// say the same thing. Used by the server's zod fields (server/platform/fields.ts), the sheet
// importers and the web forms (web/components/formRules.ts). Pure: no clock, no database.
import { citizenIdCheckChar, creditCodeCheckChar, isMainlandMobile } from './checksums.ts';
import { normaliseCode } from './text.ts';

/** A refusal as a message key of the server catalogue (platform/messages.ts) and its parameters. */
export type FieldProblem = { key: FieldProblemKey; params?: Record<string, string | number> };
export type FieldProblemKey =
  | 'invalid_phone'
  | 'citizen_id_old_15'
  | 'citizen_id_length'
  | 'citizen_id_chars'
  | 'citizen_id_birth_date_invalid'
  | 'citizen_id_check_digit'
  | 'citizen_id_birth_in_future'
  | 'citizen_id_under_age'
  | 'credit_code_length'
  | 'credit_code_chars'
  | 'credit_code_is_citizen_id'
  | 'credit_code_authority'
  | 'credit_code_division'
  | 'credit_code_check_char';

// phone ---------------------------------------------------------------------------------------

/**
 * The 11-digit mainland mobile number in `raw`, or null. Accepts what people type and what sheets
 * hold: full-width digits, spaces, hyphens, dots and brackets anywhere, a country prefix `+86`,
 * `0086`, `86` or `(+86)` (another country's prefix gives null), and an integer (a sheet cell Excel stored as a number; 13912340008 is
 * exact in a double). Mobile numbers are 1[3-9] followed by 9 digits (MIIT numbering plan); fixed
 * lines and 400 numbers are not mobiles and give null.
 */
export function parsePhone(raw: unknown): string | null {
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw <= 0) return null;
    s = String(raw);
  } else if (typeof raw === 'string') s = normaliseCode(raw);
  else return null;
  // an international prefix must name China: "+1 415 555 0100" is not the mobile 14155550100
  if (s.startsWith('+') || s.startsWith('00')) {
    const rest = s.startsWith('+') ? s.slice(1) : s.slice(2);
    if (!rest.startsWith('86')) return null;
    s = rest.slice(2);
  } else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return isMainlandMobile(s) ? s : null;
}

// masked numbers ------------------------------------------------------------------------------

/** Two or more asterisks between digits or letters, nothing else. */
const MASKED = /^[0-9A-Za-z]*\*{2,}[0-9A-Za-z]*$/;

/**
 * Whether `raw` is a number shown masked, as this platform's exports and pages show them
 * (checksums.ts maskCitizenId `530102********0203`, maskPhone `139****5603`) and as other systems
 * print them: after normaliseCode (a full-width ＊ is `*`), digits or letters around a run of at
 * least two asterisks. Such a value cannot be imported: the digits it hides are gone.
 */
export function isMaskedNumber(raw: string): boolean {
  return MASKED.test(normaliseCode(raw));
}

// citizen ID (GB 11643-1999) ------------------------------------------------------------------

/** A citizen ID as stored: normaliseCode (full-width digits, spaces, invisible marks) and a lower-case x as X. */
export function normaliseCitizenId(raw: string): string {
  return normaliseCode(raw).toUpperCase();
}

/** The calendar date (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving since 1991) at `instant`. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const isoDate = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * True when someone born on `birth` (YYYY-MM-DD) has reached `years` full years (周岁) on `today`.
 * Civil Code (民法典) art. 201–202 and the Supreme People's Court's reading of 周岁: the period
 * starts the day after birth and ends on the corresponding day `years` later (the month's last
 * day when there is none, 29 February in a common year), so the age is reached the day after that
 * birthday: born 2010-05-01, 16 full years from 2026-05-02.
 */
export function hasFullAge(birth: string, today: string, years: number): boolean {
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  const ty = y + years;
  const anniversary = isoDate(ty, m, Math.min(d, daysIn(ty, m)));
  return today > anniversary;
}

/**
 * What is wrong with a citizen ID number (居民身份证号码, GB 11643-1999), or null when it is
 * right. `id` is normalised first (normaliseCitizenId). Checked in order: 18 characters (a 15-digit
 * first-generation number is named as such), 17 digits and a digit or X, a birth date (characters
 * 7–14) that exists and is not before 1900, the ISO 7064 MOD 11-2 check character; then, when
 * `today` is given (the caller's deps.clock), a birth date not after today in China, and with
 * `minAge` at least that many full years (staff: 16, 劳动法 第十五条 and 禁止使用童工规定 第二条
 * forbid employing anyone under 16). Messages quote the birth date read from the number:
 * `{ key: 'citizen_id_birth_in_future', params: { date: '2031-05-01' } }`.
 */
export function citizenIdProblem(id: string, today: Date | null, opts: { minAge?: number } = {}): FieldProblem | null {
  const v = normaliseCitizenId(id);
  if (/^\d{15}$/.test(v)) return { key: 'citizen_id_old_15' };
  if (v.length !== 18) return { key: 'citizen_id_length', params: { length: [...v].length } };
  if (!/^\d{17}[\dX]$/.test(v)) return { key: 'citizen_id_chars' };
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return { key: 'citizen_id_birth_date_invalid', params: { date } };
  if (citizenIdCheckChar(v.slice(0, 17)) !== v[17]) return { key: 'citizen_id_check_digit' };
  if (today) {
    const now = chinaDate(today);
    if (date > now) return { key: 'citizen_id_birth_in_future', params: { date } };
    if (opts.minAge !== undefined && !hasFullAge(date, now, opts.minAge)) return { key: 'citizen_id_under_age', params: { date, minAge: opts.minAge } };
  }
  return null;
}

// unified social credit code (GB 32100-2015) --------------------------------------------------

/** A credit code as stored: normaliseCode and upper case (the code uses upper-case letters only). */
export function normaliseCreditCode(raw: string): string {
  return normaliseCode(raw).toUpperCase();
}

/**
 * Registration authority (登记管理部门, character 1) → the organisation types (机构类别, character
 * 2) it registers. GB 32100-2015 §4 and its table of codes: 1 机构编制 (1 机关, 2 事业单位, 3 中央
 * 编办直接管理机构编制的群众团体, 9 其他), 5 民政 (1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他),
 * 9 工商 (1 企业, 2 个体工商户, 3 农民专业合作社), Y 其他 (1); and the authorities assigned since
 * by the national code centre (全国组织机构统一社会信用代码数据服务中心): 2 外交 (1, 9), 3 司法行政
 * (1 律师执业机构 … 5 仲裁委员会, 9), 4 文化 (1, 9), 6 旅游 (1, 2, 9), 7 宗教 (1, 2, 9), 8 工会
 * (1, 9), A 中央军委改革和编制办公室 (1, 9), N 农业 (1, 2, 3, 9).
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** Two-digit codes of the provinces, autonomous regions and municipalities of the mainland (GB/T 2260). */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);

/** The registration authority's division (characters 3–8) given for firms registered by the State Administration for Market Regulation. */
export const CENTRAL_REGISTRATION_DIVISION = '100000';

const CREDIT_ALPHABET = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * What is wrong with a unified social credit code (统一社会信用代码, GB 32100-2015), or null.
 * `code` is normalised first (normaliseCreditCode). Checked: 18 characters of the code's alphabet
 * (digits and upper-case letters without I, O, S, V, Z); a valid registration-authority/type pair
 * (CREDIT_CODE_AUTHORITIES); a division part (characters 3–8) of six digits that is 100000 (firms
 * registered centrally) or starts with a province's two digits (PROVINCE_PREFIXES); the check
 * character (ISO 7064 MOD 31-3). A citizen ID number typed in its place is named as such. Whether a
 * division part inside the deployment's province is a code of its division table is the service's
 * question (it needs the database).
 */
export function creditCodeProblem(code: string): FieldProblem | null {
  const v = normaliseCreditCode(code);
  const problem = creditCodeShapeProblem(v);
  if (problem && citizenIdProblem(v, null) === null) return { key: 'credit_code_is_citizen_id' };
  return problem;
}

function creditCodeShapeProblem(v: string): FieldProblem | null {
  if (v.length !== 18) return { key: 'credit_code_length', params: { length: [...v].length } };
  if (!CREDIT_ALPHABET.test(v)) return { key: 'credit_code_chars' };
  const authority = v[0] as string;
  if (!CREDIT_CODE_AUTHORITIES[authority]?.includes(v[1] as string)) return { key: 'credit_code_authority', params: { pair: v.slice(0, 2) } };
  const division = v.slice(2, 8);
  if (!/^\d{6}$/.test(division) || (division !== CENTRAL_REGISTRATION_DIVISION && !PROVINCE_PREFIXES.has(division.slice(0, 2)))) {
    return { key: 'credit_code_division', params: { division } };
  }
  if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) return { key: 'credit_code_check_char' };
  return null;
}

/** The registration authority's division code (characters 3–8) of a well-formed credit code. */
export function creditCodeDivision(code: string): string {
  return normaliseCreditCode(code).slice(2, 8);
}
