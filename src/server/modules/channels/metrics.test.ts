// /metrics: request counts by route, the outbox backlog and the queue depth, in Prometheus text.
import { buildApp } from '../../app.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { mobile, unique } from '../../../../test/helpers/factories.ts';
import * as repo from './repository.ts';
import { outboxBacklog } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The value of a sample line `name{labels} value` (or `name value`). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const escaped = `${name}${labels}`.replace(/[{}[\]()*+?.\\^$|]/g, '\\$&');
  const m = text.match(new RegExp(`^${escaped} (\\S+)$`, 'm'));
  return m ? Number(m[1]) : undefined;
}

describe('/metrics', () => {
  it('counts requests by method, route and status', async () => {
    await t.get('/healthz');
    await t.get('/api/v1/me');
    await t.get('/api/v1/me');
    const res = await t.get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('# TYPE yunqiao_http_requests_total counter');
    expect(sample(res.body, 'yunqiao_http_requests_total', '{method="GET",route="/healthz",status="200"}')).toBe(1);
    expect(sample(res.body, 'yunqiao_http_requests_total', '{method="GET",route="/api/v1/me",status="401"}')).toBe(2);
    expect(res.body).toMatch(/^yunqiao_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/me"\} \d+$/m);
    // route templates, not raw URLs, so ids do not explode the label set
    await t.get('/api/v1/no-such-thing/123');
    const again = await t.get('/metrics');
    expect(again.body).not.toContain('no-such-thing');
  });

  it('reports the outbox backlog and the queue depth from the database', async () => {
    // a pending row with no job: it stays in the backlog until swept. Other files deliver
    // messages at the same time, so the backlog is compared with this row, not with a "before".
    const row = await repo.insertOutbox(t.deps.db, { division_code: '530102', channel: 'sms', recipient: mobile(), template: 'test_note', payload: {}, idempotency_key: `metrics:${unique()}`, created_at: t.clock.now() });
    expect((await repo.findOutbox(t.deps.db, systemKey(systemScope('test'), 'outbox', '530102', row?.id as number)))?.status).toBe('pending');
    expect(await outboxBacklog(t.deps)).toBeGreaterThanOrEqual(1);
    const res = await t.get('/metrics');
    expect(res.body).toContain('# TYPE yunqiao_outbox_backlog gauge');
    expect(res.body).toContain('# TYPE yunqiao_queue_depth gauge');
    const backlog = sample(res.body, 'yunqiao_outbox_backlog');
    const depth = sample(res.body, 'yunqiao_queue_depth');
    // -1 would mean the gauge could not read the database
    expect(backlog).toBeGreaterThanOrEqual(1);
    expect(depth).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(depth)).toBe(true);
  });

  it('includes process metrics under the yunqiao_ prefix', async () => {
    const res = await t.get('/metrics');
    expect(res.body).toMatch(/^yunqiao_process_cpu_user_seconds_total \S+$/m);
  });

  it('is closed to strangers: loopback only without a token, the bearer token with one', async () => {
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '10.0.0.9' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    const token = 'metrics-token-for-tests-0123';
    const withToken = await buildApp({ ...t.deps, config: { ...t.deps.config, metricsToken: token } }, { serveWeb: false, logger: false });
    try {
      expect((await withToken.inject({ url: '/metrics' })).statusCode).toBe(401);
      expect((await withToken.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-for-tests-0123' } })).statusCode).toBe(401);
      const ok = await withToken.inject({ url: '/metrics', remoteAddress: '10.0.0.9', headers: { authorization: `Bearer ${token}` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('yunqiao_http_requests_total');
    } finally {
      await withToken.close();
    }
  });
});
