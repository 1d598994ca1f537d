import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { DESK_ROLES } from './access.ts';
import { deskWorkbook } from './desk-sheet.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const tags = ['oversight'];
const xlsxResponse = { 200: z.any().describe('Excel workbook (.xlsx)') };

export const oversightRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/prevention/desk', {
    config: { access: DESK_ROLES },
    schema: {
      tags,
      summary: '防控监管 · the prevention desk of a division in the jurisdiction: per division or agency below it, check-in completion, incidents by stage and lateness, gaps and who answers for them (no daily values)',
      querystring: s.deskQuery,
      response: { 200: s.desk, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => service.openDesk(deps, actorOf(request), request.query));

  app.get('/prevention/desk/export.xlsx', {
    config: { access: DESK_ROLES },
    schema: { tags, summary: '导出防控监管表 · the desk as an Excel workbook (overview, incidents, gaps)', querystring: s.deskQuery, response: { ...xlsxResponse, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const d = await service.exportDesk(deps, actorOf(request), request.query, requestContext(request));
    const file = await deskWorkbook(d);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`防控监管-${d.division.name}-${d.day}.xlsx`)).send(file);
  });

  app.get('/prevention/desk/map', {
    config: { access: DESK_ROLES },
    schema: { tags, summary: '防控监管地图 · outlines of the divisions below one in the jurisdiction, with their current codes', querystring: s.mapQuery, response: { 200: s.deskMap, ...errorResponses(400, 401, 403, 404, 503) } },
  }, async (request) => service.deskMapOf(deps, actorOf(request), request.query.division));
};
