// Case 03 (../shared/cases/postings-and-search/03a-import-day1.csv, 03b-import-day2.csv,
// 03-reimport.expected.json; copied to test/fixtures/cases) through `yunqiao import postings`:
// day 1, day 2, day 2 again. Keyed on (发布平台, 职位自编号): re-import updates in place, unchanged
// rows change nothing and emit no feed event, an id twice in a file and identical content under
// another id are reported by line and imported once, a row missing from a later file stays published.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDbUrl, ownerDbUrl } from '../helpers/db.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const ROOT = join(import.meta.dirname, '../..');
const DIR = join(ROOT, 'test/fixtures/cases/postings-and-search');
const EXPECTED = JSON.parse(readFileSync(join(DIR, '03-reimport.expected.json'), 'utf8'));
const KEYS = ['BOSS_yq03a1', 'BOSS_yq03a2', '51JOB_yq03a3', '51JOB_yq03a4', 'LAGOU_yq03a5', '51JOB_yq03a6', 'BOSS_yq03a7'];

type Report = { new: number; updated: number; unchanged: number; duplicates: Array<{ line: number; sameAsLine: number }>; duplicateInFile: Array<{ line: number; sameAsLine: number }>; refused: number[] };

let t: TestApp;
const run = promisify(execFile);

async function importFile(name: string): Promise<{ code: number; report: Report; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: appDbUrl(), DATABASE_OWNER_URL: ownerDbUrl(), YUNQIAO_LOCALE: 'zh-CN', LOG_LEVEL: 'silent' };
  const r = await run(process.execPath, ['bin/yunqiao.mjs', 'import', 'postings', join(DIR, name)], { cwd: ROOT, env, timeout: 120_000 }).then(
    (x) => ({ code: 0, stdout: x.stdout, stderr: x.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  const last = r.stdout.trim().split('\n').pop() ?? '{}';
  return { ...r, report: JSON.parse(last) };
}

const rows = () =>
  t.deps.db
    .selectFrom('postings')
    .select(['id', 'source_id', 'status', 'salary_min', 'salary_max', 'salary_unit', 'updated_at', 'division_code', 'employer_name'])
    .where('source_id', 'in', KEYS)
    .execute();
const bySource = async () => Object.fromEntries((await rows()).map((r) => [r.source_id as string, r]));

/** Feed items about the case's postings after `after` (positions handed out by reading the feed). */
async function feedSince(after: string) {
  const items: Array<{ postingId: number; kind: string }> = [];
  let cursor = after;
  for (;;) {
    const page = (await t.get(`/api/v1/feeds/postings?limit=500${cursor ? `&after=${cursor}` : ''}`)).json();
    items.push(...page.items);
    if (!page.items.length) return { items, next: page.next as string };
    cursor = page.next;
  }
}

async function eventsOfCase(after: string) {
  const ids = new Map((await rows()).map((r) => [r.id, r.source_id as string]));
  const { items, next } = await feedSince(after);
  return { events: items.filter((x) => ids.has(x.postingId)).map((x) => `${x.kind} ${ids.get(x.postingId)}`), next };
}

let cursor = '';
beforeAll(async () => {
  t = await createTestApp();
  cursor = (await feedSince('')).next;
});
afterAll(() => t?.close());

describe('case 03: day 1, day 2, day 2 again', () => {
  it('day 1: 4 new; the re-post (line 7 as line 5) and the same ad on another platform (line 10 as line 9) reported and counted once; 4 creations in the feed', async () => {
    const r = await importFile('03a-import-day1.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.report.new).toBe(EXPECTED.after_day1.report.new);
    expect(r.report.duplicates).toEqual(EXPECTED.after_day1.report.duplicates.map((d: { line: number; same_as_line: number }) => ({ line: d.line, sameAsLine: d.same_as_line })));
    expect(r.stdout).toContain('第 7 行：与第 5 行内容相同');
    const s = await bySource();
    expect(Object.keys(s).sort()).toEqual(['51JOB_yq03a3', 'BOSS_yq03a1', 'BOSS_yq03a2', 'LAGOU_yq03a5']);
    expect(Object.values(s).every((x) => x.status === 'published')).toBe(true);
    // amounts kept as the columns give them; no unit is guessed from their size (decision 0034)
    expect(s.BOSS_yq03a1).toMatchObject({ division_code: '530111', salary_min: '6000.00', salary_max: '8000.00', salary_unit: null, employer_name: '昆明滇运物流有限公司' });
    const visible = await t.get(`/api/v1/public/postings?q=${encodeURIComponent('收银员')}&county=530402&limit=200`);
    expect(visible.json().items.filter((x: { employerName: string }) => x.employerName === '玉溪红塔百货有限公司')).toHaveLength(1);
    const { events, next } = await eventsOfCase(cursor);
    expect(events.sort()).toEqual(['created 51JOB_yq03a3', 'created BOSS_yq03a1', 'created BOSS_yq03a2', 'created LAGOU_yq03a5']);
    cursor = next;
  }, 120_000);

  it('day 2: 1 new, 1 updated in place, 2 unchanged (untouched), the id twice in the file reported (line 8 as line 2); LAGOU_yq03a5, absent, stays published', async () => {
    const before = await bySource();
    const r = await importFile('03b-import-day2.csv');
    expect(r.code, r.stderr).toBe(0);
    const want = EXPECTED.after_day2.report;
    expect({ new: r.report.new, updated: r.report.updated, unchanged: r.report.unchanged }).toEqual({ new: want.new, updated: want.updated, unchanged: want.unchanged });
    expect(r.report.duplicateInFile.map((d) => ({ line: d.line, sameAsLine: d.sameAsLine }))).toEqual(want.duplicate_in_file.map((d: { line: number; same_as_line: number }) => ({ line: d.line, sameAsLine: d.same_as_line })));
    const after = await bySource();
    expect(after.BOSS_yq03a2).toMatchObject({ id: before.BOSS_yq03a2?.id, salary_min: '5500.00', salary_max: '7000.00' });
    expect(after.BOSS_yq03a1?.updated_at).toEqual(before.BOSS_yq03a1?.updated_at);
    expect(after['51JOB_yq03a3']?.updated_at).toEqual(before['51JOB_yq03a3']?.updated_at);
    expect(after.LAGOU_yq03a5?.status).toBe('published');
    expect(after.BOSS_yq03a7?.status).toBe('published');
    const { events, next } = await eventsOfCase(cursor);
    expect(events).toEqual(['updated BOSS_yq03a2', 'created BOSS_yq03a7']);
    cursor = next;
  }, 120_000);

  it('day 2 again: 0 new, 0 updated, 4 unchanged, no feed event; 5 postings published', async () => {
    const before = await bySource();
    const r = await importFile('03b-import-day2.csv');
    expect(r.code, r.stderr).toBe(0);
    expect({ new: r.report.new, updated: r.report.updated, unchanged: r.report.unchanged }).toEqual(EXPECTED.after_day2_again.report);
    expect(await bySource()).toEqual(before);
    expect((await eventsOfCase(cursor)).events).toEqual(EXPECTED.after_day2_again.feed_events);
    expect(Object.values(await bySource()).filter((x) => x.status === 'published')).toHaveLength(EXPECTED.after_day2_again.postings_visible_in_search);
  }, 120_000);
});

describe('case 04 through the import: the source\'s first publication is stored and shown', () => {
  it('an Excel day number, an ISO date and a Beijing wall time all become datePosted 2025-03-01T09:30:00+08:00; the refused lines make the exit status non-zero', async () => {
    const r = await importFile('04-export-as-written.csv');
    expect(r.code).not.toBe(0);
    const loaded = await t.deps.db.selectFrom('postings').select(['id', 'source_id', 'first_published_at']).where('source_id', 'in', ['LAGOU_yq04r1', 'JOBONLINE_yq04r2']).execute();
    expect(loaded).toHaveLength(2);
    for (const p of loaded) {
      expect(p.first_published_at?.toISOString(), p.source_id as string).toBe('2025-03-01T01:30:00.000Z');
      const shown = (await t.get(`/api/v1/public/postings/${p.id}`)).json();
      expect(shown.datePosted, p.source_id as string).toBe('2025-03-01T09:30:00+08:00');
    }
  });
});
