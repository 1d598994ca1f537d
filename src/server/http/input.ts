// Guards every request's input before schema validation. Today: a NUL character anywhere in a body
// or query string (PostgreSQL text cannot hold one, so it would surface as a 500) is refused with a
// 400 naming the field. The hardening issue's input layer (normalisation, typed parsers) grows here.
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/** The path of the first string containing U+0000 inside `value` ('' for the value itself), or null. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000')) return [...path, k];
    const found = findNul(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.query, request.params, request.body]) {
      const at = findNul(part);
      if (at) throw new AppError('validation_failed', {}, [{ field: at.length ? at.join('.') : 'body', key: 'contains_nul' }]);
    }
  });
}
