// `yunqiao import postings FILE.csv` (issue 9): the export of the job platforms, read through the
// shared input layer (platform/sheets: encoding, quoting, records numbered by the line where each
// starts), normalised (./ingest-adapter.ts until ./ingest lands), then written in batches of one
// statement each (repository importRows: batched unnest), keyed on (发布平台, 职位自编号).
// Re-importing changes only rows whose content changed; an id twice in a file and identical content
// under another id are reported with both lines and imported once; a row missing from a later file
// is not closed (a file is a merge, not a snapshot). Imported postings pass the stub screener and
// are published at once, open until the file's date or 30 days after first publication.
import { createHash } from 'node:crypto';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { RawDetail } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import type { ReadOutcome, SheetSpec } from '../../platform/sheets/types.ts';
import { prefixOf } from '../../../shared/division.ts';
import * as reference from '../reference/service.ts';
import { screenPosting } from './access.ts';
import { cleanPostingText, type Division, occupationFromTitle, parsePostingDate, parseSalary, type RegionIndex, resolveRegion } from './ingest-adapter.ts';
import * as repo from './repository/postings.ts';
import { lastInstant } from './postings.service.ts';

const IMPORT = systemScope('posting import: rows of every division, keyed on their source');

/** Rows per statement. */
export const IMPORT_BATCH = 1000;

/** The columns of the platforms' export (jobs.csv); 有效期至 is ours and optional. */
export const POSTINGS_SPEC: SheetSpec = {
  maxRows: 200_000,
  columns: [
    { key: 'sourceId', header: '职位自编号', kind: 'text' },
    { key: 'platform', header: '发布平台', kind: 'text' },
    { key: 'url', header: '职位访问地址', kind: 'text', optional: true },
    { key: 'title', header: '职位', kind: 'text' },
    { key: 'company', header: '公司', kind: 'text' },
    { key: 'region', header: '地区', kind: 'text', optional: true },
    { key: 'address', header: '地址', kind: 'text', optional: true },
    { key: 'description', header: '职位描述', kind: 'text', optional: true },
    { key: 'education', header: '学历', kind: 'text', optional: true },
    { key: 'experience', header: '所需经验', kind: 'text', optional: true },
    { key: 'salaryMin', header: '最低薪资', kind: 'text', optional: true },
    { key: 'salaryMax', header: '最高薪资', kind: 'text', optional: true },
    { key: 'months', header: '几薪', kind: 'text', optional: true },
    { key: 'publishedAt', header: '首次发布时间', kind: 'text', optional: true },
    { key: 'employer', header: '招聘公司', kind: 'text', optional: true },
    { key: 'benefits', header: '福利', kind: 'text', optional: true },
    { key: 'validUntil', header: '有效期至', aliases: ['截止日期'], kind: 'text', optional: true },
  ],
};

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

async function regionIndex(deps: Deps): Promise<RegionIndex> {
  const prefectures = (await reference.childDivisions(deps, '530000')) as Division[];
  const counties: Division[] = [];
  for (const p of prefectures) counties.push(...((await reference.childDivisions(deps, p.code)) as Division[]));
  return { prefectures, counties };
}

const sameArea = (a: string, b: string) => {
  if (a === '000000' || b === '000000') return a === b;
  const pa = prefixOf(a);
  const pb = prefixOf(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
};

/** Normalises the rows read; refused rows become problems naming their line and column. */
export async function prepareRows(deps: Deps, read: Extract<ReadOutcome, { ok: true }>) {
  const index = await regionIndex(deps);
  const problems: RawDetail[] = [...read.problems];
  const rows: Prepared[] = [];
  for (const r of read.rows) {
    const c = r.cells as Record<string, string>;
    if (r.problems.length) {
      problems.push(...r.problems);
      continue;
    }
    const missing = (['sourceId', 'platform', 'title', 'company'] as const).find((k) => !c[k]);
    if (missing) {
      problems.push({ row: r.row, column: POSTINGS_SPEC.columns.find((x) => x.key === missing)?.header ?? missing, key: 'posting_import_missing' });
      continue;
    }
    const salary = parseSalary(c.salaryMin ?? '', c.salaryMax ?? '', c.months ?? '');
    if ('problem' in salary) {
      problems.push({ row: r.row, column: '最低薪资', key: salary.problem, params: { value: `${c.salaryMin}–${c.salaryMax}` } });
      continue;
    }
    const until = c.validUntil ? (/^\d{4}-\d{2}-\d{2}$/.test(c.validUntil) ? lastInstant(c.validUntil) : parsePostingDate(c.validUntil)) : null;
    if (until === 'bad') {
      problems.push({ row: r.row, column: '有效期至', key: 'posting_import_bad_date', params: { value: c.validUntil ?? '' } });
      continue;
    }
    const region = resolveRegion(c.region ?? '', index);
    const title = cleanPostingText(c.title ?? '').replace(/\n/g, ' ');
    const row: repo.ImportRow = {
      division_code: region?.code ?? '000000',
      source_platform: (c.platform ?? '').trim(),
      source_id: (c.sourceId ?? '').trim(),
      source_url: c.url ?? '',
      region_text: c.region ?? '',
      employer_name: cleanPostingText(c.employer || c.company || '').replace(/\n/g, ' '),
      title,
      occupation_code: occupationFromTitle(title),
      address: cleanPostingText(c.address ?? '').replace(/\n/g, ' '),
      salary_min: salary.min,
      salary_max: salary.max,
      salary_unit: salary.unit,
      salary_months: salary.monthsPaid,
      education: cleanPostingText(c.education ?? ''),
      experience: cleanPostingText(c.experience ?? ''),
      description: cleanPostingText(c.description ?? ''),
      benefits: cleanPostingText(c.benefits ?? ''),
      valid_through: until,
      content_hash: '',
    };
    screenPosting({ title: row.title, description: row.description });
    // what a re-import compares: everything stored from the row, not the scan or update dates
    const { content_hash: _h, ...content } = row;
    row.content_hash = createHash('sha256').update(JSON.stringify({ ...content, valid_through: until?.toISOString() ?? null })).digest('base64url');
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
  const counts = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    let inserted = 0;
    let updated = 0;
    const perDivision = new Map<string, { new: number; updated: number }>();
    for (let i = 0; i < kept.length; i += size) {
      const batch = kept.slice(i, i + size).map(({ line: _l, ...r }) => r);
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
    for (const [divisionCode, c] of perDivision) audit({ action: 'market.posting.import', divisionCode, targetType: 'posting', detail: { ...c, screener: 'stub' } });
    return { inserted, updated };
  });
  return { new: counts.inserted, updated: counts.updated, unchanged: kept.length - counts.inserted - counts.updated, duplicates, duplicateInFile, problems };
}
