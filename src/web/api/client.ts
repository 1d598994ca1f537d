// The typed API client: openapi-fetch over the generated OpenAPI types, plus the two headers every
// call carries (CSRF guard on writes, the UI language for localized error messages).
import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n/index.ts';
import type { paths } from './schema.d.ts';

export const REQUESTED_WITH = 'yunqiao';

function commonHeaders(headers: Headers): void {
  headers.set('X-Requested-With', REQUESTED_WITH);
  headers.set('Accept-Language', currentLanguage());
}

const headersMiddleware: Middleware = {
  onRequest({ request }) {
    commonHeaders(request.headers);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(headersMiddleware);

/** One field-level (or spreadsheet-cell-level) problem reported by the server. */
export type ErrorDetail = { field?: string; message: string; row?: number; column?: string };

/** A non-2xx answer, carrying the server's already-localized message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function toDetail(d: unknown): ErrorDetail | null {
  if (!isRecord(d) || typeof d.message !== 'string') return null;
  const out: ErrorDetail = { message: d.message };
  if (typeof d.field === 'string') out.field = d.field;
  if (typeof d.row === 'number') out.row = d.row;
  if (typeof d.column === 'string') out.column = d.column;
  return out;
}

export function toApiError(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = err && typeof err.code === 'string' ? err.code : `http_${status}`;
  const message = err && typeof err.message === 'string' ? err.message : `HTTP ${status}`;
  const details = err && Array.isArray(err.details) ? err.details.map(toDetail).filter((d) => d !== null) : [];
  return new ApiError(status, code, message, details);
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an openapi-fetch call; returns its body or throws an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw toApiError(response.status, error);
  return data;
}

/** Like unwrap, for answers without a body (202, 204). */
export async function expectOk(call: Promise<Result<unknown>>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
}

/** Plain fetch with the same headers, for binary bodies (xlsx upload and download). */
export async function rawFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  commonHeaders(headers);
  const response = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw toApiError(response.status, body);
  }
  return response;
}

/** Builds "/api/v1/x?a=1" from a filter object, skipping empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
