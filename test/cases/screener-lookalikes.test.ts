// Case postings-and-search/08: `yunqiao screen --jsonl` on lawful sentences that hold trigger words
// (they pass with no hits) and on real kinds of discrimination (not pass, one hit per phrase of the
// right category, its span covering the phrase, with a basis and a suggestion), the output lines in
// input order. Run through the command itself, as an operator would.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedAvailable, sharedPath } from '../helpers/shared-inputs.ts';

const ROOT = join(import.meta.dirname, '../..');
const CASE = 'cases/postings-and-search/08-screener-lookalikes';

type Expected = { text: string; verdict: 'pass' | 'not pass'; hits: { category: string; must_cover: string; start: number; end: number }[] };
type Hit = { category: string; start: number; end: number; text: string; basis: string; suggestion: string };

describe.skipIf(!sharedAvailable(`${CASE}.jsonl`, `${CASE}.expected.jsonl`))('case 08: screener look-alikes and positives', () => {
  it('yunqiao screen --jsonl answers each line in order as the expected file says', () => {
    const input = readFileSync(sharedPath(`${CASE}.jsonl`), 'utf8');
    const expected = readFileSync(sharedPath(`${CASE}.expected.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Expected);
    const r = spawnSync(process.execPath, ['bin/yunqiao.mjs', 'screen', '--jsonl'], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; hits: Hit[] });
    expect(lines).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      const got = lines[i] as { verdict: string; hits: Hit[] };
      const where = `${want.text} → ${JSON.stringify(got)}`;
      if (want.verdict === 'pass') {
        expect(got, where).toEqual({ verdict: 'pass', hits: [] });
        return;
      }
      expect(got.verdict, where).not.toBe('pass');
      expect(got.hits, where).toHaveLength(want.hits.length);
      for (const w of want.hits) {
        // one hit per phrase: exactly one hit of its category covers it
        const covering = got.hits.filter((h) => h.category === w.category && h.start <= w.start && h.end >= w.end);
        expect(covering, `${where}: one ${w.category} hit covering ${w.must_cover}`).toHaveLength(1);
        const hit = covering[0];
        expect(want.text.slice(hit?.start, hit?.end)).toBe(hit?.text);
        expect(hit?.text).toContain(w.must_cover);
        expect(hit?.basis).toBeTruthy();
        expect(hit?.suggestion).toBeTruthy();
        // a hit stays inside its clause
        expect(hit?.text, `${where}: ${hit?.text} crosses a clause mark`).not.toMatch(/[，。；、,;]/u);
      }
    });
  });

  it('one argument: a verdict; a line that is no JSON string: an error line in its place and exit 1', () => {
    const one = spawnSync(process.execPath, ['bin/yunqiao.mjs', 'screen', '豫籍人员勿扰。'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(one.status, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ verdict: 'block', hits: [{ category: 'origin_or_hukou', start: 0, end: 6, text: '豫籍人员勿扰' }] });
    const bad = spawnSync(process.execPath, ['bin/yunqiao.mjs', 'screen', '--jsonl'], { cwd: ROOT, input: '"女士优先。"\n{"x":1}\n"男女不限"\n', encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    const out = bad.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.verdict ?? 'error')).toEqual(['block', 'error', 'pass']);
    expect(out[1].error).toContain('line 2');
    // two CLI processes of up to 60 s each: a busy host takes more than the default 30 s
  }, 130_000);
});
