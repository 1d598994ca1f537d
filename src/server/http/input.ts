// Guards every request's input before schema validation. Today: a NUL character anywhere in a body
// or query string (PostgreSQL text cannot hold one, so it would surface as a 500) is refused with a
// 400 naming the field. The hardening issue's input layer (normalisation, typed parsers) grows here.
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from './errors.ts';
import { JSON_BODY_LIMIT, MAX_JSON_DEPTH } from './limits.ts';

/** The path of the first string containing U+0000 inside `value` ('' for the value itself), or null. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  // a file body (an uploaded .xlsx) holds bytes, not fields: walking its 10 million indexes would
  // build gigabytes of entries and hold the event loop for a minute
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000')) return [...path, k];
    const found = findNul(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}


/**
 * The deepest nesting of objects and arrays in a JSON text, counted without parsing (strings
 * skipped), stopping as soon as `limit` is passed: a body of a million `[` costs one pass, not a
 * parser's stack.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/**
 * JSON bodies: at most JSON_BODY_LIMIT bytes and MAX_JSON_DEPTH levels, parsed by
 * secure-json-parse (Fastify's own parser, refusing __proto__ and constructor.prototype keys).
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return done(new AppError('validation_failed', {}, [{ field: 'body', key: 'too_deep', params: { max: MAX_JSON_DEPTH } }]), undefined);
    try {
      done(null, sjson.parse(text, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(new AppError('validation_failed', {}, [{ field: 'body', key: 'malformed_request' }]), undefined);
    }
  });
}

/**
 * The field a NUL found at `path` inside request part `part` is reported under: the path's keys
 * joined with dots, or the part's name when that names nothing (the part itself, or a key that is
 * the empty string: `{"": "\u0000"}` must still name a field).
 */
export function nulField(path: readonly string[], part: 'query' | 'params' | 'body'): string {
  return path.join('.') || part;
}

export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [name, part] of [['query', request.query], ['params', request.params], ['body', request.body]] as const) {
      const at = findNul(part);
      if (at) throw new AppError('validation_failed', {}, [{ field: nulField(at, name), key: 'contains_nul' }]);
    }
  });
}
