// Builds the real app on this worker's test database, connected as the application role (as in
// production), with a clock the test controls and a file sink in a temp directory. No mocks: real PostgreSQL, real HTTP handling through app.inject.
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { parseConfig } from '../../src/server/config.ts';
import { connect } from '../../src/server/db/connection.ts';
import type { Deps } from '../../src/server/deps.ts';
import { type Clock, ManualClock } from '../../src/server/platform/clock.ts';
import { createDeps, createModuleQueue, startModuleWorkers } from '../../src/server/runtime.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo.ts';
import { appDbUrl, ownerDbUrl } from './db.ts';

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  clock: Clock;
  outboxFile: string;
  /** Signs in and returns the cookie header value. */
  login(username: string, password?: string): Promise<string>;
  get(url: string, cookie?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, cookie?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

export type TestAppOptions = {
  clock?: Clock;
  workers?: boolean;
  onRoute?: (route: RouteOptions) => void;
  /** Another database than the worker's (test/helpers/db.ts cloneTemplate). */
  database?: { appUrl: string; ownerUrl: string };
  /** More configuration, as environment variables (parsed by parseConfig like the rest). */
  env?: Record<string, string>;
};

/**
 * The app under test. Rate limits run relaxed (YUNQIAO_LIMITS=relaxed: a thousandfold) so suites
 * that sign in often from one address are not refused; `env` overrides configuration (a test that
 * proves the default limits passes `{ YUNQIAO_LIMITS: 'default' }`). Under the default limits
 * `login` signs in from an address of this app's own (198.18.0.0/15, RFC 2544): the per-address
 * counters live in the worker's shared database, and another file's sign-ins from 127.0.0.1 under
 * a later clock leave a window this app's clock has not reached, so its first sign-in was refused.
 */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'yq-app-'));
  const outboxFile = join(dir, 'outbox.jsonl');
  const config = parseConfig({
    DATABASE_URL: opts.database?.appUrl ?? appDbUrl(),
    DATABASE_OWNER_URL: opts.database?.ownerUrl ?? ownerDbUrl(),
    YUNQIAO_DATA_DIR: inject('dataDir'),
    YUNQIAO_OUTBOX_FILE: outboxFile,
    LOG_LEVEL: 'silent',
    YUNQIAO_LIMITS: 'relaxed',
    ...opts.env,
  });
  const handle = connect(config.databaseUrl as string, { max: 5 });
  const queue = createModuleQueue(config.databaseUrl as string, { poolSize: 2, supervise: false });
  const clock = opts.clock ?? new ManualClock(new Date());
  const deps = createDeps(config, { db: handle.db, queue, clock, log: pino({ level: 'silent' }) });
  await queue.open();
  const workers = opts.workers ? await startModuleWorkers(deps) : null;
  const app = await buildApp(deps, { serveWeb: false, logger: false, ...(opts.onRoute ? { onRoute: opts.onRoute } : {}) });
  await app.ready();

  const loginAddress = config.limits.mode === 'default' ? `198.18.${randomInt(256)}.${randomInt(1, 255)}` : null;
  const cookieOf = (res: LightMyRequestResponse) => {
    const c = res.cookies.find((x) => x.name === 'yq_sid');
    if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
    return `yq_sid=${c.value}`;
  };
  const t: TestApp = {
    app,
    deps,
    clock,
    outboxFile,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-requested-with': 'test', 'content-type': 'application/json' },
        payload: JSON.stringify({ username, password }),
        ...(loginAddress ? { remoteAddress: loginAddress } : {}),
      });
      return cookieOf(res);
    },
    get(url, cookie, headers = {}) {
      return app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...headers } });
    },
    send(method, url, body, cookie, headers = {}) {
      const isBuffer = Buffer.isBuffer(body);
      return app.inject({
        method,
        url,
        headers: {
          'x-requested-with': 'test',
          ...(cookie ? { cookie } : {}),
          ...(body !== undefined ? { 'content-type': isBuffer ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: isBuffer ? body : JSON.stringify(body) } : {}),
      });
    },
    async close() {
      await workers?.stop();
      await app.close();
      await queue.stop();
      await handle.close();
    },
  };
  return t;
}
