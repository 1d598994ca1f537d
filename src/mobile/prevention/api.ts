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
/** What the consent screen shows, from GET /api/v1/prevention/consent (kept on the phone for a page opened offline; no personal data). */
export type ConsentText = { textVersion: string; purpose: string; text: string; retentionDays: number; cutoff: string };
export type Consent = { status: ConsentStatus; info: ConsentText | null };

const consentKey = (keyId: string) => `yunqiao.consent.${keyId}`;
const TEXT_KEY = 'yunqiao.consent.text';

function statusOf(s: unknown): ConsentStatus {
  if (s === 'in_force') return 'given';
  if (s === 'withdrawn' || s === 'none') return s;
  return 'unknown';
}

function keptText(): ConsentText | null {
  try {
    const v = JSON.parse(localStorage.getItem(TEXT_KEY) ?? 'null') as ConsentText | null;
    return v && typeof v.purpose === 'string' && typeof v.retentionDays === 'number' ? v : null;
  } catch {
    return null;
  }
}

function remember(keyId: string | null, body: unknown): Consent | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<ConsentText> & { status?: unknown };
  const status = statusOf(b.status);
  if (status === 'unknown') return null;
  const info = typeof b.purpose === 'string' && typeof b.retentionDays === 'number' ? { textVersion: String(b.textVersion ?? ''), purpose: b.purpose, text: String(b.text ?? ''), retentionDays: b.retentionDays, cutoff: String(b.cutoff ?? '10:00') } : keptText();
  try {
    if (info) localStorage.setItem(TEXT_KEY, JSON.stringify(info));
    if (keyId) localStorage.setItem(consentKey(keyId), status);
  } catch {
    // private mode
  }
  return { status, info };
}

/**
 * The signed-in staff member's consent to health-data processing and the text to show
 * (GET /api/v1/prevention/consent: status in_force → 'given', withdrawn, none); offline, what this
 * phone last heard for the account (`keyId`) and the text kept from then; else 'unknown'.
 */
export async function consentStatus(keyId: string | null): Promise<Consent> {
  try {
    const a = await call<unknown>('GET', '/api/v1/prevention/consent');
    const c = a.ok ? remember(keyId, a.body) : null;
    if (c) return c;
  } catch {
    // offline: what this phone knows
  }
  const kept = keyId ? localStorage.getItem(consentKey(keyId)) : null;
  return { status: kept === 'given' || kept === 'withdrawn' || kept === 'none' ? kept : 'unknown', info: keptText() };
}

/** Gives (POST, naming the text version shown) or withdraws (DELETE) consent; the answer, and the new state on a 2xx. */
export async function setConsent(give: boolean, keyId: string | null, textVersion?: string): Promise<Answer<unknown> & { consent: Consent | null }> {
  const a = await call<unknown>(give ? 'POST' : 'DELETE', '/api/v1/prevention/consent', give ? (textVersion ? { textVersion } : {}) : undefined);
  return { ...a, consent: a.ok ? remember(keyId, a.body) : null };
}
