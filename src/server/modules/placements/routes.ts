import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { UPLOAD_BODY_LIMIT } from '../../http/limits.ts';
import { errorResponses } from '../../http/openapi.ts';
import { XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const tags = ['placements'];
const AGENCY_SIDE = ['agency_admin', 'agency_staff'] as const;
/** Officials (their divisions), the employer (its own), the agency (those it recorded). */
const readers = [...OFFICIAL_ROLES, 'employer', ...AGENCY_SIDE] as const;

/** Verified placements (issue 13 M6, decision 0051). */
export const placementsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/placements', {
    config: { access: readers },
    schema: { tags, summary: '就业记录列表 · placements in scope with their status (officials: their divisions, status=confirmed awaits verification; employer: its own; agency: those it recorded, every county); ID numbers masked', querystring: s.placementsQuery, response: { 200: s.placementPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listPlacements(deps, actorOf(request), request.query));

  app.get('/placements/counts', {
    config: { access: readers },
    schema: { tags, summary: '就业记录统计 · placements per agency and status (verified ones count for the agency)', response: { 200: s.placementCounts, ...errorResponses(401, 403) } },
  }, async (request) => service.placementCounts(deps, actorOf(request)));

  app.post('/placements', {
    config: { access: AGENCY_SIDE },
    schema: { tags, summary: '登记推荐就业 · the agency records a placement for an application it referred that reached hired; the employer is asked to confirm', body: s.recordBody, response: { 201: s.placementDetail, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.recordPlacement(deps, actorOf(request), request.body, requestContext(request))));

  app.post('/placements/insurance/import', {
    config: { access: OFFICIAL_ROLES },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags,
      summary: '导入参保明细 · import the human-resources bureau\'s monthly insurance rows (.xlsx body: 身份证号, 单位统一社会信用代码, 参保年月, 险种); a file with bad rows is refused whole; rows matched to confirmed placements in scope, unmatched rows reported; placements insured a month since the contract start become verified',
      consumes: [XLSX_TYPE],
      response: { 200: s.insuranceImportResult, ...errorResponses(400, 401, 403, 413, 415, 503) },
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type', { types: '.xlsx' });
    return service.importInsurance(deps, actorOf(request), body, requestContext(request));
  });

  app.get('/placements/:id', {
    config: { access: readers },
    schema: { tags, summary: '就业记录详情 · one placement with its insurance rows and the named rules evaluated on them', params: s.placementParam, response: { 200: s.placementDetail, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getPlacement(deps, actorOf(request), request.params.id));

  app.post('/placements/:id/confirm', {
    config: { access: ['employer'] },
    schema: { tags, summary: '单位确认录用 · the employer confirms the hire: contract start, a labour contract (dispatch refused), the worker\'s ID number', params: s.placementParam, body: s.confirmBody, response: { 200: s.placementDetail, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.confirmPlacement(deps, actorOf(request), request.params.id, request.body, requestContext(request)));
};
