// The audit appender as its own process, for bench/audit.bench.ts (a stand-in for `yunqiao worker`,
// which will start it): connects to the running server's embedded PostgreSQL in YUNQIAO_DATA_DIR as
// the application role, runs startAuditAppender until SIGTERM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '../src/server/db/connection.ts';
import { startEmbedded } from '../src/server/db/embedded.ts';
import { startAuditAppender } from '../src/server/modules/audit/service.ts';
import { systemClock } from '../src/server/platform/clock.ts';

const dataDir = process.env.YUNQIAO_DATA_DIR;
if (!dataDir) throw new Error('YUNQIAO_DATA_DIR is not set');
const emb = await startEmbedded(dataDir); // finds the server's postmaster, starts nothing
if (emb.startedHere) throw new Error('no running server PostgreSQL in YUNQIAO_DATA_DIR');
const url = new URL(emb.ownerUrl);
url.username = 'yunqiao_app';
url.password = readFileSync(join(dataDir, 'app-password'), 'utf8').trim();
const handle = connect(url.toString(), { max: 2, applicationName: 'yunqiao-audit-appender' });
const appender = startAuditAppender(
  { db: handle.db, clock: systemClock, log: { error: (obj, msg) => console.error(msg, obj) } },
  { intervalMs: Number(process.env.BENCH_AUDIT_APPENDER_INTERVAL_MS ?? 200) },
);
const stop = async () => {
  await appender.stop();
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
