import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, clearSessionCookie, requestContext, setDeviceCookie, setSessionCookie } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import { registerMembershipRoutes } from './memberships.routes.ts';
import { registerRecoveryRoutes } from './recovery.routes.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';
import { noBody } from '../../http/bodies.ts';

/** A membership as the picker shows it. */
function presentMembership(m: service.MembershipRow): z.infer<typeof schemas.membershipResponse> {
  return {
    id: m.id,
    role: m.role as schemas.MeResponse['role'],
    divisionCode: m.official_division ?? m.org_division,
    divisionName: m.division_name,
    organisationName: m.agency_name ?? m.employer_name,
  };
}

export function presentMe(actor: Actor, memberships: readonly service.MembershipRow[]): schemas.MeResponse {
  const scope = actor.scope.kind === 'official'
    ? (actor.scope.prefixes[0] as string)
    : actor.agencyId !== undefined
      ? `agency:${actor.agencyId}`
      : actor.employerId !== undefined
        ? `employer:${actor.employerId}`
        : 'self';
  return {
    username: actor.username,
    role: actor.role,
    scope,
    displayName: actor.displayName,
    divisionCode: actor.divisionCode,
    ...(actor.agencyId !== undefined ? { agencyId: actor.agencyId } : {}),
    ...(actor.employerId !== undefined ? { employerId: actor.employerId } : {}),
    membershipId: actor.membershipId,
    mustChangePassword: actor.mustChangePassword === true,
    memberships: memberships.map(presentMembership),
  };
}

export const identityRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['identity'];

  app.post('/auth/login', {
    config: { access: 'public', selfAudited: true, limit: 'signIn' },
    schema: { tags, summary: '用户名密码登录 · sign in with username and password', body: schemas.loginBody, response: { 200: schemas.meResponse, ...errorResponses(400, 401, 423, 429, 503) } },
    // shed a flood before the rate-limit counter and the attempt counter are written
    onRequest: async () => service.refuseWhenVerifiersBusy(deps),
  }, async (request, reply) => {
    const session = await service.loginWithPassword(deps, request.body, requestContext(request));
    setSessionCookie(reply, deps, session.token, session.cookieExpires);
    setDeviceCookie(reply, deps, session.device);
    return presentMe(session.actor, session.memberships);
  });

  app.post('/auth/sms-code', {
    config: { access: 'public', limit: 'smsCode' },
    schema: { tags, summary: '发送短信验证码 · send a one-time code by SMS, for signing in or (purpose password_reset) for a new password', body: schemas.smsCodeBody, response: { 202: z.object({ sent: z.literal(true) }), ...errorResponses(400, 423, 429) } },
  }, async (request, reply) => {
    await service.requestSmsCode(deps, request.body.phone, requestContext(request), request.body.purpose);
    return reply.status(202).send({ sent: true as const });
  });

  app.post('/auth/sms-login', {
    config: { access: 'public', selfAudited: true, limit: 'signIn' },
    schema: { tags, summary: '短信验证码登录 · sign in with phone and SMS code', body: schemas.smsLoginBody, response: { 200: schemas.meResponse, ...errorResponses(400, 401, 423, 429) } },
  }, async (request, reply) => {
    const session = await service.loginWithSmsCode(deps, request.body, requestContext(request));
    setSessionCookie(reply, deps, session.token, session.cookieExpires);
    setDeviceCookie(reply, deps, session.device);
    return presentMe(session.actor, session.memberships);
  });

  app.post('/auth/logout', {
    config: { access: 'authenticated', beforePasswordChange: true },
    schema: { tags, summary: '退出登录 · sign out', body: noBody, response: { 204: z.null(), ...errorResponses(401) } },
  }, async (request, reply) => {
    await service.logout(deps, request.sessionToken as string, actorOf(request), requestContext(request));
    clearSessionCookie(reply, deps);
    return reply.status(204).send(null);
  });

  app.post('/auth/password', {
    config: { access: 'authenticated', beforePasswordChange: true },
    schema: { tags, summary: '修改密码 · change own password', body: schemas.changePasswordBody, response: { 204: z.null(), ...errorResponses(400, 401, 423) } },
  }, async (request, reply) => {
    await service.changePassword(deps, actorOf(request), request.sessionToken as string, request.body, requestContext(request));
    return reply.status(204).send(null);
  });

  app.get('/alerts', {
    config: { access: ['province'] },
    schema: { tags, summary: '预警 · alerts for the province desk (an SMS budget spent), newest first', querystring: schemas.alertsQuery, response: { 200: schemas.alertsResponse, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const items = await service.listAlerts(deps, actorOf(request), request.query.limit);
    return { items: items.map((a) => ({ ...a, raisedAt: a.raisedAt.toISOString() })) };
  });

  app.get('/me', {
    config: { access: 'authenticated', beforePasswordChange: true },
    schema: { tags, summary: '当前用户 · who am I, and what else I can act as', response: { 200: schemas.meResponse, ...errorResponses(401) } },
  }, async (request) => {
    const actor = actorOf(request);
    const seekerId = actor.role === 'seeker' ? await service.seekerIdOf(deps, actor) : undefined;
    return { ...presentMe(actor, await service.membershipsOf(deps, actor)), ...(seekerId !== undefined ? { seekerId } : {}) };
  });

  app.get('/me/queue-key', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '离线队列密钥 · the key that encrypts this account\'s reports queued on a phone (decision 0029; no-store)', response: { 200: schemas.queueKeyResponse, ...errorResponses(401, 403) } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return service.queueKeyOf(deps, actorOf(request));
  });

  app.post('/auth/membership', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '切换身份 · act as another of my memberships', body: schemas.switchMembershipBody, response: { 200: schemas.meResponse, ...errorResponses(400, 401, 404) } },
  }, async (request, reply) => {
    const switched = await service.switchMembership(deps, actorOf(request), request.sessionToken as string, request.body.membershipId, requestContext(request));
    setSessionCookie(reply, deps, request.sessionToken as string, switched.cookieExpires);
    return presentMe(switched.actor, switched.memberships);
  });

  registerRecoveryRoutes(app, deps);
  registerMembershipRoutes(app, deps);
};
