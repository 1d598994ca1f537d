// The CLI beside a running server on the same embedded data directory: it must connect to the
// server's PostgreSQL, never start a second postmaster on the same files, and leave the server
// working. A real server, a real child process, a real PostgreSQL of their own.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config.ts';
import { type StartedServer, startServer } from '../../src/server/main.ts';

const run = promisify(execFile);
let dataDir: string;
let server: StartedServer;

/** Postmasters whose data directory is ours (`postgres -D <dir>/pg`). */
function postmasters(): number {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${join(dataDir, 'pg')}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'yq-cli-'));
  chmodSync(dataDir, 0o711);
  server = await startServer(parseConfig({ PORT: '0', HOST: '127.0.0.1', YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { banner: false });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('yunqiao CLI on the data directory of a running server', () => {
  it('verifies the audit trail through the running PostgreSQL, starting no second one', async () => {
    expect(postmasters()).toBe(1);
    const { DATABASE_URL: _useEmbedded, ...inherited } = process.env;
    const env = { ...inherited, YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const { stdout } = await run(process.execPath, ['bin/yunqiao.mjs', 'audit', 'verify'], { env, timeout: 60_000 });
    expect(stdout).toMatch(/audit trail intact: \d+ rows in \d+ chains/);
    const seeded = await run(process.execPath, ['bin/yunqiao.mjs', 'seed', '--demo'], { env, timeout: 60_000 });
    expect(seeded.stdout).toContain('demo data already present');
    expect(postmasters()).toBe(1);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);
});
