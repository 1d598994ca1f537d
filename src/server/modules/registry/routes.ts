import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { UPLOAD_BODY_LIMIT } from '../../http/limits.ts';
import { noBody } from '../../http/bodies.ts';
import { errorResponses } from '../../http/openapi.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import { AppError, localeOf } from '../../http/errors.ts';
import { agencySheet } from './agency-sheet.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';
import { parseRoster, rosterExport, rosterTemplate } from './staff-roster.ts';

const officials = OFFICIAL_ROLES;
const agencyReaders = [...OFFICIAL_ROLES, 'agency_admin', 'agency_staff'] as const;
const rosterReaders = [...OFFICIAL_ROLES, 'agency_admin'] as const;
const employerReaders = [...OFFICIAL_ROLES, 'employer'] as const;
/** The list also to agency administrators: their scope holds only the employers that authorised them (grants), to write postings for. */
const employerListReaders = [...employerReaders, 'agency_admin'] as const;
const xlsxResponse = { 200: z.any().describe('Excel workbook (.xlsx)') };

export const registryRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/registry/summary', {
    config: { access: officials },
    schema: { tags: ['registry'], summary: '辖区概况 · agencies, staff and employers in the jurisdiction, per division below it', response: { 200: s.registrySummary, ...errorResponses(401, 403) } },
  }, async (request) => service.summariseRegistry(deps, actorOf(request)));

  // agencies -----------------------------------------------------------------------------------
  app.get('/agencies', {
    config: { access: agencyReaders },
    schema: { tags: ['registry'], summary: '人力资源服务机构列表 · agencies in scope', querystring: s.agenciesQuery, response: { 200: s.agencyPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listAgencies(deps, actorOf(request), request.query));

  app.get('/agencies/export.xlsx', {
    config: { access: officials },
    schema: { tags: ['registry'], summary: '导出机构列表 · export agencies to Excel', querystring: s.agenciesQuery.omit({ limit: true, cursor: true }), response: { ...xlsxResponse, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const rows = await service.exportAgencies(deps, actorOf(request), request.query, requestContext(request));
    const file = await agencySheet(rows);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('服务机构.xlsx')).send(file);
  });

  app.get('/agencies/:id', {
    config: { access: agencyReaders, locate: (request) => service.locateAgency(deps, Number((request.params as { id: string }).id)) },
    schema: { tags: ['registry'], summary: '机构详情 · one agency', params: s.idParam, response: { 200: s.agency, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getAgency(deps, actorOf(request), request.params.id));

  app.post('/agencies', {
    config: { access: officials },
    schema: { tags: ['registry'], summary: '登记机构 · register an agency (county in scope)', body: s.agencyCreate, response: { 201: s.agency, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await service.createAgency(deps, actorOf(request), request.body, requestContext(request))));

  app.patch('/agencies/:id', {
    config: { access: officials },
    schema: { tags: ['registry'], summary: '修改机构 · update an agency', params: s.idParam, body: s.agencyUpdate, response: { 200: s.agency, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.updateAgency(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  // staff roster -------------------------------------------------------------------------------
  app.get('/agencies/:id/staff', {
    config: { access: rosterReaders },
    schema: { tags: ['registry'], summary: '员工花名册 · an agency\'s staff', params: s.idParam, querystring: s.staffQuery, response: { 200: s.staffPage, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.listStaff(deps, actorOf(request), request.params.id, request.query));

  app.post('/agencies/:id/staff', {
    config: { access: ['agency_admin'] },
    schema: { tags: ['registry'], summary: '添加员工 · add a staff member', params: s.idParam, body: s.staffCreate, response: { 201: s.staffMember, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await service.addStaff(deps, actorOf(request), request.params.id, request.body, requestContext(request))));

  app.patch('/agencies/:id/staff/:staffId', {
    config: { access: ['agency_admin'] },
    schema: { tags: ['registry'], summary: '修改员工 · update a staff member', params: s.staffParam, body: s.staffUpdate, response: { 200: s.staffMember, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.updateStaff(deps, actorOf(request), request.params.id, request.params.staffId, request.body, requestContext(request)));

  app.post('/agencies/:id/staff/import', {
    config: { access: ['agency_admin'] },
    // the body is a file: the upload limit (every other route keeps the small JSON limit)
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['registry'],
      summary: '导入花名册 · import a roster (.xlsx as the request body); a file with bad rows is rejected whole',
      params: s.idParam,
      consumes: [XLSX_TYPE],
      response: { 200: s.importResult, ...errorResponses(400, 401, 403, 404, 413, 415, 503) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    await service.getAgencyRow(deps, actor.scope, request.params.id); // 404 before reading the file
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type', { types: '.xlsx' });
    const rows = await parseRoster(body, localeOf(request));
    return { imported: await service.importStaff(deps, actor, request.params.id, rows, requestContext(request)) };
  });

  app.get('/agencies/:id/staff/export.xlsx', {
    config: { access: rosterReaders },
    schema: { tags: ['registry'], summary: '导出花名册 · export the roster (ID and phone numbers masked)', params: s.idParam, response: { ...xlsxResponse, ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    const { agency, rows } = await service.exportStaff(deps, actorOf(request), request.params.id, requestContext(request));
    const file = await rosterExport(rows);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${agency.name}-花名册.xlsx`)).send(file);
  });

  app.get('/agencies/:id/staff/template.xlsx', {
    config: { access: rosterReaders },
    schema: { tags: ['registry'], summary: '花名册模板 · empty roster template', params: s.idParam, response: { ...xlsxResponse, ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    await service.getAgencyRow(deps, actorOf(request).scope, request.params.id);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('花名册模板.xlsx')).send(await rosterTemplate());
  });

  // employers ----------------------------------------------------------------------------------
  app.get('/employers', {
    config: { access: employerListReaders },
    schema: { tags: ['registry'], summary: '用人单位列表 · employers in scope (an agency: those that authorised it)', querystring: s.employersQuery, response: { 200: s.employerPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listEmployers(deps, actorOf(request), request.query));

  app.get('/employers/:id', {
    config: { access: employerReaders, locate: (request) => service.locateEmployer(deps, Number((request.params as { id: string }).id)) },
    schema: { tags: ['registry'], summary: '用人单位详情 · one employer', params: s.idParam, response: { 200: s.employer, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getEmployer(deps, actorOf(request), request.params.id));

  app.post('/employers', {
    config: { access: officials },
    schema: { tags: ['registry'], summary: '登记用人单位 · register an employer', body: s.employerCreate, response: { 201: s.employer, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await service.createEmployer(deps, actorOf(request), request.body, requestContext(request))));

  app.patch('/employers/:id', {
    config: { access: officials },
    schema: { tags: ['registry'], summary: '修改用人单位（含防疫物资生产企业标记）· update an employer, incl. the epidemic-supplies flag', params: s.idParam, body: s.employerUpdate, response: { 200: s.employer, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.updateEmployer(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  // employers' own registrations (issue 9; decision 0035) ------------------------------------
  app.post('/employer-registrations', {
    config: { access: ['seeker', 'employer'] },
    schema: { tags: ['registry'], summary: '用人单位自主登记 · an employer applies with its credit code and licence scan; its county approves', body: s.registrationCreate, response: { 201: s.registration, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await service.submitRegistration(deps, actorOf(request), request.body, requestContext(request))));

  app.get('/employer-registrations', {
    config: { access: [...OFFICIAL_ROLES, 'seeker', 'employer'] },
    schema: { tags: ['registry'], summary: '用人单位登记申请 · registrations in scope (applicants: their own)', querystring: s.registrationsQuery, response: { 200: s.registrationPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listRegistrations(deps, actorOf(request), request.query));

  app.get('/employer-registrations/:id', {
    config: { access: [...OFFICIAL_ROLES, 'seeker', 'employer'] },
    schema: { tags: ['registry'], summary: '登记申请详情 · one registration; officials also see every registration of the same code', params: s.idParam, response: { 200: s.registration, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getRegistration(deps, actorOf(request), request.params.id));

  app.post('/employer-registrations/:id/decision', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags: ['registry'], summary: '审核用人单位登记 · approve (the employer is created, the code claimed) or refuse with a reason; the applicant is told by SMS', params: s.idParam, body: s.registrationDecision, response: { 200: s.registration, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.decideRegistration(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  // employers' authorisations of agencies (人力资源市场暂行条例 第二十六条) -------------------
  app.get('/employers/me/authorisations', {
    config: { access: ['employer'] },
    schema: { tags: ['registry'], summary: '我单位的委托授权 · the agencies the employer authorised to recruit for it, live and revoked', response: { 200: s.employerAuthorisationList, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.listEmployerAuthorisations(deps, actorOf(request)));

  app.post('/employers/me/authorisations', {
    config: { access: ['employer'] },
    schema: { tags: ['registry'], summary: '委托人力资源服务机构代理招聘 · authorise an agency to recruit for the employer (a grant; the signed authorisation uploaded as an attachment)', body: s.employerAuthorisationCreate, response: { 201: s.employerAuthorisation, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.authoriseAgencyForEmployer(deps, actorOf(request), request.body, requestContext(request))));

  app.delete('/employers/me/authorisations/:id', {
    config: { access: ['employer'] },
    schema: { tags: ['registry'], summary: '撤销委托 · revoke an authorisation', params: s.idParam, body: noBody, response: { 204: z.null(), ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    await service.revokeEmployerAuthorisation(deps, actorOf(request), request.params.id, requestContext(request));
    return reply.status(204).send(null);
  });
};
