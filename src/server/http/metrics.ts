// /metrics in the Prometheus text format: request rate and latency by route, queue depth, outbox backlog.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Deps } from '../deps.ts';
import type { GaugeDefinition } from '../platform/module.ts';

/** `gauges`: what the modules contribute (the composition root collects them). */
export function registerMetrics(app: FastifyInstance, deps: Deps, gauges: readonly GaugeDefinition[] = []): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yunqiao_' });
  const requests = new Counter({
    name: 'yunqiao_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'yunqiao_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'yunqiao_queue_depth',
    help: 'Jobs waiting in the queue',
    registers: [registry],
    async collect() {
      this.set(await deps.queue.depth().catch(() => -1));
    },
  });
  for (const g of gauges) {
    new Gauge({
      name: g.name,
      help: g.help,
      registers: [registry],
      async collect() {
        this.set(await g.collect(deps).catch(() => -1));
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
