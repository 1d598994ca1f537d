// Reference data over HTTP: divisions and code tables are public; the occupation import is the province's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { localeOf } from '../../http/errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

export const referenceRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // divisions & code tables: public reference data ---------------------------------------------
  app.get('/divisions', {
    config: { access: 'public' },
    schema: { tags: ['reference'], summary: '行政区划 · divisions (children of `parent`; the province without it)', querystring: s.divisionsQuery, response: { 200: s.divisionList, ...errorResponses(400) } },
  }, async (request) => {
    const rows = await service.listDivisions(deps, request.query.parent);
    return { items: rows.map((d) => ({ code: d.code, name: d.name, level: d.level as 'county', parentCode: d.parent_code })), next: null };
  });

  app.get('/code-tables/industries', {
    config: { access: 'public' },
    schema: { tags: ['reference'], summary: '国民经济行业分类 GB/T 4754-2017 · industries under `parent` (sections without it)', querystring: s.codeQuery, response: { 200: s.codeList } },
  }, async (request) => {
    const rows = await service.listIndustries(deps, request.query.parent);
    return { items: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })), next: null };
  });

  app.get('/code-tables/occupations', {
    config: { access: 'public' },
    schema: { tags: ['reference'], summary: '职业分类大典 (2022) · occupations under `parent` (major groups without it)', querystring: s.codeQuery, response: { 200: s.codeList } },
  }, async (request) => {
    const rows = await service.listOccupations(deps, request.query.parent);
    return { items: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })), next: null };
  });

  app.post('/code-tables/occupations/import', {
    config: { access: ['province'] },
    schema: { tags: ['reference'], summary: '导入职业分类大典全表 · import the full occupation table (code, name, parent)', body: s.occupationImportBody, response: { 200: s.importResult, ...errorResponses(400, 401, 403) } },
  }, async (request) => ({ imported: await service.importOccupations(deps, actorOf(request), request.body.rows, requestContext(request)) }));

  app.get('/code-tables/education-levels', {
    config: { access: 'public' },
    schema: { tags: ['reference'], summary: '学历 · education levels', response: { 200: s.educationList } },
  }, async (request) => {
    const en = localeOf(request) === 'en';
    const rows = await service.listEducationLevels(deps);
    return { items: rows.map((r) => ({ code: r.code, name: en ? r.name_en : r.name_zh, rank: r.rank })), next: null };
  });

};
