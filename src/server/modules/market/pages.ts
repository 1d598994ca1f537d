// The market's server-rendered pages (issue 9: crawlers and feed consumers run no JavaScript): a
// posting's public page at its printed address /m/jobs/{code} (docs/urls.md), with its JobPosting
// markup while it is open. It answers before the phone shell's fallback for other /m/ paths.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { renderPublicPostingPage } from './postings.service.ts';

export const marketPages = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/m/jobs/:code', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ code: z.string().max(64) }) },
  }, async (request, reply) => {
    const html = await renderPublicPostingPage(deps, request.params.code);
    // a code that names no public posting: the phone shell answers, as for any /m/ path (docs/urls.md)
    if (html === null) return reply.callNotFound();
    // a changed posting shows at once; crawlers revalidate
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
};
