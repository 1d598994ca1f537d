import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, clearSessionCookie, requestContext, setDeviceCookie, setSessionCookie } from '../../http/auth.ts';
import { noBody } from '../../http/bodies.ts';
import { errorResponses } from '../../http/openapi.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const tags = ['seekers'];
/** Officials see the seekers of their divisions; agencies' people those who authorised their agency. */
const seekerReaders = [...OFFICIAL_ROLES, 'agency_admin', 'agency_staff'] as const;

export const seekersRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/seekers/notice', {
    config: { access: 'public' },
    schema: { tags, summary: '个人信息处理告知 · the notice shown before signing up: handler and contact, purposes, data, means, recipients, retention, rights, the ID number; its version is what registration sends back', response: { 200: s.notice, ...errorResponses(400) } },
  }, async (request) => service.seekerNotice(deps, requestContext(request).locale));

  app.post('/seekers/register', {
    config: { access: 'public', selfAudited: true, limit: 'signIn' },
    schema: { tags, summary: '求职者注册 · a job seeker signs up with phone, the SMS code sent for purpose register, the notice version read and consent: true; signs in', body: s.registerBody, response: { 201: s.registered, ...errorResponses(400, 401, 409, 423, 429) } },
  }, async (request, reply) => {
    const session = await service.register(deps, request.body, requestContext(request));
    setSessionCookie(reply, deps, session.token, session.cookieExpires);
    setDeviceCookie(reply, deps, session.device);
    return reply.status(201).send({ accountId: session.actor.accountId, membershipId: session.actor.membershipId, role: 'seeker' as const });
  });

  app.get('/seekers/me', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '我的求职登记 · the signed-in seeker\'s profile', response: { 200: s.profile, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getOwnProfile(deps, actorOf(request)));

  app.put('/seekers/me', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '填写或修改求职登记 · create or rewrite the signed-in seeker\'s profile', body: s.profilePut, response: { 200: s.profile, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.saveProfile(deps, actorOf(request), request.body, requestContext(request)));

  app.delete('/seekers/me', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '注销求职登记（撤回同意）· close the registration: withdraws consent, deletes the profile and authorisations, ends the seeker membership and this session', body: noBody, response: { 204: z.null(), ...errorResponses(401, 403) } },
  }, async (request, reply) => {
    await service.closeRegistration(deps, actorOf(request), requestContext(request));
    clearSessionCookie(reply, deps);
    return reply.status(204).send(null);
  });

  app.post('/seekers/me/renewal', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '求职登记续期 · renew the registration: valid again for the default period from today (never shortened)', body: noBody, response: { 200: s.profile, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.renewRegistration(deps, actorOf(request), requestContext(request)));

  app.get('/seekers/me/authorisations', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '我的委托授权 · the agencies the seeker authorised, live and revoked', response: { 200: s.authorisationList, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.listAuthorisations(deps, actorOf(request)));

  app.post('/seekers/me/authorisations', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '授权人力资源服务机构为我服务 · authorise an agency to serve the seeker (a grant on the profile)', body: s.authorisationCreate, response: { 201: s.authorisation, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.authoriseAgency(deps, actorOf(request), request.body.agencyId, requestContext(request))));

  app.delete('/seekers/me/authorisations/:id', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '撤销授权 · revoke an authorisation', params: s.idParam, body: noBody, response: { 204: z.null(), ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    await service.revokeAuthorisation(deps, actorOf(request), request.params.id, requestContext(request));
    return reply.status(204).send(null);
  });

  app.get('/seekers', {
    config: { access: seekerReaders },
    schema: { tags, summary: '求职者列表 · seekers in scope (agencies: those who authorised them), phones masked', querystring: s.seekersQuery, response: { 200: s.profilePage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listSeekers(deps, actorOf(request), request.query));

  app.get('/seekers/:id', {
    config: { access: seekerReaders, locate: (request) => service.locateSeeker(deps, Number((request.params as { id: string }).id)) },
    schema: { tags, summary: '求职者详情 · one seeker in scope, phone masked', params: s.idParam, response: { 200: s.profile, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getSeeker(deps, actorOf(request), request.params.id));
};
