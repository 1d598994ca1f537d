// `yunqiao import postings FILE.csv` (issue 9): the export of the job platforms, read through the
// shared input layer (platform/sheets: encoding, quoting, records numbered by the line where each
// starts), normalised by the one posting reader (./ingest, decision 0034), then written in batches of one
// statement each (repository importRows: batched unnest), keyed on (发布平台, 职位自编号).
// Re-importing changes only rows whose content changed; an id twice in a file and identical content
// under another id are reported with both lines and imported once; a row missing from a later file
// is not closed (a file is a merge, not a snapshot). Imported postings pass the screener (a blocked row is refused, issue 11) and
// are published at once, open until the file's date or 30 days after first publication.
import { createHash } from 'node:crypto';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { RawDetail } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import type { ReadOutcome } from '../../platform/sheets/types.ts';
import { prefixOf } from '../../../shared/division.ts';
import { screenPosting } from './access.ts';
import { postingTextsOf } from './screener/screen.ts';

/** The file's column a screened field comes from (a blocked row's problems name it), by the reader's own column table. */
const headerOf = (field: string | null | undefined) => POSTING_COLUMNS.find((c) => c.key === field)?.header ?? '职位描述';
import { buildRegionIndex, POSTING_COLUMNS, POSTING_SHEET_SPEC, readPostingRecord } from './ingest/index.ts';
import * as repo from './repository/postings.ts';
import { analyzerOf, documentTexts } from './search/document.ts';

const IMPORT = systemScope('posting import: rows of every division, keyed on their source');

/** Rows per statement. */
export const IMPORT_BATCH = 1000;

/** The columns of the platforms' export (jobs.csv), as the posting reader names them (decision 0034). */
export const POSTINGS_SPEC = POSTING_SHEET_SPEC;

export type ImportReport = {
  new: number;
  updated: number;
  unchanged: number;
  /** Identical content under another id (a re-post, or the same ad on another platform). */
  duplicates: Array<{ line: number; sameAsLine: number }>;
  /** The same (platform, id) twice in this file. */
  duplicateInFile: Array<{ line: number; sameAsLine: number; platform: string; sourceId: string }>;
  /** Rows refused (and reader problems), by the line where each record starts. */
  problems: RawDetail[];
};

type Prepared = repo.ImportRow & { line: number };

const sameArea = (a: string, b: string) => {
  if (a === repo.UNRESOLVED_DIVISION || b === repo.UNRESOLVED_DIVISION) return a === b;
  const pa = prefixOf(a);
  const pb = prefixOf(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
};

/**
 * Reads each row through the one posting reader (./ingest readPostingRecord: salaries, places,
 * text, dates, occupations; decision 0034) with the division index and the loaded occupation codes
 * built once; a refused row becomes its problems, each naming the line where its record starts.
 */
export async function prepareRows(deps: Deps, read: Extract<ReadOutcome, { ok: true }>) {
  const regions = buildRegionIndex(await repo.divisionRows(deps.db));
  const loaded = await repo.occupationCodes(deps.db);
  const ctx = { regions, occupations: { has: (code: string) => loaded.has(code) }, kind: 'import' as const };
  const problems: RawDetail[] = [...read.problems];
  const rows: Prepared[] = [];
  for (const r of read.rows) {
    if (r.problems.length) {
      problems.push(...r.problems);
      continue;
    }
    const res = readPostingRecord(r.cells, r.row, ctx);
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const p = res.posting;
    const row: repo.ImportRow = {
      division_code: p.divisionCode ?? repo.UNRESOLVED_DIVISION,
      source_platform: p.source?.platform ?? '',
      source_id: p.source?.id ?? '',
      source_url: p.source?.url ?? '',
      region_text: p.regionText,
      employer_name: p.employerName,
      title: p.title,
      occupation_code: p.occupationCode,
      address: p.address,
      headcount: p.headcount,
      salary_min: p.salary.min,
      salary_max: p.salary.max,
      salary_unit: p.salary.unit,
      salary_months: p.salary.monthsPaid,
      education: p.education,
      experience: p.experience,
      description: p.description,
      benefits: p.benefits,
      valid_through: p.validThrough,
      first_published_at: p.firstPublishedAt,
      content_hash: '',
    };
    // the screener (issue 11): a row that blocks (discrimination, a fee asked of applicants) is
    // refused like any bad row, each hit named by its line and column; a review is loaded (an
    // import's rows are not held one by one: the moderation desk finds them by report or search)
    const screened = screenPosting(postingTextsOf(row));
    if (screened.verdict === 'block') {
      for (const h of screened.hits.filter((x) => x.verdict === 'block')) problems.push({ row: r.row, column: headerOf(h.field), key: 'screen_hit', params: { text: h.text, basis: h.basis ?? '', suggestion: h.suggestion ?? '' } });
      continue;
    }
    // what a re-import compares: everything stored from the row, not the scan or update dates
    const { content_hash: _h, ...content } = row;
    row.content_hash = createHash('sha256').update(JSON.stringify({ ...content, valid_through: p.validThrough?.toISOString() ?? null })).digest('base64url');
    rows.push({ ...row, line: r.row });
  }
  return { rows, problems };
}

/** Drops an id seen before in the file, then identical content seen before (same employer, title and description, same place at any precision). */
export function dedupe(rows: readonly Prepared[]) {
  const byKey = new Map<string, number>();
  const byContent = new Map<string, Prepared[]>();
  const kept: Prepared[] = [];
  const duplicateInFile: ImportReport['duplicateInFile'] = [];
  const duplicates: ImportReport['duplicates'] = [];
  for (const r of rows) {
    const key = `${r.source_platform}\u0000${r.source_id}`;
    const seen = byKey.get(key);
    if (seen !== undefined) {
      duplicateInFile.push({ line: r.line, sameAsLine: seen, platform: r.source_platform, sourceId: r.source_id });
      continue;
    }
    byKey.set(key, r.line);
    const content = `${r.employer_name}\u0000${r.title}\u0000${r.description}`;
    const same = (byContent.get(content) ?? []).find((o) => sameArea(o.division_code, r.division_code));
    if (same) {
      duplicates.push({ line: r.line, sameAsLine: same.line });
      continue;
    }
    byContent.set(content, [...(byContent.get(content) ?? []), r]);
    kept.push(r);
  }
  return { kept, duplicates, duplicateInFile };
}

/** Search texts passed for a row the write will not touch (its stored digest is the same). */
const UNCHANGED_TEXTS = { A: '', B: '', C: '', D: '' } as const;

/**
 * Imports what the reader read, in one command (a consumer of the feed sees none of the rows
 * before all of them commit): batches of IMPORT_BATCH rows (`opts.batch`: 1 is row at a time, for
 * the benchmark's comparison), one statement each. Audited once per
 * division touched, with its counts. Returns the report (counts, duplicates, problems by line).
 */
export async function importPostings(deps: Deps, actor: Actor | null, read: Extract<ReadOutcome, { ok: true }>, ctx: RequestContext | null, opts: { batch?: number } = {}): Promise<ImportReport> {
  const size = opts.batch ?? IMPORT_BATCH;
  const now = deps.clock.now();
  const { rows, problems } = await prepareRows(deps, read);
  const { kept, duplicates, duplicateInFile } = dedupe(rows);
  // each row's search document is made here and written by the batch's one statement (decision 0041)
  const analyzer = await analyzerOf(deps);
  const counts = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    let inserted = 0;
    let updated = 0;
    const perDivision = new Map<string, { new: number; updated: number }>();
    for (let i = 0; i < kept.length; i += size) {
      const slice = kept.slice(i, i + size);
      // a row whose stored digest is unchanged is left untouched by the write: no document to make
      // (segmenting is most of a re-import's time)
      const stored = await repo.storedContentHashes(tx, IMPORT, slice);
      const batch = slice.map(({ line: _l, ...r }) => ({
        ...r,
        search:
          stored.get(`${r.source_platform}\u0000${r.source_id}`) === r.content_hash
            ? UNCHANGED_TEXTS
            : documentTexts(analyzer, { title: r.title, company: r.employer_name, benefits: r.benefits, description: r.description, divisionCode: r.division_code }),
      }));
      const r = await repo.importRows(tx, IMPORT, batch, now);
      inserted += r.inserted.length;
      updated += r.updated.length;
      for (const [list, k] of [[r.inserted, 'new'], [r.updated, 'updated']] as const) {
        for (const x of list) {
          const c = perDivision.get(x.division_code) ?? { new: 0, updated: 0 };
          c[k]++;
          perDivision.set(x.division_code, c);
        }
      }
    }
    for (const [divisionCode, c] of perDivision) audit({ action: 'market.posting.import', divisionCode, targetType: 'posting', detail: { ...c, screener: 'screened' } });
    return { inserted, updated };
  });
  return { new: counts.inserted, updated: counts.updated, unchanged: kept.length - counts.inserted - counts.updated, duplicates, duplicateInFile, problems };
}
