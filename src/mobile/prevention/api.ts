// The phone pages' calls to the prevention routes of issue 8's contract that the generated API
// types may not hold yet (consent, symptoms): plain fetch with the shell's two headers. Answers come
// back as status and body; the server's message (already in the page's language) for errors.
import { currentLanguage } from '../i18n/index.ts';

export type Answer<T> = { status: number; ok: boolean; body: T | null; message: string };

type ErrorBody = { error?: { message?: string; details?: { message?: string }[] } };

/** `method path` with a JSON body; never throws for an HTTP status (a network failure throws). */
export async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      'X-Requested-With': 'yunqiao',
      'Accept-Language': currentLanguage(),
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await res.json().catch(() => null)) as (T & ErrorBody) | null;
  const e = res.ok ? undefined : parsed?.error;
  const details = (e?.details ?? []).map((d) => d.message).filter(Boolean);
  return { status: res.status, ok: res.ok, body: parsed, message: res.ok ? '' : details.length ? details.join('；') : (e?.message ?? `HTTP ${res.status}`) };
}

/** The symptom codes of the contract (GET /api/v1/prevention/symptoms lists them; this is the list offline). */
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_smell', 'shortness_of_breath', 'diarrhoea'] as const;
const SYMPTOMS_KEY = 'yunqiao.symptoms';

/** The symptom codes the server lists now (kept for the next page opened offline), else the last list kept, else the contract's. */
export async function symptomCodes(): Promise<string[]> {
  try {
    const a = await call<unknown>('GET', '/api/v1/prevention/symptoms');
    const raw = a.ok ? a.body : null;
    const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && Array.isArray((raw as { items?: unknown }).items) ? (raw as { items: unknown[] }).items : null;
    const codes = list?.map((v) => (typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { code?: unknown }).code : null)).filter((c): c is string => typeof c === 'string' && /^[a-z_]{1,40}$/.test(c));
    if (codes?.length) {
      localStorage.setItem(SYMPTOMS_KEY, JSON.stringify(codes));
      return codes;
    }
  } catch {
    // offline
  }
  try {
    const kept = JSON.parse(localStorage.getItem(SYMPTOMS_KEY) ?? 'null') as unknown;
    if (Array.isArray(kept) && kept.every((c) => typeof c === 'string')) return kept as string[];
  } catch {
    // nothing kept
  }
  return [...SYMPTOMS];
}

export type ConsentStatus = 'given' | 'withdrawn' | 'none' | 'unknown';
const consentKey = (keyId: string) => `yunqiao.consent.${keyId}`;

function statusOf(body: unknown): ConsentStatus {
  if (!body || typeof body !== 'object') return 'unknown';
  const b = body as Record<string, unknown>;
  const s = b.status ?? b.state;
  if (s === 'given' || s === 'active' || s === 'consented') return 'given';
  if (s === 'withdrawn') return 'withdrawn';
  if (s === 'none' || s === 'missing') return 'none';
  if (typeof b.consented === 'boolean') return b.consented ? 'given' : b.withdrawnAt ? 'withdrawn' : 'none';
  if (typeof b.given === 'boolean') return b.given ? 'given' : 'none';
  if (b.withdrawnAt) return 'withdrawn';
  if (b.givenAt || b.consentedAt) return 'given';
  return 'unknown';
}

/**
 * The signed-in staff member's consent to health-data processing: the server's answer to
 * GET /api/v1/prevention/consent when it has one, else what this phone last heard from a POST or
 * DELETE for the account (`keyId`), else 'unknown' (the page offers consent; the server decides).
 */
export async function consentStatus(keyId: string | null): Promise<ConsentStatus> {
  try {
    const a = await call<unknown>('GET', '/api/v1/prevention/consent');
    if (a.ok) {
      const s = statusOf(a.body);
      if (s !== 'unknown') {
        if (keyId) localStorage.setItem(consentKey(keyId), s);
        return s;
      }
    }
  } catch {
    // offline: what this phone knows
  }
  const kept = keyId ? localStorage.getItem(consentKey(keyId)) : null;
  return kept === 'given' || kept === 'withdrawn' || kept === 'none' ? kept : 'unknown';
}

/** Gives (POST) or withdraws (DELETE) consent; the answer, and the status remembered for `keyId` on a 2xx. */
export async function setConsent(give: boolean, keyId: string | null): Promise<Answer<unknown>> {
  const a = await call<unknown>(give ? 'POST' : 'DELETE', '/api/v1/prevention/consent', give ? {} : undefined);
  if (a.ok && keyId) localStorage.setItem(consentKey(keyId), give ? 'given' : 'withdrawn');
  return a;
}
