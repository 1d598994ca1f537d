// buildApp(deps): the Fastify instance with every plugin and module registered. No I/O here
// beyond what deps do, so tests build it on their own database and clock.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './deps.ts';
import { isMigrated } from './db/open.ts';
import { registerAuth, registerRefusalAudit, routePath } from './http/auth.ts';
import { registerCompression } from './http/compression.ts';
import { AppError, notFound, registerErrorHandler, sendError, takesFile, validatorCompiler } from './http/errors.ts';
import { registerInputGuards, registerJsonParser } from './http/input.ts';
import { JSON_BODY_LIMIT } from './http/limits.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerRateLimits } from './http/rate-limits.ts';
import { allGauges, MODULES } from './modules/index.ts';

/** The UI works under this policy (the browser suites run with it). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const WEB_DIST = join(import.meta.dirname, '../../dist/web');
/** The phone shell's URL prefix (vite.mobile.config.ts builds it into dist/web/m). Printed QR codes carry it: docs/urls.md. */
export const MOBILE_PREFIX = '/m/';

export type AppOptions = {
  /** Serve the built web UI from dist/web when it exists. */
  serveWeb?: boolean;
  /** Where the built UI is (tests hand in a folder of their own); WEB_DIST by default. */
  webRoot?: string;
  /**
   * Compress answers (precompressed assets, JSON over the threshold); true by default. Off only to
   * measure the page as it was served before (bench/pages.bench.ts's baseline).
   */
  compress?: boolean;
  logger?: boolean | object;
  /** Called for every route as it is added (tests build the authorization matrix from it). */
  onRoute?: (route: RouteOptions) => void;
};

/**
 * Fastify's trust setting from YUNQIAO_TRUST_PROXY: addresses as they are; a hop count as "the
 * first N hops counting from the socket's peer" (Fastify 5 itself trusts nothing for a number).
 * A hop count suits a server reachable only through its proxies (HOST=127.0.0.1 behind nginx).
 */
/**
 * An API path with a trailing slash (`/api/v1/agencies/?page=2`) as the same path without it,
 * before routing, so it reaches the route it names and every check decided on the matched route
 * (session, access, X-Requested-With, refusal audit: http/auth.ts routePath) applies as usual.
 * Only under /api/: the static files and the shells keep their own rules (`/m` redirects to `/m/`).
 */
export function apiWithoutTrailingSlash(url: string): string {
  if (!url.startsWith('/api/')) return url;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.length <= '/api/'.length || !path.endsWith('/')) return url;
  return path.replace(/\/+$/, '') + (q === -1 ? '' : url.slice(q));
}

/** What the built shells' files end with (vite's bundles, icons, fonts, a service worker, its precompressed copies). */
const FILE_EXTENSION = /\.(m?js|css|map|html?|json|webmanifest|txt|xml|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf|otf|wasm|br|gz)$/i;

/**
 * Whether a path the static files did not answer asks for a file, not a page: anything below the
 * shells' asset folders (/assets/, /m/assets/) or a name with a file extension (/favicon.ico,
 * /m/sw.js). Such a miss is a 404; only navigation paths (/gov/agencies, /m/jobs/3W8RZK5N2D) fall
 * back to a shell's index.html, which a browser would otherwise run as a stale bundle's script.
 */
export function isFileRequest(path: string): boolean {
  return /^\/(m\/)?assets\//.test(path) || FILE_EXTENSION.test(path);
}

function trustProxyOf(tp: false | number | string[]): false | string[] | ((addr: string, hop: number) => boolean) {
  return typeof tp === 'number' ? (_addr, hop) => hop < tp : tp;
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (opts.logger === false ? deps.log.child({}, { level: 'silent' }) : deps.log) as FastifyBaseLogger,
    trustProxy: trustProxyOf(deps.config.trustProxy),
    // every body is small unless its route takes a file and says so (`bodyLimit: UPLOAD_BODY_LIMIT`)
    bodyLimit: JSON_BODY_LIMIT,
    // the server's own id, in logs, audit rows and X-Request-Id: a caller cannot choose the id its
    // requests are recorded under (nor reuse another request's)
    genReqId: () => randomUUID(),
    rewriteUrl: (req) => apiWithoutTrailingSlash(req.url ?? '/'),
    // errors Fastify meets before routing (a path that is no valid percent-encoding, a path
    // parameter over its length limit) in the one error shape, naming the path as the field
    frameworkErrors: (error, request, reply) => {
      if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendError(request, reply, new AppError('validation_failed', {}, [{ field: 'path', key: 'malformed_url' }]));
      }
      request.log.error({ err: error }, 'router error');
      return sendError(request, reply, new AppError('internal_error'));
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;

  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  // zod with inputs reported, so a missing value reads "必填" (http/errors.ts)
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // the UI loads only its own scripts; antd writes its styles inline; nothing frames it. The API
    // reference (/api/docs, swagger-ui) keeps its own page as it is.
    if (!routePath(request).startsWith('/api/docs')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (deps.config.secureCookies) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // what a signed-in caller reads may hold personal information: never kept by a cache (PIPL)
    if (request.actor && routePath(request).startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  registerJsonParser(app);
  // uploads (.xlsx, attachments) arrive as the raw request body, on the routes that take a file; a JSON route
  // sent a file answers 415 (validating a Buffer as an object named its methods as unknown fields)
  app.addContentTypeParser(
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png'],
    { parseAs: 'buffer' },
    (request, body, done) => (takesFile(request) ? done(null, body) : done(new AppError('json_expected'), undefined)),
  );

  // Fastify allows one not-found handler per prefix: with the UI served, its fallback (below) is it.
  const webRoot = opts.webRoot ?? WEB_DIST;
  const compressed = opts.compress !== false;
  const serveWeb = opts.serveWeb !== false && existsSync(join(webRoot, 'index.html'));
  const serveMobile = serveWeb && existsSync(join(webRoot, MOBILE_PREFIX, 'index.html'));
  registerErrorHandler(app, { notFound: !serveWeb });
  await app.register(cookie);
  await registerOpenApi(app);
  registerAuth(app, deps);
  registerInputGuards(app);
  registerRefusalAudit(app, deps);
  await registerRateLimits(app, deps);
  registerMetrics(app, deps, allGauges());

  let draining = false;
  app.decorate('startDraining', () => {
    draining = true;
  });
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    if (draining) return reply.status(503).send({ status: 'draining' });
    const ok = await isMigrated(deps.db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'not-migrated' });
  });

  // the API in a context of its own, so JSON answers are compressed and the static files are not
  // compressed again (they are compressed at build time)
  await app.register(async (api) => {
    if (compressed) await registerCompression(api);
    for (const m of MODULES) if (m.routes) await api.register(m.routes(deps), { prefix: '/api/v1' });
    for (const m of MODULES) if (m.pages) await api.register(m.pages(deps));
  });

  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      // the .br / .gz files vite.config.ts writes beside each asset, chosen by Accept-Encoding
      preCompressed: compressed,
      cacheControl: false,
      // hashed bundles never change; index.html must be re-checked so a deploy takes effect
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // client-side routes fall back to their shell's index.html (the phone shell's under /m/, the
    // desks' elsewhere); API misses stay JSON 404s, and so does a file that is not there (an old
    // hashed bundle after a deploy must fail as a script, not load index.html as one)
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/metrics') && !isFileRequest(path)) {
        if (serveMobile && path === MOBILE_PREFIX.slice(0, -1)) return reply.redirect(`${MOBILE_PREFIX}${request.url.slice(path.length)}`, 301);
        const shell = serveMobile && path.startsWith(MOBILE_PREFIX) ? `${MOBILE_PREFIX.slice(1)}index.html` : 'index.html';
        return reply.header('cache-control', 'no-cache').sendFile(shell);
      }
      // a 404 may be cached by heuristics (RFC 9111 §4.2.2): a bundle missing on one instance during
      // a rolling deploy must not stay missing in a proxy
      if (isFileRequest(path)) reply.header('cache-control', 'no-cache');
      return sendError(request, reply, notFound());
    });
  }

  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    startDraining: () => void;
  }
}
