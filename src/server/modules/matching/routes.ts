import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const tags = ['matching'];

export const matchingRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // the seeker themself and agencies serving them (a live authorisation); others 404 (decision 0046)
  app.get('/matches/for-seeker/:id', {
    config: { access: ['seeker', 'agency_admin', 'agency_staff'] },
    schema: {
      tags,
      summary: '为求职者推荐职位 · the best current postings for a job seeker, each with its score in [0, 1] and its reasons; empty with recommendations: false when the seeker switched automated recommendations off (PIPL art. 24)',
      params: s.idParam,
      querystring: s.matchesQuery,
      response: { 200: s.seekerMatches, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return service.forSeeker(deps, actorOf(request), request.params.id, request.query.limit, requestContext(request).locale);
  });

  // the posting's employer and an agency administrator acting for it; others 404
  app.get('/matches/for-posting/:id', {
    config: { access: ['employer', 'agency_admin'] },
    schema: {
      tags,
      summary: '为职位推荐求职者 · the best job seekers for a posting among those who let employers see them or authorised the calling agency, recommendations on; score and reasons',
      params: s.idParam,
      querystring: s.matchesQuery,
      response: { 200: s.postingMatches, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return service.forPosting(deps, actorOf(request), request.params.id, request.query.limit, requestContext(request).locale);
  });
};
