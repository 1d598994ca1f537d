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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function messageOf(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = body.error;
    if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message;
  }
  return `HTTP ${status}`;
}

/** Awaits an openapi-fetch call; returns its body, or throws an ApiError with the server's message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ApiError(response.status, messageOf(response.status, error));
  return data;
}

/** Like unwrap, for answers without a body worth reading (202, 204). */
export async function expectOk(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, messageOf(response.status, error));
}

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
