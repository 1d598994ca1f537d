// Rate limits with @fastify/rate-limit (https://github.com/fastify/fastify-rate-limit, "Custom
// store"): one plugin, one store class of ours behind it. Each route falls in a group, from its
// `config.limit` or, unset, from its access and method:
//
//   signIn          POST /auth/login, /auth/sms-login    per address, in PostgreSQL (across instances)
//   smsCode         POST /auth/sms-code                  per address, in PostgreSQL
//   anonymousWrite  any other public write, anonymous    per address, in PostgreSQL
//   venueRegistration  POST /prevention/venue-codes/{code}/visits, anonymous: per address, in
//                   PostgreSQL, small (5 per 10 minutes) so one address cannot fill a hall (decision 0028)
//   publicRead      public GET (search, job pages, feeds) per address, in memory per instance: a
//                   database write per public read would cost more than the read, and a generous
//                   per-instance limit only needs to stop a scraper, not count exactly
//   (none)          signed-in reads and writes: no counter, so no database write per request
//
// An address is an IPv4 address, or for IPv6 both its /64 and its /48 (one household or phone gets
// a /64, a site a /48: an attacker cycling through the /64s of a /48 still meets the /48's count).
// The numbers are configuration (config.ts `limits`; YUNQIAO_LIMITS=relaxed raises them). Decision 0020.
import rateLimit, { normalizeIP, type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Window } from '../config.ts';
import type { Deps } from '../deps.ts';
import { AppError } from './errors.ts';

export type LimitGroup = 'signIn' | 'smsCode' | 'anonymousWrite' | 'venueRegistration' | 'publicRead';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's rate-limit group; unset: public reads → publicRead, public writes → anonymousWrite, else none. */
    limit?: LimitGroup | false;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The counter keys of a client address: an IPv4 address; an IPv6 address's /64 and /48. */
export function addressKeys(ip: string): string[] {
  const v64 = normalizeIP(ip, 64);
  // IPv4, and IPv4-mapped IPv6 (normalizeIP maps it back)
  if (!v64.includes(':')) return [v64];
  return [`${v64}/64`, `${normalizeIP(ip, 48)}/48`];
}

type StoreOptions = { backend?: 'postgres' | 'memory' };
type Incr = (err: Error | null, res?: { current: number; ttl: number }) => void;

/**
 * The plugin's store interface (`incr(key, cb, timeWindow, max)`, `child(routeOptions)`): keys are
 * space-separated counter keys (addressKeys), counted together. In PostgreSQL, one statement
 * counts them all (deps.hooks.countHits); the answer is the busiest one. In memory, a fixed window
 * per key, pruned as it grows.
 */
function storeOf(deps: Deps) {
  const memory = new Map<string, { hits: number; ends: number }>();
  return class LimitStore {
    readonly options: StoreOptions;
    // the plugin hands the merged options (the route's rateLimit config among them) to child()
    constructor(options: object) {
      this.options = options as StoreOptions;
    }

    incr(key: string, cb: Incr, timeWindow: number): void {
      const now = deps.clock.now();
      if (this.options.backend === 'memory') {
        const t = now.getTime();
        let w = memory.get(key);
        if (!w || w.ends <= t) {
          if (memory.size > 50_000) for (const [k, v] of memory) if (v.ends <= t) memory.delete(k);
          w = { hits: 0, ends: t + timeWindow };
          memory.set(key, w);
        }
        w.hits += 1;
        cb(null, { current: w.hits, ttl: w.ends - t });
        return;
      }
      deps.hooks.countHits(key.split(' '), now, timeWindow).then(
        (rows) => {
          const top = rows.reduce((a, b) => (b.hits > a.hits ? b : a));
          cb(null, { current: top.hits, ttl: Math.max(0, top.windowEndsAt.getTime() - now.getTime()) });
        },
        (err: Error) => cb(err),
      );
    }

    child(routeOptions: object): LimitStore {
      return new LimitStore({ ...this.options, ...(routeOptions as StoreOptions) });
    }
  };
}

/** The group a route falls in (see the head of this file); null: not limited. */
export function groupOf(route: { method: string | string[]; config?: { access?: unknown; limit?: LimitGroup | false } }): LimitGroup | null {
  const c = route.config;
  if (c?.limit !== undefined) return c.limit || null;
  if (c?.access !== 'public') return null;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.some((m) => WRITES.has(m)) ? 'anonymousWrite' : 'publicRead';
}

/**
 * Registers the plugin and puts every route in its group (an onRoute hook that runs before the
 * plugin's, filling `config.rateLimit`). Over the limit: 429 `rate_limited`, localised, with
 * Retry-After in seconds.
 */
export async function registerRateLimits(app: FastifyInstance, deps: Deps): Promise<void> {
  const l = deps.config.limits;
  const windows: Record<LimitGroup, Window> = {
    signIn: l.signInPerAddress,
    smsCode: l.smsCodesPerAddress,
    anonymousWrite: l.anonymousWritesPerAddress,
    venueRegistration: l.venueRegistrationsPerAddress,
    publicRead: l.publicReadsPerAddress,
  };
  app.addHook('onRoute', (route) => {
    const group = groupOf(route);
    if (!group || route.config?.rateLimit !== undefined) return;
    const w = windows[group];
    const options: RateLimitOptions & StoreOptions = {
      max: w.max,
      timeWindow: w.windowMs,
      backend: group === 'publicRead' ? 'memory' : 'postgres',
      keyGenerator: (request: FastifyRequest) => addressKeys(request.ip).map((k) => `${group}:${k}`).join(' '),
      // anonymous writes are counted for anonymous callers only
      ...(group === 'anonymousWrite' || group === 'venueRegistration' ? { allowList: (request: FastifyRequest) => request.actor !== null } : {}),
    };
    route.config = { ...route.config, rateLimit: options };
  });
  await app.register(rateLimit, {
    global: false,
    store: storeOf(deps),
    errorResponseBuilder: (_request, context) => new AppError('rate_limited', {}, [], { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) }),
  });
}
