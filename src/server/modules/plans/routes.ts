import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { noBody } from '../../http/bodies.ts';
import { errorResponses } from '../../http/openapi.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const planReaders = [...OFFICIAL_ROLES, 'agency_admin', 'agency_staff'] as const;
const figureReaders = [...OFFICIAL_ROLES, 'agency_admin'] as const;
const tags = ['plans'];
const deleted = z.object({ deleted: z.number().int() });

export const plansRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/prevention/plans', {
    config: { access: figureReaders },
    schema: { tags, summary: '防控预案概况 · per agency in scope: plan or not, responsible person, low protective stock, education sessions', querystring: s.plansQuery, response: { 200: s.planFigures, ...errorResponses(400, 401, 403) } },
  }, async (request) => ({ items: await service.planFigures(deps, actorOf(request).scope, request.query.division ? { division: request.query.division } : {}) }));

  app.get('/prevention/plans/:agencyId', {
    config: { access: planReaders },
    schema: { tags, summary: '机构防控预案 · an agency\'s plan, protective stock (low items flagged) and education log', params: s.agencyParam, response: { 200: s.plan, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getPlan(deps, actorOf(request), request.params.agencyId));

  app.put('/prevention/plans/:agencyId', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '保存防控预案 · save the plan: measures, free text, the responsible person', params: s.agencyParam, body: s.planPut, response: { 200: s.plan, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.savePlan(deps, actorOf(request), request.params.agencyId, request.body, requestContext(request)));

  app.post('/prevention/plans/:agencyId/stock', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '登记防护物资 · add a protective equipment item with its minimum level', params: s.agencyParam, body: s.stockCreate, response: { 201: s.stockItem, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.addStockItem(deps, actorOf(request), request.params.agencyId, request.body, requestContext(request))));

  app.patch('/prevention/plans/:agencyId/stock/:itemId', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '更新物资数量或最低储备 · change a stock item', params: s.stockParam, body: s.stockUpdate, response: { 200: s.stockItem, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.updateStockItem(deps, actorOf(request), request.params.agencyId, request.params.itemId, request.body, requestContext(request)));

  app.delete('/prevention/plans/:agencyId/stock/:itemId', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '删除物资条目 · remove a stock item', params: s.stockParam, body: noBody, response: { 200: deleted, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.deleteStockItem(deps, actorOf(request), request.params.agencyId, request.params.itemId, requestContext(request)));

  app.post('/prevention/plans/:agencyId/education', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '登记宣传教育 · log an education session (date, topic, attendees from the roster)', params: s.agencyParam, body: s.sessionCreate, response: { 201: s.educationSession, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await service.addSession(deps, actorOf(request), request.params.agencyId, request.body, requestContext(request))));

  app.delete('/prevention/plans/:agencyId/education/:sessionId', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '删除培训记录 · remove an education session', params: s.sessionParam, body: noBody, response: { 200: deleted, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.deleteSession(deps, actorOf(request), request.params.agencyId, request.params.sessionId, requestContext(request)));
};
