// Job alerts' routes outside the API (decision 0047): the one-tap unsubscribe page a digest links to
// (/m/alerts/unsubscribe?t=…: a GET shows it and changes nothing, its button POSTs), and the webhook
// an SMS provider posts replies to (/hooks/sms/inbound: signed, off unless a secret is configured;
// outside /api/v1 since a provider sends no X-Requested-With). Public: the token or the signature
// is the proof.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requestContext } from '../../http/auth.ts';
import { AppError, sendError } from '../../http/errors.ts';
import { handleReply, replySignatureHolds } from './replies.service.ts';
import { unsubscribeByToken, unsubscribeState } from './subscriptions.service.ts';
import { renderUnsubscribePage, UNSUBSCRIBE_PATH } from './unsubscribe-page.ts';

/** A token as posted or linked: bounded well past its length (an account id and 32 hex digits). */
const token = z.string().max(200).optional();

const replyBody = z.object({
  messageId: z.string().min(1).max(200),
  phone: z.string().min(1).max(40),
  text: z.string().max(1000),
  /** When the provider received it (ISO 8601); the clock's now when left out. */
  receivedAt: z.string().datetime({ offset: true }).optional(),
});

export const alertsPages = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // the page's button posts a plain form (this plugin only: the API takes JSON)
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const page = (reply: import('fastify').FastifyReply, status: number, html: string) => reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);

  // link previewers fetch links: a GET only shows the button
  app.get(UNSUBSCRIBE_PATH, {
    config: { access: 'public' },
    schema: { hide: true, querystring: z.object({ t: token }).passthrough() },
  }, async (request, reply) => {
    const t = request.query.t;
    const state = await unsubscribeState(deps, t);
    if (state === 'invalid') return page(reply, 400, renderUnsubscribePage({ kind: 'invalid' }));
    return page(reply, 200, renderUnsubscribePage(state === 'confirm' ? { kind: 'confirm', token: t as string } : { kind: 'already' }));
  });

  app.post(UNSUBSCRIBE_PATH, {
    config: { access: 'public' },
    schema: { hide: true, body: z.object({ t: token }).passthrough().optional() },
  }, async (request, reply) => {
    const outcome = await unsubscribeByToken(deps, request.body?.t, requestContext(request));
    if (outcome === 'invalid') return page(reply, 400, renderUnsubscribePage({ kind: 'invalid' }));
    return page(reply, 200, renderUnsubscribePage({ kind: outcome }));
  });

  // an SMS provider's replies (上行短信): signed; off (404) without YUNQIAO_SMS_INBOUND_SECRET
  app.post('/hooks/sms/inbound', {
    config: { access: 'public', limit: false },
    schema: { hide: true, body: replyBody },
  }, async (request, reply) => {
    const secret = deps.config.smsInbound.webhookSecret;
    if (!secret) return reply.callNotFound();
    const h = { timestamp: request.headers['x-yunqiao-timestamp'] as string | undefined, signature: request.headers['x-yunqiao-signature'] as string | undefined };
    if (!replySignatureHolds(secret, deps.clock.now(), h, request.body)) return sendError(request, reply, new AppError('alerts_inbound_signature'));
    const b = request.body;
    const outcome = await handleReply(deps, { source: 'webhook', id: b.messageId, phone: b.phone, text: b.text, at: b.receivedAt ? new Date(b.receivedAt) : deps.clock.now() });
    return reply.status(200).send({ outcome });
  });
};
