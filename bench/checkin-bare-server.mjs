// The baseline of bench/checkin.bench.ts: a bare Fastify route doing one INSERT into
// prevention_checkins — no session, no validation beyond JSON parsing, no consent or settings
// lookup, no encryption, no audit — on a pg pool of the application's size (10), in a process of
// its own, against the same database. argv: database URL, port. Prints "ready" when listening.
import Fastify from 'fastify';
import pg from 'pg';

const [url, port] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'yunqiao-bench-bare' });
const app = Fastify({ logger: false });
// fixed ciphertext-shaped values: the baseline stores the same columns, not the same work
const ENC = 'v1.bare.bare';

app.post('/bare/checkins', async (request, reply) => {
  const b = request.body;
  const now = new Date();
  const { rows } = await pool.query(
    `insert into prevention_checkins (division_code, agency_id, staff_id, recorded_by, client_id, fingerprint, received_at, measured_at, day, on_time, temperature_enc, symptoms_enc, abnormal)
     values ($1, $2, $3, $4, $5, $6, $7, $7, ($7 at time zone 'Asia/Shanghai')::date, true, $8, $8, false) returning id`,
    [b.divisionCode, b.agencyId, b.staffId, b.accountId, b.clientId, b.clientId, now, ENC],
  );
  return reply.status(201).send({ id: Number(rows[0].id), abnormal: false });
});

await app.listen({ host: '127.0.0.1', port: Number(port) });
process.stdout.write('ready\n');
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
