// Cases 01, 01b, 02 and 04 of ../shared/cases/postings-and-search, read from there (never copied):
// each file goes through the shared CSV reader (platform/sheets, decision 0021) and the one posting
// reader (market/ingest readPostingRecord), and each row is checked against the value its
// expected file holds. The division index is built from the divisions rows of this worker's
// database, as the reference module holds them. Skips with a notice when ../shared is absent
// locally; fails when it is absent under CI.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRegionIndex, type DivisionInput, type PostingInput, POSTING_SHEET_SPEC, parseSalaryText, type RegionIndex, readPostingRecord } from '../../src/server/modules/market/ingest/index.ts';
import { describeProblem } from '../../src/server/platform/import-rules.ts';
import { readUpload } from '../../src/server/platform/sheets/read.ts';
import type { SheetRead } from '../../src/server/platform/sheets/types.ts';
import { beijingIso } from '../../src/server/modules/market/ingest/text.ts';
import { appDbUrl } from '../helpers/db.ts';
import { sharedAvailable, sharedPath } from '../helpers/shared-inputs.ts';

const DIR = 'cases/postings-and-search';
const FILES = ['01-salary-units.csv', '01-salary-units.expected.csv', '01b-salary-texts.csv', '02-region-names.csv', '02-region-names.expected.csv', '04-export-as-written.csv', '04-export-as-written.expected.json'];
const available = sharedAvailable(...FILES.map((f) => `${DIR}/${f}`));
const file = (name: string) => readFileSync(sharedPath(DIR, name));
const table = (name: string) => parse(file(name), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

let regions: RegionIndex;

beforeAll(async () => {
  const c = new pg.Client({ connectionString: appDbUrl() });
  await c.connect();
  try {
    const rows = (await c.query<DivisionInput>('SELECT code, name, level, parent_code, active FROM divisions')).rows;
    regions = buildRegionIndex(rows);
  } finally {
    await c.end();
  }
});

/** A case CSV through the shared reader: its rows (numbered by the line where each record starts) and the reader's own problems. */
async function readCase(name: string): Promise<SheetRead> {
  const read = await readUpload({ format: 'csv', data: new Uint8Array(file(name)), spec: POSTING_SHEET_SPEC });
  if (!read.ok) throw new Error(`reader refused ${name}: ${read.refused}`);
  return read;
}

/** Every record of a case file through readPostingRecord as an import, by line. */
async function readAll(name: string) {
  const read = await readCase(name);
  const loaded = new Map<number, PostingInput>();
  const refused = new Map<number, string[]>();
  for (const r of read.rows) {
    expect(r.problems, `line ${r.row}: reader problems`).toEqual([]);
    const out = readPostingRecord(r.cells, r.row, { regions, kind: 'import' });
    if (out.ok) loaded.set(r.row, out.posting);
    else refused.set(r.row, out.problems.map((p) => describeProblem('zh-CN', p)));
  }
  const readerProblems = read.problems.map((p) => ({ row: p.row, message: describeProblem('zh-CN', p) }));
  return { loaded, refused, readerProblems, ids: new Map(read.rows.map((r) => [r.cells.sourceId, r.row])) };
}

describe.skipIf(!available)('case 01: salary columns in other units, 面议, 0–0, min > max', () => {
  it('each row gets the expected min, max, unit, months paid and monthly equivalent; row 18 is refused naming its line; the others load', async () => {
    const { loaded, refused, ids } = await readAll('01-salary-units.csv');
    const expected = table('01-salary-units.expected.csv');
    expect(expected.length).toBe(13);
    for (const e of expected) {
      const line = Number(e.file_line);
      expect(ids.get(e['职位自编号']), `${e['职位自编号']} starts on line ${line}`).toBe(line);
      if (e.outcome?.startsWith('refused')) {
        expect(loaded.has(line)).toBe(false);
        const quoted = /"([^"]+)"/.exec(e.outcome)?.[1] as string;
        expect(refused.get(line)).toEqual([quoted]);
        continue;
      }
      const p = loaded.get(line);
      expect(p, `${e['职位自编号']} loads`).toBeDefined();
      const s = (p as PostingInput).salary;
      expect({ min: s.min, max: s.max, unit: s.unit, monthsPaid: s.monthsPaid }, e['职位自编号']).toEqual({
        min: num(e.salaryMin),
        max: num(e.salaryMax),
        unit: e.unit || null,
        monthsPaid: num(e.monthsPaid),
      });
      const m = (p as PostingInput).monthlyEquivalent;
      expect(m ? [m.min, m.max] : [null, null], `${e['职位自编号']} monthly equivalent`).toEqual([num(e.monthlyEquivMin), num(e.monthlyEquivMax)]);
    }
    expect(refused.size).toBe(1);
  });

  it('面议 and 0–0 are NULL, never 0; a number with no unit keeps unit NULL (never 元/月)', async () => {
    const { loaded } = await readAll('01-salary-units.csv');
    for (const p of loaded.values()) {
      expect(p.salary.min).not.toBe(0);
      expect(p.salary.max).not.toBe(0);
      if (p.salary.unit === null) expect(p.monthlyEquivalent).toBeNull();
    }
    expect([...loaded.values()].find((p) => p.source?.id === '51JOB_yq01s06')?.salary.negotiable).toBe(true);
  });
});

describe.skipIf(!available)('case 01b: salaries as people type them', () => {
  const rows = available ? table('01b-salary-texts.csv') : [];
  it.each(rows.map((r) => [r.text ?? '', r] as const))('%s', (text, e) => {
    const r = parseSalaryText(text);
    if (e.salaryMin === 'ERROR') {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // refused with the text quoted, never swapped
      expect(describeProblem('zh-CN', { key: r.problem.key, params: r.problem.params })).toContain(`“${text}”`);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    if (e.salaryMin === 'UNKNOWN') {
      // no unit: neither K nor 元 is guessed; the text is kept, no numeric salary
      expect(r.salary).toMatchObject({ min: null, max: null, unit: null, unread: text });
      return;
    }
    expect({ min: r.salary.min, max: r.salary.max, unit: r.salary.unit, monthsPaid: r.salary.monthsPaid }).toEqual({
      min: num(e.salaryMin),
      max: num(e.salaryMax),
      unit: e.unit || null,
      monthsPaid: num(e.monthsPaid),
    });
  });
});

describe.skipIf(!available)('case 02: 地区 as the platforms write it', () => {
  it('each row gets the expected division code and level; unresolved text is kept and the row loads', async () => {
    const { loaded, refused, ids } = await readAll('02-region-names.csv');
    expect(refused.size).toBe(0);
    const expected = table('02-region-names.expected.csv');
    expect(expected.length).toBe(28);
    for (const e of expected) {
      const line = Number(e.file_line);
      expect(ids.get(e['职位自编号'])).toBe(line);
      const p = loaded.get(line) as PostingInput;
      expect({ code: p.divisionCode, level: p.divisionLevel ?? 'none' }, `${e['地区']} (${e.note})`).toEqual({ code: e.divisionCode || null, level: e.level });
      expect(p.regionText).toBe(e['地区']);
    }
  });
});

describe.skipIf(!available)('case 04: a file written like the real export', () => {
  const expected = available ? (JSON.parse(file('04-export-as-written.expected.json').toString('utf8')) as { records: Record<string, unknown>[] }) : { records: [] };
  const want = (id: string) => expected.records.find((r) => r.id === id) as Record<string, unknown> & { line: number };
  const compare = (s: string) => s.split('\n').map((l) => l.trim()).join('\n').replace(/\n{2,}/g, '\n');

  it('descriptions are stored clean (<br />, &amp;, &nbsp;, ;;, U+200B, U+00A0) and all three date forms give 2025-03-01T09:30+08:00', async () => {
    const { loaded } = await readAll('04-export-as-written.csv');
    for (const id of ['LAGOU_yq04r1', 'JOBONLINE_yq04r2']) {
      const e = want(id);
      const p = loaded.get(e.line) as PostingInput;
      expect(p.source?.id).toBe(id);
      expect(compare(p.description)).toBe(compare(e.description_stored_as_text as string));
      expect(p.description).toBe(e.description_stored_as_text);
    }
    for (const id of ['LAGOU_yq04r1', 'JOBONLINE_yq04r2', 'BOSS_yq04r5']) {
      const e = want(id);
      const p = loaded.get(e.line) as PostingInput;
      expect(p.firstPublishedAt && beijingIso(p.firstPublishedAt), id).toBe('2025-03-01T09:30:00+08:00');
      expect(p.firstPublishedAt?.toISOString()).toBe(new Date(e.firstPublished as string).toISOString());
    }
  });

  it('errors name the line where the record starts (8, 11, 14); the inch mark is literal; nothing merges into a description', async () => {
    const { loaded, refused, readerProblems } = await readAll('04-export-as-written.csv');
    const r3 = want('51JOB_yq04r3');
    expect(r3.line).toBe(8);
    expect(loaded.has(8)).toBe(false);
    const m8 = (refused.get(8) ?? []).join(' ');
    for (const part of r3.message_contains as string[]) expect(m8).toContain(part);
    // the broken quotes are the reader's: reported at the line the record starts
    for (const id of ['BOSS_yq04r4', 'BOSS_yq04r6']) {
      const e = want(id);
      const m = readerProblems.filter((p) => p.row === e.line).map((p) => p.message).join(' ');
      // refused naming its line and the quote, or (r4 only) loaded with the quotes kept literally
      if (loaded.has(e.line)) {
        expect(id).toBe('BOSS_yq04r4');
        expect(loaded.get(e.line)?.title).toBe('"急招"普工，包吃住');
      } else for (const part of e.message_contains as string[]) expect(m, id).toContain(part);
    }
    expect(loaded.get(13)?.title).toBe('27"显示器装配工');
    for (const p of loaded.values()) {
      expect(p.description).not.toMatch(/BOSS_yq04r7|BOSS_yq04r8|\r\n/);
      expect(`${p.title}${p.description}`).not.toMatch(/nbsp|amp;|<br|\u200B|\u00A0/);
      expect(p.firstPublishedAt === null || p.firstPublishedAt.getUTCFullYear() < 3000).toBe(true);
    }
    // the good rows load: 2, 7, 12, 13, and 16 and 17 after re-synchronising at the CR LF that ends
    // the broken record (its description's line 15 is never read as a record of its own)
    expect([...loaded].map(([line, p]) => [line, p.source?.id])).toEqual([
      [2, 'LAGOU_yq04r1'],
      [7, 'JOBONLINE_yq04r2'],
      [11, 'BOSS_yq04r4'],
      [12, 'BOSS_yq04r5'],
      [13, 'BOSS_yq04r9'],
      [16, 'BOSS_yq04r7'],
      [17, 'BOSS_yq04r8'],
    ]);
    expect(readerProblems.map((p) => p.row)).toEqual([14]);
  });
});
