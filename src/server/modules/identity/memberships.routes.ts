// Routes of memberships.service.ts: who holds which membership in a reach (list, export), and the
// officials above giving, disabling and enabling them (decision 0024). Registered by routes.ts
// beside the sign-in routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import { membershipSheet } from './memberships-sheet.ts';
import * as memberships from './memberships.service.ts';
import * as schemas from './schemas.ts';
import { noBody } from '../../http/bodies.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** Who reads the memberships in a reach: officials (their division subtree), agency administrators (their agency's). */
const membershipReaders = [...OFFICIAL_ROLES, 'agency_admin'] as const;

export function registerMembershipRoutes(app: App, deps: Deps): void {
  const tags = ['identity'];

  app.get('/memberships', {
    config: { access: membershipReaders },
    schema: { tags, summary: '账号与身份 · who holds which membership in my reach (phones masked)', querystring: schemas.membershipsQuery, response: { 200: schemas.membershipPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => memberships.listMemberships(deps, actorOf(request), request.query));

  app.get('/memberships/export.xlsx', {
    config: { access: membershipReaders },
    schema: { tags, summary: '导出账号与身份 · export the memberships in my reach to Excel', querystring: schemas.membershipsQuery.omit({ limit: true, cursor: true }), response: { 200: z.any().describe('Excel workbook (.xlsx)'), ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const rows = await memberships.exportMemberships(deps, actorOf(request), request.query, requestContext(request));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('账号与身份.xlsx')).send(await membershipSheet(rows));
  });

  app.post('/memberships', {
    config: { access: OFFICIAL_ROLES },
    schema: {
      tags,
      summary: '开设身份 · give a membership below my level in my reach to the person of a phone (created when new; a one-time password shown once)',
      body: schemas.membershipCreateBody,
      response: { 201: schemas.membershipCreated, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await memberships.createMembership(deps, actorOf(request), request.body, requestContext(request))));

  app.post('/memberships/:id/disable', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '停用身份 · disable a membership below my level (its sessions end)', params: schemas.membershipIdParam, body: noBody, response: { 200: schemas.membershipItem, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => memberships.setMembershipStatus(deps, actorOf(request), request.params.id, 'disabled', requestContext(request)));

  app.post('/memberships/:id/enable', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '启用身份 · enable a membership below my level', params: schemas.membershipIdParam, body: noBody, response: { 200: schemas.membershipItem, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => memberships.setMembershipStatus(deps, actorOf(request), request.params.id, 'active', requestContext(request)));
}
