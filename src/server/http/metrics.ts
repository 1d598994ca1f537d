// /metrics in the Prometheus text format: request rate and latency by route, queue depth, outbox backlog.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Deps } from '../deps.ts';
import type { GaugeDefinition } from '../platform/module.ts';

// Process metrics (CPU, memory, event-loop lag, GC) describe the process, not an app instance, and
// prom-client starts an event-loop monitor and a GC observer per collectDefaultMetrics call that
// are never stopped: collected once per process, shared by every app built in it (tests build many).
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'yunqiao_' });
  }
  return processRegistry;
}

/** `gauges`: what the modules contribute (the composition root collects them). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

export function registerMetrics(app: FastifyInstance, deps: Deps, gauges: readonly GaugeDefinition[] = []): Registry {
  const own = new Registry();
  const requests = new Counter({
    name: 'yunqiao_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [own],
  });
  const latency = new Histogram({
    name: 'yunqiao_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [own],
  });
  new Gauge({
    name: 'yunqiao_queue_depth',
    help: 'Jobs waiting in the queue',
    registers: [own],
    async collect() {
      this.set(await deps.queue.depth().catch(() => -1));
    },
  });
  for (const g of gauges) {
    new Gauge({
      name: g.name,
      help: g.help,
      registers: [own],
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

  const registry = Registry.merge([processMetrics(), own]);
  // scrapers present YUNQIAO_METRICS_TOKEN as a bearer token; without one configured, only this
  // machine may scrape (route and queue names, counts and timings are not for strangers)
  const token = deps.config.metricsToken;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token ? !bearerMatches(request.headers.authorization, token) : !isLoopback(request.ip)) {
      return reply.status(token ? 401 : 403).header('cache-control', 'no-store').send('');
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
