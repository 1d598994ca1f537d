// OpenAPI 3.1 wiring: schemas come from the routes' zod schemas; the document is served at
// /api/openapi.json and rendered at /api/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), row: z.number().optional(), column: z.string().optional(), message: z.string() })).optional(),
  }),
});

/** Response entries for the error statuses a route can answer, all with the one error shape. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody])) as Record<S, typeof errorBody>;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '云桥 yunqiao API',
        version: '1',
        description:
          'HR service platform for epidemic times. Cookie session (POST /api/v1/auth/login); every write needs the header `X-Requested-With`. Errors: `{ "error": { "code", "message", "details"? } }`, messages in the Accept-Language (zh-CN default, en).',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yq_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
