// The load of bench/checkin.bench.ts, in a process of its own (its client work must not share an
// event loop with the server or with the runner). argv[2]: JSON
//   { port, target: 'app' | 'bare', sessionsFile, division?, connections, seconds, rate? }
// `app`: POST /api/v1/prevention/checkins as the generated staff, one session after another
// (Cookie yq_sid), a fresh clientId each time; `bare`: POST /bare/checkins to the bare server with
// the same staff's keys. `division`: only the staff of that county. `rate`: requests per second in
// all (autocannon overallRate), else as fast as the server answers (a closed loop).
// Prints one JSON line: { requests, reqPerSec, latency: { p50, p90, p99, p999, max }, statuses, errors, timeouts }.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);
const all = JSON.parse(readFileSync(opts.sessionsFile, 'utf8')).sessions;
const sessions = opts.division ? all.filter((s) => s.divisionCode === opts.division) : all;
if (!sessions.length) throw new Error(`no sessions for ${opts.division ?? 'any county'}`);
// a random start, so two phases do not begin with the same people
let next = Math.floor(Math.random() * sessions.length);
let n = 0;
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const statuses = {};

const request =
  opts.target === 'app'
    ? {
        method: 'POST',
        path: '/api/v1/prevention/checkins',
        setupRequest: (req) => {
          const s = sessions[next++ % sessions.length];
          const t = 36 + ((n % 10) / 10);
          return {
            ...req,
            headers: { ...req.headers, cookie: `yq_sid=${s.token}` },
            body: JSON.stringify({ clientId: `bench-${run}-${n++}`, temperature: Number(t.toFixed(1)), symptoms: [] }),
          };
        },
      }
    : {
        method: 'POST',
        path: '/bare/checkins',
        setupRequest: (req) => {
          const s = sessions[next++ % sessions.length];
          return { ...req, body: JSON.stringify({ divisionCode: s.divisionCode, agencyId: s.agencyId, staffId: s.staffId, accountId: s.accountId, clientId: `bare-${run}-${n++}` }) };
        },
      };

const instance = autocannon(
  {
    url: `http://127.0.0.1:${opts.port}`,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'bench', 'accept-language': 'en' },
    requests: [request],
  },
  (err, r) => {
    if (err) throw err;
    const l = r.latency;
    process.stdout.write(
      `${JSON.stringify({ requests: r.requests.total, reqPerSec: r.requests.average, latency: { p50: l.p50, p90: l.p90, p99: l.p99, p999: l.p99_9, max: l.max }, statuses, errors: r.errors, timeouts: r.timeouts, people: sessions.length })}\n`,
    );
  },
);
instance.on('response', (_client, status) => {
  statuses[status] = (statuses[status] ?? 0) + 1;
});
