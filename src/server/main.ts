// Process entry for `yunqiao start`: config → database (embedded or URL) → migrate → app → listen.
// SIGINT/SIGTERM: fail /healthz, drain in-flight requests, stop the queue, close the pool, stop
// the embedded PostgreSQL.
import { type Config, listenHost } from './config.ts';
import { buildApp } from './app.ts';
import { bannerLines } from './banner.ts';
import { startFailureLine } from './db/messages.ts';
import { createLogger, createRuntime } from './runtime.ts';
import { demoLoginsOpen, seedDemo } from './seed/demo.ts';
import { reindexSearch } from './modules/market/service.ts';

export type StartedServer = { url: string; close: () => Promise<void> };

export async function startServer(config: Config, opts: { banner?: boolean } = {}): Promise<StartedServer> {
  const t0 = Date.now();
  const log = createLogger(config);
  const runtime = await createRuntime(config, { log });
  const { deps } = runtime;
  let seeded: Awaited<ReturnType<typeof seedDemo>> | null = null;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let demoOpen = false;
  try {
    if (config.demo) seeded = await seedDemo(deps, { onlyIfEmpty: true });
    // postings written before search documents existed, or by an older analyzer (decision 0041)
    const reindexed = await reindexSearch(deps);
    if (reindexed) log.info({ reindexed }, 'search documents written');
    if (config.runWorkers) await runtime.startWorkers();
    app = await buildApp(deps);
    demoOpen = await demoLoginsOpen(deps);
    await app.listen({ port: config.port, host: listenHost(config, demoOpen) });
  } catch (err) {
    // e.g. the port is taken: stop the queue and the embedded PostgreSQL before failing
    await runtime.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, ms: Date.now() - t0, embedded: runtime.database.embedded }, 'yunqiao is ready');
  const loopbackOnly = demoOpen && config.host === null;
  if (opts.banner !== false) {
    const lines = bannerLines({
      url,
      dataDir: runtime.database.embedded ? config.dataDir : null,
      seeded,
      ms: Date.now() - t0,
      loopbackOnly,
      outboxFile: config.outboxFile,
      workers: config.runWorkers,
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      app.startDraining();
      await app.close(); // stops accepting, waits for in-flight requests
      await runtime.close();
      log.info('yunqiao stopped');
    })();
    return closing;
  };
  return { url, close };
}

export async function runServerUntilSignal(config: Config): Promise<void> {
  // no other SIGINT/SIGTERM handlers (a library's exit hooks): this process stops the database itself, in order
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(sig);
  let server: StartedServer;
  try {
    server = await startServer(config);
  } catch (err) {
    process.stderr.write(`yunqiao: ${startFailureLine(err, config.consoleLocale, config.port)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${sig}: stopping…\n`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err) => {
        createLogger(config).error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
