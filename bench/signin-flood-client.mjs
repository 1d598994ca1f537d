// The flood of bench/signin-flood.bench.ts, in a process of its own so that its client work does
// not delay the signed-in load's client (both would share one event loop otherwise and the
// measured latency would include the client's own delay). argv: port, connections, seconds, rate
// (attempts per second in all; 0: as fast as the server answers).
// Prints one JSON line: { requests, reqPerSec, statuses: { "503": n, … } }.
import autocannon from 'autocannon';

const [port, connections, seconds, rate = 0] = process.argv.slice(2).map(Number);
let n = 0;
const statuses = {};
const instance = autocannon(
  {
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    ...(rate > 0 ? { overallRate: rate } : {}),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'bench' },
    requests: [
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ username: `flood-${process.pid}-${n++}`, password: 'not-the-password' }) }),
      },
    ],
  },
  (err, result) => {
    if (err) throw err;
    process.stdout.write(`${JSON.stringify({ requests: result.requests.total, reqPerSec: result.requests.average, statuses })}\n`);
  },
);
instance.on('response', (_client, status) => {
  statuses[status] = (statuses[status] ?? 0) + 1;
});
