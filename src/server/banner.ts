// What `yunqiao start` prints once it listens: where the platform is, where its data lives, the
// demo logins, and where messages to the outside go — the dev outbox file, so a tester signing in
// by SMS code can read the code (README "What works now", docs/operations.md "Outbox").
import type { SeedResult } from './seed/demo.ts';

export type BannerFacts = {
  url: string;
  /** The embedded PostgreSQL's data directory; null with DATABASE_URL. */
  dataDir: string | null;
  /** The demo seed's result when demo data is on (created now or present). */
  seeded: SeedResult | null;
  /** Start-up time, ms. */
  ms: number;
  /** Listening on loopback only because published demo logins exist. */
  loopbackOnly: boolean;
  /** The dev message sink's file (YUNQIAO_OUTBOX_FILE), absolute. */
  outboxFile: string;
  /** Whether this process delivers the outbox (YUNQIAO_WORKERS); otherwise a `yunqiao worker` does. */
  workers: boolean;
};

/** The banner's lines (no trailing newline), English like the rest of the console output. */
export function bannerLines(f: BannerFacts): string[] {
  const lines = [
    '',
    `  云桥 yunqiao is running: ${f.url}   (ready in ${(f.ms / 1000).toFixed(1)} s)`,
    `  API reference: ${f.url}/api/docs   health: ${f.url}/healthz`,
    f.dataDir ? `  embedded PostgreSQL, data in ${f.dataDir}` : '  PostgreSQL from DATABASE_URL',
    // every message to the outside (SMS codes, WeChat, e-mail) is simulated: one JSON line each
    `  messages to the outside (SMS codes, WeChat, e-mail) are simulated, one JSON line each in: ${f.outboxFile}`,
  ];
  if (!f.workers) lines.push('  this process delivers none (YUNQIAO_WORKERS=0): a `yunqiao worker` writes them there');
  if (f.seeded) {
    lines.push(
      `  demo data ${f.seeded.created ? 'created' : 'present'}; every demo login uses the password: ${f.seeded.password}`,
      `  demo logins: ${f.seeded.usernames.join(', ')}`,
      `  SMS codes (staff-wh ${f.seeded.phones.staff}, seeker ${f.seeded.phones.seeker}) appear there within seconds: tail -f ${f.outboxFile}`,
    );
  }
  if (f.loopbackOnly) {
    lines.push('  demo accounts with the published password exist: listening on 127.0.0.1 only (change their passwords, or set HOST, to serve the network)');
  }
  lines.push('  Ctrl-C stops the server and the database.', '');
  return lines;
}
