import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/auth.ts';
import { errorResponses } from '../../http/openapi.ts';
import { cursorPart, decodeCursor, toPage } from '../../http/pagination.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import { listAudit } from './service.ts';
import * as s from './schemas.ts';

// audit entries of events with no place sit under 000000, which the division-code part admits
const cursor = z.tuple([cursorPart.timestamp, cursorPart.divisionCode, cursorPart.id]);

export const auditRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/audit', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags: ['audit'], summary: '审计日志 · audit trail of the jurisdiction, newest first; each entry as soon as its change commits', querystring: s.auditQuery, response: { 200: s.auditPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const q = request.query;
    const c = decodeCursor(q.cursor, cursor);
    const rows = await listAudit(deps.db, actorOf(request), {
      limit: q.limit,
      action: q.action,
      before: c ? { at: new Date(c[0]), division: c[1], id: c[2] } : undefined,
    });
    return toPage(
      rows,
      q.limit,
      (r) => ({
        divisionCode: r.division_code,
        id: r.id,
        chained: r.seq !== null,
        seq: r.seq,
        at: r.at.toISOString(),
        actor: r.actor_username,
        actorRole: r.actor_role,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        outcome: r.outcome,
        requestId: r.request_id,
        ip: r.ip,
        personalErased: r.personal_erased,
      }),
      (r) => [r.at.toISOString(), r.division_code, r.id],
    );
  });
};
