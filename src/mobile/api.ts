// The phone shell's API client: openapi-fetch over the same generated OpenAPI types as the desks,
// with the two headers every call carries (the CSRF guard on writes, the UI language so server
// messages come back localised). Errors carry the server's already-localised message.
import createClient from 'openapi-fetch';
import type { paths } from '../web/api/schema.d.ts';
import { currentLanguage } from './i18n/index.ts';

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use({
  onRequest({ request }) {
    request.headers.set('X-Requested-With', 'yunqiao');
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
});

/**
 * A non-2xx answer: the server's code (`id_tail_required`, `validation_failed`, …) and its
 * already-localised message; `fields` the per-field messages of its details, by the field's last
 * name ('body.newPassword' → 'newPassword'; a list's item by the list's name).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function toApiError(status: number, body: unknown): ApiError {
  const e = isRecord(body) && isRecord(body.error) ? body.error : {};
  const fields: Record<string, string> = {};
  for (const d of Array.isArray(e.details) ? e.details : []) {
    if (!isRecord(d) || typeof d.field !== 'string' || typeof d.message !== 'string') continue;
    // an item of a list names the list ('body.desiredDivisions.0' → 'desiredDivisions')
    const name = d.field.split(/[./]/).filter((p) => p && !/^\d+$/.test(p)).pop() ?? d.field;
    fields[name] ??= d.message;
  }
  return new ApiError(status, typeof e.code === 'string' ? e.code : `http_${status}`, typeof e.message === 'string' ? e.message : `HTTP ${status}`, fields);
}

/** Awaits an openapi-fetch call; returns its body, or throws an ApiError with the server's message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw toApiError(response.status, error);
  return data;
}

/** Like unwrap, for answers without a body worth reading (202, 204). */
export async function expectOk(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
}

/** The message of anything thrown. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type Membership = Me['memberships'][number];
