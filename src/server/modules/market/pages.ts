// The market's server-rendered pages (issue 9: crawlers and feed consumers run no JavaScript): a
// posting's public page at /jobs/{id}, with its JobPosting markup while it is open.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import * as s from './schemas.ts';
import { renderPublicPostingPage } from './postings.service.ts';

export const marketPages = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/jobs/:id', {
    config: { access: 'public' },
    schema: { hide: true, params: s.postingParam },
  }, async (request, reply) => {
    const html = await renderPublicPostingPage(deps, request.params.id);
    // a changed posting must show at once; crawlers revalidate
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
};
