// OpenAPI 3.1 wiring: schemas come from the routes' zod schemas; the document is served at
// /api/openapi.json and rendered at /api/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from './auth.ts';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string().optional(), row: z.number().optional(), column: z.string().optional(), message: z.string() })).optional(),
    }),
  })
  // one component (#/components/schemas/Error) that every error response refers to
  .meta({ id: 'Error' });

/** Response entries for the error statuses a route can answer, all with the one error shape. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody])) as Record<S, typeof errorBody>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error statuses every route can answer because of the layers in front of its handler, in the
 * one error shape: 400 (a NUL anywhere, a malformed body or parameter), 429 (rate limits), 500 and
 * 503 (a fault, the database or the password verifier unavailable); on writes 403 (no
 * X-Requested-With), 413 (body too large) and 415 (content type); 401 unless the route is public;
 * 403 when only some roles may call it; 404 when its path names a row. A route lists the statuses
 * of its own rules (409, 423, …) in its schema; both end up in the OpenAPI document, and the API
 * fuzzer (test/fuzz) fails on any answer whose status the document does not list.
 */
export function genericErrorStatuses(route: { method: string | string[]; url: string; config?: { access?: Access }; schema?: FastifySchema }): number[] {
  if (!route.url.startsWith('/api/v1/')) return [];
  const methods = [route.method].flat().map((m) => m.toUpperCase());
  const access = route.config?.access;
  const out = new Set([400, 429, 500, 503]);
  if (methods.some((m) => WRITES.has(m))) for (const s of [403, 413, 415]) out.add(s);
  if (access !== 'public') out.add(401);
  if (Array.isArray(access)) out.add(403);
  if (route.schema?.params || route.url.includes('/:')) out.add(404);
  return [...out].sort((a, b) => a - b);
}

/** The route's schema with the generic error responses added (its own declarations win). */
function withGenericErrors(schema: FastifySchema, route: RouteOptions): FastifySchema {
  if (!schema || (schema as { hide?: boolean }).hide) return schema;
  const statuses = genericErrorStatuses({ method: route.method, url: route.url, config: route.config as { access?: Access } | undefined, schema });
  if (!statuses.length) return schema;
  const own = (schema.response ?? {}) as Record<string, unknown>;
  // a route whose body is a file (it names the types it consumes, and no JSON body) documents it as binary
  const consumes = (schema as { consumes?: string[] }).consumes;
  const file = consumes?.length && !schema.body ? { body: z.string().meta({ format: 'binary', description: 'the file, as the request body' }) } : {};
  return { ...schema, ...file, response: { ...errorResponses(...statuses), ...own } };
}

/**
 * A write that takes no fields (http/bodies.ts noBody) may be sent without a body: its requestBody
 * — an object with no properties and no others allowed — is marked not required, so generated
 * clients need not send `{}`.
 */
function optionalEmptyBodies<T>(doc: T): T {
  const paths = (doc as { paths?: Record<string, Record<string, { requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> } }>> }).paths ?? {};
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (op.requestBody && schema?.type === 'object' && schema.additionalProperties === false && Object.keys((schema.properties as object | undefined) ?? {}).length === 0) {
        op.requestBody.required = false;
      }
    }
  }
  return doc;
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
    transformObject: (doc) => optionalEmptyBodies(jsonSchemaTransformObject(doc)),
    transform: ({ schema, url, route, ...document }) => jsonSchemaTransform({ schema: withGenericErrors(schema, route), url, route, ...document }),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
