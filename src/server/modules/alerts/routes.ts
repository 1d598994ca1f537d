import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const tags = ['alerts'];

/** Where the phone shell shows the seeker's alerts (the callback sends the phone back there). */
const ALERTS_PAGE = '/m/alerts';

export const alertsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // a job seeker's own subscription and digests; nobody else's (others 403 by role)
  app.get('/alerts/me', {
    config: { access: ['seeker'] },
    schema: {
      tags,
      summary: '我的职位提醒 · the signed-in seeker\'s job-alert subscription (channels, quiet hours, WeChat bound); digestsComputed false and a note when automated recommendations are off (PIPL art. 24)',
      response: { 200: s.subscription, ...errorResponses(401, 403, 404) },
    },
  }, async (request) => service.getSubscription(deps, actorOf(request), requestContext(request).locale));

  app.put('/alerts/me', {
    config: { access: ['seeker'] },
    schema: {
      tags,
      summary: '设置职位提醒 · subscribe, change or switch off the daily digest of new postings that match the seeker: channels sms, in_app, wechat (once bound), quiet hours (Beijing time)',
      body: s.subscriptionPut,
      response: { 200: s.subscription, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.saveSubscription(deps, actorOf(request), request.body, requestContext(request)));

  app.get('/alerts/me/digests', {
    config: { access: ['seeker'] },
    schema: {
      tags,
      summary: '我的职位推荐日报 · the seeker\'s daily digests, newest first: each posting with its score and reasons in the caller\'s language',
      querystring: s.digestsQuery,
      response: { 200: s.digestPage, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.listDigests(deps, actorOf(request), request.query, requestContext(request).locale));

  app.get('/alerts/wechat/authorize', {
    config: { access: ['seeker'] },
    schema: {
      tags,
      summary: '绑定微信 · where to send the phone to bind the seeker\'s WeChat: the official account\'s web authorisation (snsapi_base), simulated when none is configured',
      response: { 200: s.wechatAuthorize, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return service.wechatAuthorize(deps, actorOf(request));
  });

  app.get('/alerts/wechat/callback', {
    config: { access: ['seeker'] },
    schema: {
      tags,
      summary: '微信授权回调 · WeChat sends the phone back here with code and state: binds the openid, then 303 to the alerts page (/m/alerts?wechat=bound)',
      querystring: s.wechatCallbackQuery,
      response: { ...errorResponses(400, 401, 403, 404, 502) },
    },
  }, async (request, reply) => {
    await service.bindWechat(deps, actorOf(request), request.query.code, request.query.state, requestContext(request));
    return reply.redirect(`${ALERTS_PAGE}?wechat=bound`, 303);
  });
};
