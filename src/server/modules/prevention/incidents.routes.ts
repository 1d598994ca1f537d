// Incidents, the desks' inbox and the bureaus' duty phones (issue 8 P4, decision 0030): thin routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { noBody } from '../../http/bodies.ts';
import { errorResponses } from '../../http/openapi.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as s from './incidents.schemas.ts';
import * as service from './incidents.service.ts';
import { incidentsSheet } from './incidents.sheet.ts';

/** Desks that read incidents and have an inbox: officials and agency administrators (never staff: a colleague's finding is not theirs to read). */
const desks = [...OFFICIAL_ROLES, 'agency_admin'] as const;
/** Who records stages: the agency's administrator (the report), the county bureau (the rest). */
const recorders = ['agency_admin', 'county'] as const;
const tags = ['prevention'];

export const incidentsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/prevention/incidents', {
    config: { access: desks },
    schema: {
      tags,
      summary: '事件列表 · incidents in the caller\'s scope (stage, lateness, category and stage times; never a health value)',
      querystring: s.incidentsQuery,
      response: { 200: s.incidentPage, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => service.listIncidents(deps, actorOf(request), request.query));

  app.get('/prevention/incidents/export.xlsx', {
    config: { access: desks },
    schema: { tags, summary: '导出事件 · export the incidents of the list\'s filters (phones masked)', querystring: s.incidentsExportQuery, response: { 200: z.any().describe('Excel workbook (.xlsx)'), ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const rows = await service.exportIncidents(deps, actorOf(request), request.query, requestContext(request));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('事件.xlsx')).send(await incidentsSheet(rows));
  });

  app.get('/prevention/incidents/:id', {
    config: { access: desks },
    schema: { tags, summary: '事件详情 · one incident with its stage timeline, escalations and the stages the caller may record (the read is audited)', params: s.incidentParam, response: { 200: s.incidentDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getIncident(deps, actorOf(request), request.params.id, requestContext(request)));

  app.post('/prevention/incidents/:id/steps', {
    config: { access: recorders },
    schema: {
      tags,
      summary: '记录事件阶段 · record the next stage: reported by the agency\'s administrator, later stages and ruled_out by the county bureau (403 for another recorder, 409 out of order)',
      params: s.incidentParam,
      body: s.stepCreate,
      response: { 201: s.incidentDetail, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await service.recordStep(deps, actorOf(request), request.params.id, request.body, requestContext(request))));

  app.get('/prevention/inbox', {
    config: { access: desks },
    schema: { tags, summary: '消息 · the caller\'s desk\'s notices, newest first, with the unread count', querystring: s.inboxQuery, response: { 200: s.inboxPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listInbox(deps, actorOf(request), request.query));

  app.post('/prevention/inbox/:id/read', {
    config: { access: desks },
    schema: { tags, summary: '标记已读 · mark a notice of the caller\'s desk read (a repeat keeps the first reading)', params: s.noticeParam, body: noBody, response: { 200: s.notice, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.markNoticeRead(deps, actorOf(request), request.params.id, requestContext(request)));

  app.get('/prevention/duty-phone', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '值班手机 · the caller\'s bureau\'s duty phone (null when none)', response: { 200: s.dutyPhone, ...errorResponses(401, 403) } },
  }, async (request) => service.getDutyPhone(deps, actorOf(request)));

  app.put('/prevention/duty-phone', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '设置值班手机 · set the caller\'s bureau\'s duty phone: its desk\'s notices also go to it by SMS (audited)', body: s.dutyPhoneSet, response: { 200: s.dutyPhone, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.setDutyPhone(deps, actorOf(request), request.body.phone, requestContext(request)));

  app.delete('/prevention/duty-phone', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '清除值班手机 · clear the caller\'s bureau\'s duty phone (audited)', body: noBody, response: { 200: s.dutyPhone, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.clearDutyPhone(deps, actorOf(request), requestContext(request)));
};
