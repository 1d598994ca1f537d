// Typed field builders and parsers (platform/fields.ts over shared/identifiers.ts), with inputs of
// the kinds real people send: full-width digits, separators, country prefixes, zero-width marks,
// lower-case x, sheet numbers, impossible and future birth dates, an ID typed as a credit code.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { citizenIdCheckChar, creditCodeCheckChar } from '../../shared/checksums.ts';
import { hasFullAge } from '../../shared/identifiers.ts';
import { calendarDate, citizenId, citizenIdProblem, code, creditCode, creditCodeProblem, dateOrInstant, divisionCode, docNumber, instant, loginName, parsePhone, password, phone, smsCode, text, YEARS } from './fields.ts';

const id = (first17: string) => first17 + citizenIdCheckChar(first17);
const credit = (first17: string) => first17 + creditCodeCheckChar(first17);
/** The refusal of `schema` for `input`: its message key and params, or the parsed value. */
function run(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) return { value: r.data };
  const issue = r.error.issues[0] as z.core.$ZodIssue & { params?: unknown };
  return { code: issue.code, message: issue.message, ...(issue.params ? { params: issue.params } : {}) };
}
const at = (iso: string) => new Date(`${iso}T12:00:00+08:00`);

describe('parsePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138.1234.5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['(+86)138 1234 5678', '13812345678'],
    ['（+86）13812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['＋８６ １３８１２３４５６７８', '13812345678'],
    ['\u202D13812345678\u202C', '13812345678'],
    ['1381234\u200B5678', '13812345678'],
    [13812345678, '13812345678'], // a sheet cell Excel stored as a number
    [8613812345678, '13812345678'],
    [19912345678, '19912345678'],
  ] as const)('%j → %s', (raw, want) => expect(parsePhone(raw)).toBe(want));

  it.each([
    ['1381234567'], // 10 digits
    ['138123456789'], // 12 digits
    ['12812345678'], // 12x is no mobile range
    ['0871-65123456'], // a Kunming fixed line
    ['4008123456'],
    ['+1 415 555 0100'], // 14155550100 would look like a mainland data-card number
    ['001 415 555 0100'],
    ['+8613812345678 1'],
    ['86 1381234567'], // prefix, then 10 digits
    ['138l2345678'], // a letter l for a 1
    [''],
    [1.3812345678e10 + 0.5],
    [-13812345678],
    [null],
    [{}],
  ] as const)('%j → null', (raw) => expect(parsePhone(raw)).toBeNull());

  it('the phone field stores the 11 digits and refuses the rest with invalid_phone', () => {
    expect(run(phone(), ' +86 (138) 1234-5678 ')).toEqual({ value: '13812345678' });
    expect(run(phone(), '0871-65123456')).toEqual({ code: 'custom', message: 'invalid_phone' });
    expect(run(phone(), 13812345678)).toMatchObject({ code: 'invalid_type' }); // JSON forms send text
  });
});

describe('citizenIdProblem (GB 11643)', () => {
  const good = id('11010519491231002'); // the standard's own example: 11010519491231002X
  it('the standard\'s example is valid, with x in any case, width or spacing', () => {
    expect(good).toBe('11010519491231002X');
    for (const typed of [good, good.toLowerCase(), '110105 1949 1231 002x', '１１０１０５１９４９１２３１００２ｘ', `\u200B${good}\u200E`]) {
      expect(citizenIdProblem(typed, at('2024-06-01')), typed).toBeNull();
      expect(run(citizenId(), typed)).toEqual({ value: good });
    }
  });

  it('names what is wrong', () => {
    expect(citizenIdProblem('110105491231002', null)).toEqual({ key: 'citizen_id_old_15' });
    expect(citizenIdProblem('1101051949123100', null)).toEqual({ key: 'citizen_id_length', params: { length: 16 } });
    expect(citizenIdProblem('11010519491231002Y', null)).toEqual({ key: 'citizen_id_chars' });
    expect(citizenIdProblem('X10105194912310021', null)).toEqual({ key: 'citizen_id_chars' });
    expect(citizenIdProblem(id('53010220230229001'), null)).toEqual({ key: 'citizen_id_birth_date_invalid', params: { date: '2023-02-29' } });
    expect(citizenIdProblem(id('53010218991231001'), null)).toEqual({ key: 'citizen_id_birth_date_invalid', params: { date: '1899-12-31' } });
    expect(citizenIdProblem(id('53010219901301001'), null)).toEqual({ key: 'citizen_id_birth_date_invalid', params: { date: '1990-13-01' } });
    expect(citizenIdProblem(`${good.slice(0, 17)}1`, null)).toEqual({ key: 'citizen_id_check_digit' });
    expect(citizenIdProblem(id('53010220240229001'), null)).toBeNull(); // a leap day that exists
  });

  it('a birth date after today (in China) is refused quoting the date; today itself is fine', () => {
    const born = id('53010220310501001');
    expect(citizenIdProblem(born, at('2024-06-01'))).toEqual({ key: 'citizen_id_birth_in_future', params: { date: '2031-05-01' } });
    // 2024-06-01 00:30 in Beijing is still 31 May in UTC: China's date is the one that counts
    const baby = id('53010220240601001');
    expect(citizenIdProblem(baby, new Date('2024-05-31T16:30:00Z'))).toBeNull();
    expect(citizenIdProblem(baby, new Date('2024-05-31T15:30:00Z'))).toEqual({ key: 'citizen_id_birth_in_future', params: { date: '2024-06-01' } });
  });

  it('minimum age: 16 full years from the day after the 16th birthday (民法典 art. 201–202)', () => {
    const born = id('53010220080601001');
    expect(citizenIdProblem(born, at('2024-06-01'), { minAge: 16 })).toEqual({ key: 'citizen_id_under_age', params: { date: '2008-06-01', minAge: 16 } });
    expect(citizenIdProblem(born, at('2024-06-02'), { minAge: 16 })).toBeNull();
    expect(citizenIdProblem(born, at('2024-06-01'))).toBeNull(); // no minimum asked
    expect(hasFullAge('2008-02-29', '2024-02-29', 16)).toBe(false); // a leap year: the same day
    expect(hasFullAge('2008-02-29', '2024-03-01', 16)).toBe(true);
    expect(hasFullAge('2004-02-29', '2020-02-29', 16)).toBe(false);
    expect(hasFullAge('2005-02-29'.replace('29', '28'), '2021-03-01', 16)).toBe(true);
    expect(hasFullAge('2008-02-29', '2025-02-28', 17)).toBe(false); // common year: 28 Feb ends the period
    expect(hasFullAge('2008-02-29', '2025-03-01', 17)).toBe(true);
  });
});

describe('creditCodeProblem (GB 32100)', () => {
  const company = credit('91530102MA6K00001');
  it('accepts valid codes of each kind of registration, typed any way', () => {
    for (const c of [company, credit('12530000015012345'), credit('51530102MJ0000001'), credit('92530102MA0000001'), credit('93530102MA0000001'), credit('Y1530102000000001'), credit('31530000MD0000001'), credit('N2530102MF0000001'), credit('91440300MA5DXXXX1'), credit('91100000100000001')]) {
      expect(creditCodeProblem(c), c).toBeNull();
    }
    expect(run(creditCode(), ` ${company.toLowerCase().replace('ma', 'ｍａ')} `)).toEqual({ value: company });
    expect(run(creditCode(), `${company.slice(0, 6)}-${company.slice(6)}`)).toEqual({ value: company });
  });

  it('names what is wrong', () => {
    expect(creditCodeProblem(company.slice(0, 17))).toEqual({ key: 'credit_code_length', params: { length: 17 } });
    expect(creditCodeProblem(`${company.slice(0, 17)}I`)).toEqual({ key: 'credit_code_chars' });
    expect(creditCodeProblem(credit('94530102MA6K00001'))).toEqual({ key: 'credit_code_authority', params: { pair: '94' } });
    expect(creditCodeProblem(credit('Y2530102MA6K00001'))).toEqual({ key: 'credit_code_authority', params: { pair: 'Y2' } });
    expect(creditCodeProblem(credit('B1530102MA6K00001'))).toEqual({ key: 'credit_code_authority', params: { pair: 'B1' } });
    expect(creditCodeProblem(credit('91990102MA6K00001'))).toEqual({ key: 'credit_code_division', params: { division: '990102' } });
    expect(creditCodeProblem(credit('9171010MMA6K00001'))).toEqual({ key: 'credit_code_division', params: { division: '71010M' } });
    expect(creditCodeProblem(credit('91200000MA6K00001'))).toEqual({ key: 'credit_code_division', params: { division: '200000' } });
    const wrong = company.slice(0, 17) + (company[17] === '0' ? '1' : '0');
    expect(creditCodeProblem(wrong)).toEqual({ key: 'credit_code_check_char' });
  });

  it('a citizen ID number in its place is named as such, whatever else it fails', () => {
    for (const person of [id('53010219870606005'), id('44030519900101123'), id('11010519491231002')]) {
      expect(creditCodeProblem(person), person).toEqual({ key: 'credit_code_is_citizen_id' });
      expect(run(creditCode(), person)).toEqual({ code: 'custom', message: 'credit_code_is_citizen_id' });
    }
  });
});

describe('text fields', () => {
  it('normalise before counting: invisible characters and spaces do not count, and are not stored', () => {
    expect(run(text(5), ` \u200B测试\u202E庚\u202C `)).toEqual({ value: '测试庚' });
    expect(run(text(5), '\u200B \u3000')).toMatchObject({ code: 'too_small' });
    expect(run(text(5), '五华区测试路')).toMatchObject({ code: 'too_big' });
    expect(run(text(2), '𠀀𠀁')).toEqual({ value: '𠀀𠀁' }); // two characters (four UTF-16 units)
    expect(run(text(5, { optional: true }), ' ')).toEqual({ value: '' });
    expect(run(text(50, { multiline: true }), '一\r\n二  \n')).toEqual({ value: '一\n二' });
  });

  it('refuses the replacement character (text garbled by a wrong encoding) in text and document numbers', () => {
    expect(run(text(20), '张\uFFFD\uFFFD')).toEqual({ code: 'custom', message: 'text_garbled' });
    expect(run(docNumber(20), '云\uFFFD字')).toEqual({ code: 'custom', message: 'text_garbled' });
  });

  it('a document number folds width and keeps its punctuation', () => {
    expect(run(docNumber(50), '（云）人服证字［２０２０］第０００１号 ')).toEqual({ value: '(云)人服证字[2020]第0001号' });
  });

  it('codes: NFKC and separators out, then the pattern, refused with our key (never the pattern)', () => {
    expect(run(divisionCode(), '５３０ １０２')).toEqual({ value: '530102' });
    expect(run(divisionCode(), '5301')).toEqual({ code: 'custom', message: 'invalid_division_code' });
    const occupation = code({ pattern: /^\d(-\d{2}){0,3}$/, message: 'invalid_occupation_code', keepDashes: true });
    expect(run(occupation, '２－０２－０１')).toEqual({ value: '2-02-01' });
    expect(run(occupation, '2-2-1')).toEqual({ code: 'custom', message: 'invalid_occupation_code' });
    expect(run(divisionCode(), 'x'.repeat(65))).toMatchObject({ code: 'too_big' });
  });

  it('SMS code: digits after normalising; the refusal names the length', () => {
    expect(run(smsCode(), '１２３ ４５６')).toEqual({ value: '123456' });
    expect(run(smsCode(), '12345a')).toEqual({ code: 'custom', message: 'sms_code_format', params: { length: 6 } });
    expect(run(smsCode(), '1234567')).toEqual({ code: 'custom', message: 'sms_code_format', params: { length: 6 } });
  });

  it('passwords are untouched: spaces, full-width and invisible characters are part of them', () => {
    for (const p of [' pass word ', 'ｐａｓｓ', 'pa\u200Bss']) expect(run(password(), p)).toEqual({ value: p });
  });

  it('sign-in names lose invisible characters and width, keep their hyphens', () => {
    expect(run(loginName(), ' ａｇｅｎｃｙ-wh\u200B ')).toEqual({ value: 'agency-wh' });
  });
});

describe('dates and instants: 2000–2099 Beijing time, in every field built from them', () => {
  it('a calendar day exists and falls in 2000–2099; out of range names the range, an impossible day is invalid_date', () => {
    expect(run(calendarDate(), '2025-03-31')).toEqual({ value: '2025-03-31' });
    expect(run(calendarDate(), '２０２５-03-31')).toEqual({ value: '2025-03-31' });
    expect(run(calendarDate(), '2000-01-01')).toEqual({ value: '2000-01-01' });
    expect(run(calendarDate(), '2099-12-31')).toEqual({ value: '2099-12-31' });
    for (const v of ['0001-01-01', '1999-12-31', '2100-01-01', '9999-12-31']) expect(run(calendarDate(), v), v).toEqual({ code: 'custom', message: 'year_out_of_range', params: YEARS });
    for (const v of ['2025-02-30', '2025-13-01', 'yesterday', '2025-03-31T12:00:00+08:00']) expect(run(calendarDate(), v), v).toMatchObject({ message: 'invalid_date' });
  });

  it('an instant has its offset, and its year in Beijing time is in 2000–2099', () => {
    expect(run(instant(), '2025-03-31T12:00:00+08:00')).toEqual({ value: '2025-03-31T12:00:00+08:00' });
    // 1999-12-31 16:00 UTC is 2000-01-01 00:00 in Beijing: in range; 2099-12-31 20:00 at -05:00 is 2100 there: out
    expect(run(instant(), '1999-12-31T16:00:00Z')).toEqual({ value: '1999-12-31T16:00:00Z' });
    for (const v of ['0001-01-01T00:00:00+08:00', '9999-12-31T00:00:00Z', '1999-12-31T15:59:59Z', '2099-12-31T20:00:00-05:00']) {
      expect(run(instant(), v), v).toEqual({ code: 'custom', message: 'year_out_of_range', params: YEARS });
    }
    for (const v of ['2025-03-31', '2025-03-31T12:00:00', 'soon']) expect(run(instant(), v), v).toMatchObject({ message: 'invalid_datetime' });
    // a phone's own clock is only used for differences: any year
    expect(run(instant({ anyYear: true }), '1970-01-01T00:00:05Z')).toEqual({ value: '1970-01-01T00:00:05Z' });
  });

  it('a day or an instant: each refused in its own words, the year named either way', () => {
    expect(run(dateOrInstant(), '2025-03-31')).toEqual({ value: '2025-03-31' });
    expect(run(dateOrInstant(), '2025-03-31T12:00:00+08:00')).toEqual({ value: '2025-03-31T12:00:00+08:00' });
    for (const v of ['0001-01-01', '9999-12-31', '0001-01-01T00:00:00+08:00', '9999-12-31T23:59:59Z']) expect(run(dateOrInstant(), v), v).toEqual({ code: 'custom', message: 'year_out_of_range', params: YEARS });
    expect(run(dateOrInstant(), '2025-02-30')).toMatchObject({ message: 'invalid_date' });
    expect(run(dateOrInstant(), 'soon')).toMatchObject({ code: 'invalid_union', message: 'invalid_date_or_datetime' });
  });
});
