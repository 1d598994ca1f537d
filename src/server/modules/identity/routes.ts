import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { actorOf, clearSessionCookie, requestContext, setDeviceCookie, setSessionCookie } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as memberships from './memberships.service.ts';
import { membershipSheet } from './memberships-sheet.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

/** Who reads the memberships in a reach: officials (their division subtree), agency administrators (their agency's). */
const membershipReaders = [...OFFICIAL_ROLES, 'agency_admin'] as const;

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
    schema: { tags, summary: '发送短信验证码 · send a one-time sign-in code by SMS', body: schemas.smsCodeBody, response: { 202: z.object({ sent: z.literal(true) }), ...errorResponses(400, 423, 429) } },
  }, async (request, reply) => {
    await service.requestSmsCode(deps, request.body.phone, requestContext(request));
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
    schema: { tags, summary: '退出登录 · sign out', response: { 204: z.null(), ...errorResponses(401) } },
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
    return presentMe(actor, await service.membershipsOf(deps, actor));
  });

  app.post('/auth/membership', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '切换身份 · act as another of my memberships', body: schemas.switchMembershipBody, response: { 200: schemas.meResponse, ...errorResponses(400, 401, 404) } },
  }, async (request, reply) => {
    const switched = await service.switchMembership(deps, actorOf(request), request.sessionToken as string, request.body.membershipId, requestContext(request));
    setSessionCookie(reply, deps, request.sessionToken as string, switched.cookieExpires);
    return presentMe(switched.actor, switched.memberships);
  });

  // memberships: who may act as what, kept by the officials above (memberships.service.ts) --------
  app.get('/memberships', {
    config: { access: membershipReaders },
    schema: { tags, summary: '账号与身份 · who holds which membership in my reach (phones masked)', querystring: schemas.membershipsQuery, response: { 200: schemas.membershipPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => memberships.listMemberships(deps, actorOf(request), request.query));

  app.get('/memberships/export.xlsx', {
    config: { access: membershipReaders },
    schema: { tags, summary: '导出账号与身份 · export the memberships in my reach to Excel', querystring: schemas.membershipsQuery.omit({ limit: true, cursor: true }), response: { 200: z.any().describe('Excel workbook (.xlsx)'), ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const rows = await memberships.exportMemberships(deps, actorOf(request), request.query, requestContext(request));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('账号与身份.xlsx')).send(await membershipSheet(rows));
  });

  app.post('/memberships', {
    config: { access: OFFICIAL_ROLES },
    schema: {
      tags,
      summary: '开设身份 · give a membership below my level in my reach to the person of a phone (created when new; a one-time password shown once)',
      body: schemas.membershipCreateBody,
      response: { 201: schemas.membershipCreated, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await memberships.createMembership(deps, actorOf(request), request.body, requestContext(request))));

  app.post('/memberships/:id/disable', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '停用身份 · disable a membership below my level (its sessions end)', params: schemas.membershipIdParam, response: { 200: schemas.membershipItem, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => memberships.setMembershipStatus(deps, actorOf(request), request.params.id, 'disabled', requestContext(request)));

  app.post('/memberships/:id/enable', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '启用身份 · enable a membership below my level', params: schemas.membershipIdParam, response: { 200: schemas.membershipItem, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => memberships.setMembershipStatus(deps, actorOf(request), request.params.id, 'active', requestContext(request)));
};
