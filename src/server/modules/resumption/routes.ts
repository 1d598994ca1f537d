import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { noBody } from '../../http/bodies.ts';
import { AppError, localeOf } from '../../http/errors.ts';
import { UPLOAD_BODY_LIMIT } from '../../http/limits.ts';
import { errorResponses } from '../../http/openapi.ts';
import { attachment, writeSheet, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import { returneesExport, returneesTemplate, transportListExport } from './returnees-sheet.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const tags = ['resumption'];
const officials = OFFICIAL_ROLES;
/** Plans: the employer its own, officials those in reach. */
const planReaders = [...OFFICIAL_ROLES, 'employer'] as const;
const xlsxResponse = { 200: z.any().describe('Excel workbook (.xlsx)') };
/** An .xlsx answer with its file name (Content-Disposition through platform/spreadsheet's attachment). */
const sendXlsx = (reply: FastifyReply, name: string, file: Buffer) => reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(name)).send(file);

export const resumptionRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {

  // the employer's plan --------------------------------------------------------------------------
  app.get('/resumption/plan', {
    config: { access: ['employer'] },
    schema: { tags, summary: '本单位复工计划 · the employer\'s own plan (404 until saved)', response: { 200: s.plan, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getOwnPlan(deps, actorOf(request)));

  app.put('/resumption/plan', {
    config: { access: ['employer'] },
    schema: { tags, summary: '保存复工计划 · save the plan: day, staff on post / away / isolated, contact, demand by occupation', body: s.planPut, response: { 200: s.plan, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.savePlan(deps, actorOf(request), request.body, requestContext(request)));

  app.get('/resumption/plans', {
    config: { access: planReaders },
    schema: { tags, summary: '复工计划列表 · plans in scope', querystring: s.plansQuery, response: { 200: s.planPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listPlans(deps, actorOf(request), request.query));

  app.get('/resumption/plans/export.xlsx', {
    config: { access: officials },
    schema: { tags, summary: '导出复工计划 · export the plans in scope', querystring: s.divisionQuery, response: { ...xlsxResponse, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const rows = await service.exportPlans(deps, actorOf(request), request.query, requestContext(request));
    const file = await writeSheet('复工计划', [
      { header: '县（市、区）', value: (r) => r.divisionName },
      { header: '用人单位', width: 24, value: (r) => r.employerName },
      { header: '复工日期', width: 12, value: (r) => r.resumeOn },
      { header: '在岗', value: (r) => r.staffOnPost },
      { header: '未返岗', value: (r) => r.staffAway },
      { header: '隔离观察', value: (r) => r.staffIsolated },
      { header: '用工需求', value: (r) => r.demandTotal },
      { header: '返岗员工', value: (r) => r.returnees },
      { header: '需点对点运输', value: (r) => r.needingTransport },
      { header: '联系人', value: (r) => r.contactName },
      { header: '联系电话', width: 14, text: true, value: (r) => r.contactPhone },
    ], rows);
    return sendXlsx(reply, '复工计划.xlsx', file);
  });

  app.get('/resumption/plans/:id', {
    config: { access: planReaders },
    schema: { tags, summary: '复工计划详情 · one plan with its demand lines', params: s.planParam, response: { 200: s.plan, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getPlan(deps, actorOf(request), request.params.id));

  // returning employees --------------------------------------------------------------------------
  app.get('/resumption/returnees/template.xlsx', {
    config: { access: ['employer'] },
    schema: { tags, summary: '返岗员工模板 · empty returning-employee sheet', response: { ...xlsxResponse, ...errorResponses(401, 403) } },
  }, async (_request, reply) => sendXlsx(reply, '返岗员工模板.xlsx', await returneesTemplate()));

  app.post('/resumption/plans/:id/returnees/import', {
    config: { access: ['employer'] },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags,
      summary: '导入返岗员工 · import the returning employees (.xlsx as the request body); a file with any bad row is rejected whole; a good one replaces the list',
      params: s.planParam,
      consumes: [XLSX_TYPE],
      response: { 200: s.importResult, ...errorResponses(400, 401, 403, 404, 413, 415, 503) },
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type', { types: '.xlsx' });
    return service.importReturnees(deps, actorOf(request), request.params.id, body, localeOf(request), requestContext(request));
  });

  app.get('/resumption/plans/:id/returnees', {
    config: { access: planReaders },
    schema: { tags, summary: '返岗员工 · a plan\'s returning employees (ID and phone numbers masked)', params: s.planParam, response: { 200: s.returneeList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => ({ items: (await service.listReturnees(deps, actorOf(request), request.params.id)).items }));

  app.get('/resumption/plans/:id/returnees/export.xlsx', {
    config: { access: planReaders },
    schema: { tags, summary: '导出返岗员工 · export a plan\'s returning employees (masked)', params: s.planParam, response: { ...xlsxResponse, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const { plan, items } = await service.exportReturnees(deps, actorOf(request), request.params.id, requestContext(request));
    return sendXlsx(reply, `${plan.employer_name}-返岗员工.xlsx`, await returneesExport(items));
  });

  app.post('/resumption/plans/:id/demand/:lineId/posting', {
    config: { access: ['employer', 'county'] },
    schema: { tags, summary: '需求生成职位 · make a posting from a demand line (draft, or published through the screener), once', params: s.lineParam, body: s.postingFromLine, response: { 201: s.postingMade, ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await service.postingFromLine(deps, actorOf(request), request.params.id, request.params.lineId, request.body, requestContext(request))));

  // bureaus: demand against supply ---------------------------------------------------------------
  app.get('/resumption/demand', {
    config: { access: officials },
    schema: { tags, summary: '复工用工需求与供给 · demand by county and occupation against registered job seekers (求人倍率)', querystring: s.divisionQuery, response: { 200: s.demandTable, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.demandAgainstSupply(deps, actorOf(request), request.query));

  app.get('/resumption/demand/export.xlsx', {
    config: { access: officials },
    schema: { tags, summary: '导出用工需求与供给 · export the demand table', querystring: s.divisionQuery, response: { ...xlsxResponse, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const rows = await service.exportDemand(deps, actorOf(request), request.query, requestContext(request));
    const file = await writeSheet('用工需求与供给', [
      { header: '县（市、区）', value: (r) => r.divisionName },
      { header: '职业代码', text: true, value: (r) => r.occupationCode },
      { header: '职业', width: 24, value: (r) => r.occupationName },
      { header: '需求人数', value: (r) => r.demand },
      { header: '计划数', value: (r) => r.plans },
      { header: '求职人数', value: (r) => r.seekers },
      { header: '求人倍率', value: (r) => r.ratio },
    ], rows);
    return sendXlsx(reply, '复工用工需求.xlsx', file);
  });

  // bureaus: transport, destination end ----------------------------------------------------------
  app.get('/resumption/transport', {
    config: { access: officials },
    schema: { tags, summary: '点对点运输（目的地）· workers waiting for transport by destination, origin county and day, with each origin\'s share', querystring: s.divisionQuery, response: { 200: s.transportBoard, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.transportBoard(deps, actorOf(request), request.query));

  app.get('/resumption/transport/workers', {
    config: { access: officials },
    schema: { tags, summary: '待运输人员 · the waiting workers (masked), of one origin county and day if given', querystring: s.transportQuery, response: { 200: s.waitingList, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.waitingWorkers(deps, actorOf(request), request.query));

  app.get('/resumption/transport/export.xlsx', {
    config: { access: officials },
    schema: { tags, summary: '导出运输名单 · the transport list (.xlsx) for an origin bureau, outside Yunnan above all', querystring: s.transportQuery, response: { ...xlsxResponse, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const rows = await service.exportWaiting(deps, actorOf(request), request.query, requestContext(request));
    return sendXlsx(reply, `点对点运输名单${request.query.origin ? `-${request.query.origin}` : ''}.xlsx`, await transportListExport(rows));
  });

  app.post('/resumption/transport/shares', {
    config: { access: officials },
    schema: { tags, summary: '授权始发县查看 · grant a Yunnan origin county\'s bureau the workers waiting to leave it', body: s.shareCreate, response: { 200: s.shareMade, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.shareWithOrigin(deps, actorOf(request), request.body, requestContext(request)));

  app.post('/resumption/transport/shares/:id/end', {
    config: { access: officials },
    schema: { tags, summary: '收回授权 · end the origin county\'s grant', params: s.shareParam, body: noBody, response: { 200: s.shareEnded, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.endShare(deps, actorOf(request), request.params.id, requestContext(request)));

  // bureaus: transport, origin end ---------------------------------------------------------------
  app.get('/resumption/departures', {
    config: { access: officials },
    schema: { tags, summary: '点对点运输（始发地）· workers waiting to leave the official\'s counties, in destinations that shared their list', response: { 200: s.waitingList, ...errorResponses(401, 403) } },
  }, async (request) => service.departures(deps, actorOf(request)));

  app.get('/resumption/departures/export.xlsx', {
    config: { access: officials },
    schema: { tags, summary: '导出待出发人员 · export the origin view', response: { ...xlsxResponse, ...errorResponses(401, 403) } },
  }, async (request, reply) => sendXlsx(reply, '待出发人员.xlsx', await transportListExport(await service.exportDepartures(deps, actorOf(request), requestContext(request)))));
};
