import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import { UPLOAD_BODY_LIMIT } from '../../http/limits.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const areaReaders = [...OFFICIAL_ROLES, 'agency_admin', 'agency_staff'] as const;
const xlsxResponse = { 200: z.any().describe('Excel workbook (.xlsx)') };
const tags = ['screening'];

export const screeningRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // risk areas -----------------------------------------------------------------------------------
  app.get('/prevention/risk-areas', {
    config: { access: areaReaders },
    schema: { tags, summary: '风险地区 · the published risk areas (any division of the national table), newest first', querystring: s.riskAreasQuery, response: { 200: s.riskAreaPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listRiskAreas(deps, request.query));

  app.post('/prevention/risk-areas', {
    config: { access: ['province'] },
    schema: { tags, summary: '登记风险地区 · add a risk area (division code at any level; a street or community inside it)', body: s.riskAreaCreate, response: { 201: s.riskArea, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await service.createRiskArea(deps, actorOf(request), request.body, requestContext(request))));

  app.get('/prevention/risk-areas/template.xlsx', {
    config: { access: ['province'] },
    schema: { tags, summary: '风险地区导入模板 · empty import template', response: { ...xlsxResponse, ...errorResponses(401, 403) } },
  }, async (_request, reply) => reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('风险地区模板.xlsx')).send(await service.riskAreaTemplate()));

  app.post('/prevention/risk-areas/import', {
    config: { access: ['province'] },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags,
      summary: '导入风险地区 · import risk areas (.xlsx as the request body); a file with bad rows is rejected whole',
      consumes: [XLSX_TYPE],
      response: { 200: s.importResult, ...errorResponses(400, 401, 403, 413, 415, 503) },
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type', { types: '.xlsx' });
    return service.importRiskAreas(deps, actorOf(request), body, requestContext(request));
  });

  app.get('/prevention/risk-areas/:id', {
    config: { access: ['province'] },
    schema: { tags, summary: '风险地区详情 · one risk area (its keeper)', params: s.areaParam, response: { 200: s.riskArea, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getRiskArea(deps, actorOf(request), request.params.id));

  app.patch('/prevention/risk-areas/:id', {
    config: { access: ['province'] },
    schema: { tags, summary: '修改风险地区（等级、日期；解除即设结束日期）· change a risk area; lifting sets its end date (never deleted)', params: s.areaParam, body: s.riskAreaUpdate, response: { 200: s.riskArea, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.updateRiskArea(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  // declarations ---------------------------------------------------------------------------------
  app.post('/prevention/declarations', {
    config: { access: ['agency_staff'] },
    schema: {
      tags,
      summary: '员工排查填报 · a staff member declares stays (last 14 days), close contact and cases; matched against the risk areas in force on those dates',
      body: s.declarationCreate,
      response: { 201: s.declarationResult, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await service.declare(deps, actorOf(request), request.body, requestContext(request))));

  app.get('/prevention/declarations/mine', {
    config: { access: ['agency_staff'] },
    schema: { tags, summary: '我的排查 · the caller\'s last declaration and whether it is stale', response: { 200: s.myScreening, ...errorResponses(401, 403) } },
  }, async (request) => service.myScreening(deps, actorOf(request)));

  app.get('/prevention/declarations', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '员工排查 · every staff member of the agency: last declaration, stale or never, open follow-ups', response: { 200: s.agencyScreening, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.agencyScreening(deps, actorOf(request)));

  app.get('/prevention/declarations/findings', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '排查结果 · the agency\'s follow-ups (or risk-area matches, exposures); the read is audited', querystring: s.findingsQuery, response: { 200: s.findingList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.agencyFindings(deps, actorOf(request), request.query, requestContext(request)));

  app.post('/prevention/declarations/findings/:id/clear', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '核查完毕 · clear a follow-up with a note (409 when already cleared)', params: s.followUpParam, body: s.followUpClear, response: { 200: s.findingList.shape.items.element, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.clearFollowUp(deps, actorOf(request), request.params.id, request.body, requestContext(request)));
};
