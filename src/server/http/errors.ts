// One error type with stable codes, one central handler, one response shape:
// { "error": { "code", "message", "details"? } } — message in the request's language, the field
// named, and 5xx text never leaking internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ErrorCode, type Locale, type MessageKey, isMessageKey, pickLocale, statusOf, t } from '../platform/i18n.ts';
import { labelAt } from '../platform/labels.ts';
import { JSON_BODY_LIMIT, UPLOAD_BODY_LIMIT } from './limits.ts';
import { platformFieldLabels } from '../platform/messages.ts';

export type ErrorDetail = { field?: string; row?: number; column?: string; message: string };

/** A detail before localisation: `message` is a message key or literal text. */
export type RawDetail = { field?: string; row?: number; column?: string; key: MessageKey | string; params?: Record<string, string | number> };

/**
 * A refusal with a stable code. Its HTTP status comes from the code (the catalogues' one
 * code → status table, platform/i18n.ts); `params` fill the message, `details` name fields or rows.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details: RawDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }

  get status(): number {
    return statusOf(this.code);
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const unauthenticated = (code: ErrorCode = 'unauthenticated') => new AppError(code);
export const fieldError = (field: string, key: MessageKey, params: Record<string, string | number> = {}) =>
  new AppError('validation_failed', {}, [{ field, key, params }]);

export function localeOf(request: FastifyRequest): Locale {
  return pickLocale(request.headers['accept-language']);
}

/**
 * A field's name in words: the label its schema carries (body, then query, then path parameters
 * of the route that answered), else a platform label, else the path as it is.
 */
export function fieldLabel(request: FastifyRequest | null, locale: Locale, path: string): string {
  const parts = path.split('.');
  const schema = request?.routeOptions.schema;
  const found = schema ? [schema.body, schema.querystring, schema.params].map((s) => labelAt(s, parts)).find(Boolean) : undefined;
  const label = found ?? (Object.hasOwn(platformFieldLabels, path) ? platformFieldLabels[path] : undefined);
  return label ? (locale === 'en' ? label.en : label.zh) : path;
}

function localiseDetail(request: FastifyRequest, locale: Locale, d: RawDetail): ErrorDetail {
  const text = isMessageKey(d.key) ? t(locale, d.key, d.params) : d.key;
  const out: ErrorDetail = { message: text };
  if (d.field !== undefined) {
    out.field = d.field;
    if (d.row === undefined) out.message = t(locale, 'field_error', { label: fieldLabel(request, locale, d.field), message: text });
  }
  if (d.row !== undefined) {
    out.row = d.row;
    out.column = d.column ?? '';
    out.message = t(locale, 'import_row_error', { row: d.row, column: d.column ?? '', message: text });
  }
  return out;
}

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

/** A zod issue in the request's language; our own refinements carry message keys. */
export function zodIssueDetail(locale: Locale, issue: z.core.$ZodIssue, prefix: string[] = []): RawDetail {
  const field = [...prefix, ...issue.path.map(String)].join('.');
  if (isMessageKey(issue.message)) return { field, key: issue.message };
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return { field, key: 'required' };
  const text = zodLocales[locale].localeError?.(issue as never);
  const message = typeof text === 'string' ? text : (text?.message ?? issue.message);
  return { field, key: message };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const locale = localeOf(request);
  const body: { error: { code: string; message: string; details?: ErrorDetail[] } } = {
    error: { code: err.code, message: t(locale, err.code, err.params) },
  };
  if (err.details.length) body.error.details = err.details.map((d) => localiseDetail(request, locale, d));
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  return reply.status(err.status).send(body);
}

/** `notFound: false` when the caller sets its own not-found handler (the web UI's index.html fallback). */
export function registerErrorHandler(app: FastifyInstance, opts: { notFound?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const locale = localeOf(request);
      // an issue about the whole body or query (an array, null) names that part
      const whole = error.validationContext === 'body' || !error.validationContext ? ['body'] : [error.validationContext];
      const details = error.validation.flatMap((v): RawDetail[] => {
        const path = v.instancePath.split('/').filter(Boolean);
        // a field the route does not take: one detail per field, named
        const unknown = v.keyword === 'unrecognized_keys' ? ((v.params as { keys?: string[] }).keys ?? []) : [];
        // (a key that is empty is shown as "" so the detail still names something)
        if (unknown.length) return unknown.map((k) => ({ field: [...path, k === '' ? '""' : k].join('.'), key: 'unknown_field' }));
        return [zodIssueDetail(locale, { ...(v.params as object), code: v.keyword, message: v.message, path: path.length ? path : whole } as unknown as z.core.$ZodIssue)];
      });
      return sendError(request, reply, new AppError('validation_failed', {}, details));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      const json = String(request.headers['content-type'] ?? '').includes('json');
      return sendError(request, reply, new AppError('payload_too_large', { limit: `${(json ? JSON_BODY_LIMIT : UPLOAD_BODY_LIMIT) / 1024 / 1024} MB` }));
    }
    // a route that takes a file says which file; a JSON route says it wants JSON
    if (status === 415) return sendError(request, reply, new AppError(takesFile(request) ? 'unsupported_media_type' : 'json_expected'));
    if (status === 429) return sendError(request, reply, new AppError('rate_limited'));
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx (malformed JSON, bad content type): say so in the user's language,
      // naming the body as the field and no internals.
      request.log.info({ err: error }, 'malformed request');
      return sendError(request, reply, new AppError('validation_failed', {}, [{ field: 'body', key: 'malformed_request' }]));
    }
    if (isRejectedValue(error)) {
      // a value PostgreSQL cannot take as typed (invalid text, number out of range, a date that is
      // none) slipped past validation: the caller's mistake, never a 500
      request.log.warn({ err: error }, 'value refused by the database');
      return sendError(request, reply, new AppError('validation_failed', {}, [{ field: 'body', key: 'malformed_request' }]));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(request, reply, new AppError('service_unavailable', {}, [], { 'retry-after': '5' }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, new AppError('internal_error'));
  });

  if (opts.notFound !== false) app.setNotFoundHandler((request, reply) => sendError(request, reply, notFound()));
}

/** The route takes an uploaded file as its body (its schema names the content types it consumes). */
export function takesFile(request: FastifyRequest): boolean {
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  return Array.isArray(consumes) && consumes.length > 0;
}

/** PostgreSQL data exceptions caused by a value (class 22): bad text encoding, out of range, invalid syntax, bad datetime. */
function isRejectedValue(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && ['22021', '22P02', '22003', '22007', '22008', '22P05', '22001'].includes(code);
}

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  const msg = String((error as { message?: string }).message ?? '');
  return (
    code === 'ECONNREFUSED' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    /Connection terminated|timeout exceeded when trying to connect/.test(msg)
  );
}
