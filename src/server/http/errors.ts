// One error type with stable codes, one central handler, one response shape:
// { "error": { "code", "message", "details"? } } — message in the request's language, the field
// named, and 5xx text never leaking internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type ErrorCode, type Locale, type MessageKey, isMessageKey, pickLocale, statusOf, t } from '../platform/i18n.ts';
import { labelAt } from '../platform/labels.ts';
import { JSON_BODY_LIMIT } from './limits.ts';
import { platformFieldLabels } from '../platform/messages.ts';
import type { ColumnName } from '../platform/sheets/types.ts';

export type ErrorDetail = { field?: string; row?: number; column?: string; message: string };

/** A detail before localisation: `message` is a message key or literal text; `column` a sheet header as it stands, or a label per language. */
export type RawDetail = { field?: string; row?: number; column?: ColumnName; key: MessageKey | string; params?: Record<string, string | number>; /** The field's name in words when the route's schema does not carry it (a field of a stored row named by an action without a body). */ label?: { zh: string; en: string } };

/** A column's name in `locale`: a header as it stands ('身份证号'), a label in the user's language ('职业代码' / 'occupation code'). */
export function columnName(locale: Locale, column: ColumnName | undefined): string {
  if (column === undefined) return '';
  return typeof column === 'string' ? column : locale === 'en' ? column.en : column.zh;
}

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
    if (d.row === undefined) out.message = t(locale, 'field_error', { label: d.label ? (locale === 'en' ? d.label.en : d.label.zh) : fieldLabel(request, locale, d.field), message: text });
  }
  if (d.row !== undefined) {
    out.row = d.row;
    out.column = columnName(locale, d.column);
    // a problem of a whole record (a broken CSV line) names no column
    out.message = out.column ? t(locale, 'import_row_error', { row: d.row, column: out.column, message: text }) : t(locale, 'import_line_error', { row: d.row, message: text });
  }
  return out;
}

/** Zod's expected types in our words (never "string", "number", … in a clerk's message). */
const EXPECTED: Readonly<Record<string, MessageKey>> = {
  string: 'expected_text',
  number: 'expected_number',
  int: 'expected_integer',
  bigint: 'expected_integer',
  nan: 'expected_number',
  boolean: 'expected_boolean',
  array: 'expected_list',
  tuple: 'expected_list',
  set: 'expected_list',
  object: 'expected_fields',
  record: 'expected_fields',
  map: 'expected_fields',
  date: 'invalid_date',
  undefined: 'not_allowed_here',
  never: 'not_allowed_here',
  void: 'not_allowed_here',
};

/** Formats zod names in its invalid_format issues, in our words. */
const FORMATS: Readonly<Record<string, MessageKey>> = { date: 'invalid_date', datetime: 'invalid_datetime' };

const list = (locale: Locale, values: readonly unknown[]) => values.map((v) => (v === null ? 'null' : String(v))).join(locale === 'en' ? ', ' : '、');

/**
 * A missing value: the issue's own input when the parse reported inputs (our validator compiler
 * does), else zod's stock message, which says "received undefined" for a missing value.
 */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if ('input' in issue) return issue.input === undefined || issue.input === null;
  return /received (undefined|null)/.test(issue.message);
}

/**
 * A zod issue as a message key of our catalogue with its parameters: every issue code zod has is
 * mapped (too_small / too_big by what they measure, invalid_type by the type wanted, invalid_value
 * with the values allowed, …), so no message shows a regex, an English type word or "received
 * undefined" (a missing value is "必填" / "required"). Our own checks (platform/fields.ts, refine
 * with a message key) carry their key and parameters as they are.
 */
export function zodIssueDetail(locale: Locale, issue: z.core.$ZodIssue, prefix: string[] = []): RawDetail {
  const field = [...prefix, ...issue.path.map(String)].join('.');
  const detail = (key: MessageKey, params?: Record<string, string | number>): RawDetail => ({ field, key, ...(params ? { params } : {}) });
  if (isMessageKey(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params as Record<string, string | number> | undefined) : undefined;
    return detail(issue.message, params);
  }
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue)) return detail('required');
      return detail(EXPECTED[issue.expected] ?? 'invalid_value');
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        if (issue.exact) return detail('exact_length', { length: min });
        return min <= 1 ? detail('required') : detail('too_short', { min });
      }
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? detail('required') : detail('list_too_short', { min });
      if (issue.origin === 'date') return detail('invalid_date');
      return detail(issue.inclusive === false ? 'number_above' : 'number_at_least', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return detail(issue.exact ? 'exact_length' : 'too_long', issue.exact ? { length: max } : { max });
      if (issue.origin === 'array' || issue.origin === 'set') return detail('list_too_long', { max });
      if (issue.origin === 'date') return detail('invalid_date');
      return detail(issue.inclusive === false ? 'number_below' : 'number_at_most', { max });
    }
    case 'invalid_value':
      if (isMissing(issue)) return detail('required');
      return issue.values.length === 1 ? detail('must_equal', { value: list(locale, issue.values) }) : detail('one_of', { values: list(locale, issue.values) });
    case 'invalid_format':
      return detail(FORMATS[issue.format] ?? 'invalid_format');
    case 'not_multiple_of':
      return detail('not_multiple_of', { divisor: issue.divisor });
    case 'unrecognized_keys':
      return detail('unknown_field');
    case 'invalid_union':
      return isMissing(issue) ? detail('required') : detail('invalid_value');
    default:
      // invalid_key, invalid_element, custom without a key of ours
      return detail('invalid_value');
  }
}

/**
 * Fastify's validator for zod schemas (replaces fastify-type-provider-zod's): the same parse, with
 * the input reported on each issue so a missing value is told from a wrong one without reading
 * zod's English message. Refusals arrive at the error handler as a RequestInvalid.
 */
export function validatorCompiler({ schema, httpPart }: { schema: unknown; httpPart?: string }) {
  return (data: unknown) => {
    const result = z.safeParse(schema as z.ZodType, data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestInvalid(result.error.issues, httpPart ?? 'body') };
  };
}

/** A request part (body, querystring, params) that its schema refused: zod's issues, unlocalised. */
export class RequestInvalid extends Error {
  constructor(
    readonly issues: z.core.$ZodIssue[],
    readonly part: string,
  ) {
    super('request validation failed');
  }
}

/** One detail per issue of a refused request part; an unknown field is named one by one; an issue about the whole part names it. */
function requestInvalidDetails(locale: Locale, err: RequestInvalid): RawDetail[] {
  const whole = err.part === 'body' ? ['body'] : [err.part === 'querystring' ? 'query' : err.part];
  return err.issues.flatMap((issue): RawDetail[] => {
    // a field the route does not take: one detail per field, named (an empty key shown as "")
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: [...issue.path.map(String), k === '' ? '""' : k].join('.'), key: 'unknown_field' }));
    return [zodIssueDetail(locale, issue.path.length ? issue : { ...issue, path: whole })];
  });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const locale = localeOf(request);
  const body: { error: { code: string; message: string; details?: ErrorDetail[] } } = {
    error: { code: err.code, message: t(locale, err.code, err.params) },
  };
  // every 400 names what is wrong: a refusal of the whole request (a file that is no workbook, a
  // wrong header) names the file on routes that take one, else the body
  const details: RawDetail[] =
    err.details.length || err.status !== 400 ? err.details : [{ field: takesFile(request) ? 'file' : 'body', key: err.code, params: err.params }];
  if (details.length) body.error.details = details.map((d) => localiseDetail(request, locale, d));
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  return reply.status(err.status).send(body);
}

/** `notFound: false` when the caller sets its own not-found handler (the web UI's index.html fallback). */
export function registerErrorHandler(app: FastifyInstance, opts: { notFound?: boolean } = {}): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error);
    if (error instanceof RequestInvalid) return sendError(request, reply, new AppError('validation_failed', {}, requestInvalidDetails(localeOf(request), error)));
    const status = error.statusCode ?? 500;
    if (status === 413) {
      // the route's own limit: the upload limit on routes that take a file, the JSON limit elsewhere
      const limit = request.routeOptions?.bodyLimit ?? JSON_BODY_LIMIT;
      // a file is "too large a file"; a JSON body is a request too large
      return sendError(request, reply, new AppError(takesFile(request) ? 'payload_too_large' : 'body_too_large', { limit: `${limit / 1024 / 1024} MB` }));
    }
    // a route that takes a file says which file; a JSON route says it wants JSON
    if (status === 415) return sendError(request, reply, takesFile(request) ? new AppError('unsupported_media_type', { types: acceptedFileTypes(request) }) : new AppError('json_expected'));
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

/** File types by media type, as people know them. */
const FILE_TYPE_NAMES: Readonly<Record<string, string>> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'text/csv': '.csv',
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** The file types a route takes, from the media types its schema consumes, as people name them ('.xlsx'; 'PDF/JPEG/PNG'). */
export function acceptedFileTypes(request: FastifyRequest): string {
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
  const names = [...new Set(consumes.map((c) => FILE_TYPE_NAMES[c]).filter((n): n is string => n !== undefined))];
  return names.length ? names.join('/') : '.xlsx';
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
