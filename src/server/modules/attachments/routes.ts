import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { UPLOAD_BODY_LIMIT } from '../../http/limits.ts';
import { errorResponses } from '../../http/openapi.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const tags = ['attachments'];
/** Who uploads: employers and people registering one (any signed-in seeker), agencies (paper consents). */
const uploaders = ['seeker', 'employer', 'agency_admin'] as const;
const readers = [...OFFICIAL_ROLES, ...uploaders] as const;

export const attachmentsRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.post('/attachments', {
    config: { access: uploaders },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags,
      summary: '上传附件 · upload a file (PDF, JPEG or PNG as the raw request body; type judged from its bytes; at most 5 MiB)',
      querystring: s.uploadQuery,
      consumes: s.UPLOAD_CONTENT_TYPES,
      response: { 201: s.attachment, ...errorResponses(400, 401, 403, 413, 415) },
    },
  }, async (request, reply) => reply.status(201).send(await service.upload(deps, actorOf(request), request.query, request.body as Buffer, requestContext(request))));

  app.get('/attachments/:id', {
    config: { access: readers },
    schema: { tags, summary: '附件信息 · an attachment\'s description (officials of its county and above; its uploader)', params: s.idParam, response: { 200: s.attachment, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.describe(deps, actorOf(request), request.params.id));

  app.get('/attachments/:id/content', {
    config: { access: readers },
    schema: { tags, summary: '下载附件 · the file itself; every read is audited', params: s.idParam, response: { 200: z.any().describe('the file (PDF, JPEG or PNG)'), ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    const file = await service.read(deps, actorOf(request), request.params.id, requestContext(request));
    reply.header('content-type', file.mediaType);
    reply.header('content-disposition', 'attachment');
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(file.content);
  });
};
