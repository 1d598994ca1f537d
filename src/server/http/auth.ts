// Authentication and access for every route: the session cookie becomes `request.actor`; each
// route declares `config.access` ('public', 'authenticated', or the roles allowed), checked before
// its handler; writes must carry X-Requested-With (CSRF: a cross-site form cannot set it).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { audit } from '../platform/command.ts';
import type { Role } from '../../shared/roles.ts';
import { AppError, forbidden, localeOf, sendError, unauthenticated } from './errors.ts';

export const SESSION_COOKIE = 'yq_sid';
/** The device cookie: set on a successful sign-in, it gives the device a failure counter of its own (decision 0020). */
export const DEVICE_COOKIE = 'yq_device';
/** How long a device cookie lives: about a year (policy.DEVICE_TTL_MS on the server side). */
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The route audits its own refusals (sign-in); the generic refusal audit skips it. */
    selfAudited?: boolean;
    /**
     * For a read by id: where the row is if it exists outside the caller's reach. Called only after
     * a 404 went out (onResponse), so the lookup is no timing oracle; a row found is audited as a
     * refused read, a missing one is not.
     */
    locate?: (request: FastifyRequest) => Promise<HiddenTarget | null>;
    /** Open to a person whose one-time password is still in use (changing it, /me, sign-out); every other route answers 403 `password_change_required`. */
    beforePasswordChange?: boolean;
  }
  interface FastifyInstance {
    /** The keyed hash device cookies are signed with (registerAuth). */
    signDevice(value: string): string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

/** A row that exists, named for the audit trail (the refused read is recorded under its division). */
export type HiddenTarget = { divisionCode: string; targetType: string; targetId: string | number };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where a request came from; `device` is the id of a `yq_device` cookie whose signature holds. */
export function requestContext(request: FastifyRequest): RequestContext & { userAgent?: string; device?: string } {
  const device = deviceOf(request);
  return {
    requestId: String(request.id),
    ip: request.ip,
    locale: localeOf(request),
    userAgent: request.headers['user-agent'],
    ...(device ? { device } : {}),
  };
}

// signed with the deps' keyed hash, reached through the request's server (registerAuth decorates it)
const signatureOf = (server: FastifyInstance, id: string) => server.signDevice(`yq_device:${id}`).slice(0, 32);

/** The device id of a well-formed `yq_device` cookie signed with this deployment's key, else undefined. */
function deviceOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies?.[DEVICE_COOKIE];
  const m = raw ? /^([A-Za-z0-9_-]{16,64})\.([0-9a-f]{32})$/.exec(raw) : null;
  if (!m) return undefined;
  const [, id, sig] = m as unknown as [string, string, string];
  const want = Buffer.from(signatureOf(request.server, id));
  return want.length === sig.length && timingSafeEqual(want, Buffer.from(sig)) ? id : undefined;
}

/** The long-lived device cookie (HttpOnly, SameSite=Lax, Secure behind TLS), signed with the deployment's key. */
export function setDeviceCookie(reply: FastifyReply, deps: Deps, id: string): void {
  reply.setCookie(DEVICE_COOKIE, `${id}.${signatureOf(reply.server, id)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
}

/**
 * The path the security checks decide on: the route Fastify matched (its pattern), not the raw
 * URL, so `/%61pi/v1/…` — routed to the same handler — meets the same checks as `/api/v1/…`.
 * Unmatched requests fall back to the raw path.
 */
export function routePath(request: FastifyRequest): string {
  return request.routeOptions.url ?? (request.url.split('?')[0] as string);
}

/** The signed-in actor; routes whose access is not 'public' can rely on it. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorate('signDevice', (value: string) => deps.crypto.keyedHash(value));
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  // Every API route must say who may call it: a route without `access` fails at start-up.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!routePath(request).startsWith('/api/')) return;
    if (WRITE_METHODS.has(request.method) && !request.headers['x-requested-with']) {
      return sendError(request, reply, new AppError('csrf_header_missing'));
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.sessionToken = token;
      request.actor = await deps.hooks.resolveSession(token);
    }
    // Access is checked here, before the body is parsed and validated: a caller who may not use
    // the route learns 401/403, never which fields it expects.
    return checkAccess(request, reply);
  });

  function checkAccess(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return undefined;
    if (!request.actor) {
      if (request.sessionToken) clearSessionCookie(reply, deps);
      return sendError(request, reply, unauthenticated(request.sessionToken ? 'session_expired' : 'unauthenticated'));
    }
    if (request.actor.mustChangePassword && !request.routeOptions.config?.beforePasswordChange) {
      return sendError(request, reply, new AppError('password_change_required'));
    }
    if (access !== 'authenticated' && !access.includes(request.actor.role)) {
      return sendError(request, reply, forbidden());
    }
    return undefined;
  }
}

/**
 * Every write is audited: the services record what they did; this records what was refused or
 * rejected (4xx), and every read refused for want of the right role (403: someone signed in
 * reaching for what is not theirs), in a command of its own, after the answer went out.
 */
export function registerRefusalAudit(app: FastifyInstance, deps: Deps): void {
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    if (status === 404 && !WRITE_METHODS.has(request.method)) return auditHiddenRead(deps, request);
    const refused = WRITE_METHODS.has(request.method) ? status >= 400 && status < 500 : status === 403;
    if (!refused || !routePath(request).startsWith('/api/')) return;
    if (request.routeOptions.config?.selfAudited) return;
    // a path that names no route refuses nothing of anyone's: not audited (a stranger could
    // otherwise write arbitrary paths into the trail)
    if (!request.routeOptions.url) return;
    const path = request.url.split('?')[0] as string;
    try {
      await audit(deps, { actor: request.actor, ctx: requestContext(request) }, {
        action: `http.${request.method.toLowerCase()}`,
        outcome: status === 401 || status === 403 || status === 404 ? 'denied' : 'failed',
        targetType: 'route',
        targetId: request.routeOptions.url,
        detail: { status, path },
      });
    } catch (err) {
      request.log.warn({ err }, 'could not audit a refusal');
    }
  });
}

/**
 * A signed-in caller answered 404 for an id that exists outside their reach: audited as a refused
 * read (outcome denied, reason outside_scope) under the division of the row reached for, so its
 * county's officials see who reached for it. Looked up after the answer went out: the 404 for a
 * row elsewhere and for no row at all take the same time. A truly missing id leaves no entry
 * (nothing was reached for; a stranger probing ids would otherwise fill the trail).
 */
async function auditHiddenRead(deps: Deps, request: FastifyRequest): Promise<void> {
  const locate = request.routeOptions.config?.locate;
  if (!locate || !request.actor) return;
  try {
    const found = await locate(request);
    if (!found) return;
    await audit(deps, { actor: request.actor, ctx: requestContext(request) }, {
      action: `http.${request.method.toLowerCase()}`,
      outcome: 'denied',
      divisionCode: found.divisionCode,
      targetType: found.targetType,
      targetId: found.targetId,
      detail: { status: 404, reason: 'outside_scope', route: request.routeOptions.url ?? null },
    });
  } catch (err) {
    request.log.warn({ err }, 'could not audit a refused read');
  }
}

/** The session cookie; `expires` null makes it a browser-session cookie (no Expires attribute). */
export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string, expires: Date | null): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    ...(expires ? { expires } : {}),
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies });
}
