// `npm test` (scripts/test.mjs) as its header promises it: the server pass runs the fuzzer at 10
// requests per operation unless FUZZ_RUNS is set (the embedded pass keeps its 30), and the browser
// prerequisites (a check, and apt-get on a new machine) start with the run and print nothing until
// the browser step shows their output and waits for them. The pieces run alone from
// scripts/test-lib.mjs; where the script calls them is read from its text.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserPrerequisites, execCollected, SERVER_PASS_FUZZ_RUNS, serverPassEnv } from '../../scripts/test-lib.mjs';

const ROOT = join(import.meta.dirname, '../..');
const SCRIPT = readFileSync(join(ROOT, 'scripts/test.mjs'), 'utf8');

afterEach(() => vi.restoreAllMocks());

describe('the server pass runs the fuzzer at 10 requests per operation', () => {
  it('FUZZ_RUNS=10 unless the run was given one; the rest of the environment kept, the server named', () => {
    expect(SERVER_PASS_FUZZ_RUNS).toBe('10');
    const url = 'postgres://postgres@127.0.0.1:5432/test';
    const env = serverPassEnv({ PATH: '/usr/bin', CI: 'true' }, url);
    expect(env).toMatchObject({ PATH: '/usr/bin', CI: 'true', FUZZ_RUNS: '10' });
    expect(Object.values(env)).toContain(url);
    expect(serverPassEnv({ FUZZ_RUNS: '1000' }, url).FUZZ_RUNS).toBe('1000');
    expect(serverPassEnv({ FUZZ_RUNS: '' }, url).FUZZ_RUNS).toBe('10');
  });

  it('the script gives that environment to the server pass only, and the fuzzer reads FUZZ_RUNS (default 30)', () => {
    const server = SCRIPT.slice(SCRIPT.indexOf('// ── 3.'), SCRIPT.indexOf('// ── 4.'));
    expect(server).toContain('vitest(label, db, { env: serverPassEnv(baseEnv, SERVER_DB_URL) })');
    expect(SCRIPT.match(/serverPassEnv\(/g)).toHaveLength(1);
    expect(SCRIPT.slice(SCRIPT.indexOf('// ── 2.'), SCRIPT.indexOf('// ── 3.'))).not.toContain('FUZZ_RUNS');
    expect(readFileSync(join(ROOT, 'test/fuzz/harness.ts'), 'utf8')).toMatch(/export const RUNS = Number\(process\.env\.FUZZ_RUNS \?\? 30\);/);
  });
});

describe('the browser prerequisites run beside the other steps', () => {
  it('a command beside the steps: its output kept, not shown; its code; it sits in `running` while it runs', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const running = new Set<ChildProcess>();
    const pending = execCollected(process.execPath, ['-e', "console.log('out'); console.error('err'); process.exit(3)"], { running });
    expect(running.size).toBe(1);
    const r = await pending;
    expect(r).toMatchObject({ code: 3, stdout: 'out\n' });
    expect(r.output).toMatch(/^\$ .+ -e .+\n/);
    expect(r.output).toContain('out\n');
    expect(r.output).toContain('err\n');
    expect(running.size).toBe(0);
    expect(write).not.toHaveBeenCalled();
  });

  it('the check prints nothing itself: what is missing and what to run come back as its output', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const r = await browserPrerequisites({ chromium: '/nonexistent/chromium', isRoot: false, cwd: ROOT });
    expect(r.ok).toBe(false);
    expect(r.note).toMatch(/^missing chromium/);
    expect(r.output).toContain('sudo apt-get install -y chromium fonts-wqy-microhei');
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(write).not.toHaveBeenCalled();
  });

  it('the script starts it before the static checks, and shows and awaits it at the browser step; a run that stops early waits for it', () => {
    const started = SCRIPT.indexOf('browserPrerequisites({');
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThan(SCRIPT.indexOf('// ── 1. static checks'));
    const browser = SCRIPT.slice(SCRIPT.indexOf('// ── 4. browser suites'));
    expect(browser).toMatch(/await step\('browser prerequisites \(chromium, CJK font\)', async \(\) => \{\n[\s\S]*?const r = await browserCheck;\n\s+process\.stdout\.write\(r\.output\);/);
    // nothing else in the script installs or checks them
    expect(SCRIPT).not.toMatch(/'apt-get'|'fc-list'/);
    const finish = SCRIPT.slice(SCRIPT.indexOf('async function finish()'));
    expect(finish.slice(0, finish.indexOf('const total'))).toContain('await browserCheck');
  });
});
