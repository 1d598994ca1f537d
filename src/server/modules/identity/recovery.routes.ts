// Routes of recovery.service.ts: unlocking an account, moving a person to a new phone, a password
// reset by SMS code. Registered by routes.ts beside the sign-in routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as recovery from './recovery.service.ts';
import * as schemas from './schemas.ts';
import { refuseWhenVerifiersBusy } from './service.ts';
import { noBody } from '../../http/bodies.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** Officials and agency administrators unlock the people below them (policy.overseenThrough). */
const UNLOCKERS = ['province', 'prefecture', 'county', 'agency_admin'] as const;
/** A county office moves a person to a new phone; the prefecture and the province may too. */
const PHONE_MOVERS = ['province', 'prefecture', 'county'] as const;

export function registerRecoveryRoutes(app: App, deps: Deps): void {
  const tags = ['identity'];

  app.post('/auth/password-reset', {
    config: { access: 'public', selfAudited: true, limit: 'signIn' },
    schema: { tags, summary: '短信验证码重设密码 · set a new password with an SMS code (purpose password_reset)', body: schemas.passwordResetBody, response: { 204: z.null(), ...errorResponses(400, 401, 423, 429, 503) } },
    // the current password is checked against the new one: argon2, under the verifier cap
    onRequest: async () => refuseWhenVerifiersBusy(deps),
  }, async (request, reply) => {
    await recovery.resetPassword(deps, request.body, requestContext(request));
    return reply.status(204).send(null);
  });

  app.post('/accounts/:id/unlock', {
    config: { access: UNLOCKERS },
    schema: { tags, summary: '解锁账号 · unlock the account of a person below me (clears its failed sign-ins)', params: schemas.accountParam, body: noBody, response: { 200: schemas.unlockResponse, ...errorResponses(401, 403, 404) } },
  }, async (request) => recovery.unlockAccount(deps, actorOf(request), request.params.id, requestContext(request)));

  app.post('/accounts/:id/phone', {
    config: { access: PHONE_MOVERS },
    schema: { tags, summary: '更换手机号 · move a person to a new phone (ends their sessions and remembered devices)', params: schemas.accountParam, body: schemas.changePhoneBody, response: { 200: schemas.changePhoneResponse, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => recovery.changePhone(deps, actorOf(request), request.params.id, request.body.phone, requestContext(request)));
}
