// The offline queue of daily health reports, in the page itself (issue 8 P3 "Phones and weak
// networks", decision 0029, case 02-queued-report-after-sign-out). No service worker is involved:
// WeChat's in-app browser runs none on iOS, so the page keeps its reports in IndexedDB
// (idb-keyval) and sends them on its own — when a report is made, when the page starts, when the
// browser's `online` event fires, and on a backoff timer after a 5xx or a network failure.
//
// A shared front-desk phone: every entry is sealed with AES-256-GCM (WebCrypto) under a key agreed
// (ECDH P-256) between a fresh ephemeral pair and the public key of the account that made it
// (GET /api/v1/me/queue-key: derived on the server from an HMAC of its secret and the account id).
// The public half is kept in localStorage while the account is signed in, so a page opened offline
// can still queue; the private half lives only in memory while signed in (non-extractable, never
// stored), so only that account, signed in again, can open its entries. An entry is filed under its
// key id; only the clientId, key id and the time it was queued are in clear, so whoever signs in
// next learns at most that another person's report is waiting. Entries
// are sent only while the key of their own account is loaded, and the key id is asked again right
// before each round, so a session that changed underneath (another tab signed in as someone else)
// sends nothing of the previous account.
//
// Answers: 2xx → removed, and only then shown as sent (with the server's time from its Date
// header); 401 → kept, the key is dropped and the page asks to sign in; 403 → kept, the page shows
// the server's reason; 5xx, 429, timeout or network error → kept and retried with backoff
// (5 s doubling to 5 min, and at once when the network returns); any other 4xx (400, 409: the
// report itself is refused — an edited resend, consent withdrawn) → removed, and the page says
// which report and why.
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { currentLanguage } from '../i18n/index.ts';
import { finishPendingSignOut } from './pending-sign-out.ts';

/** A daily report as the page makes it (POST /api/v1/prevention/checkins, issue 8 contract). */
export type Report = {
  /** Random UUID made on the phone; a resend carries the same one (the server answers 200 with the same body). */
  clientId: string;
  /** °C, one decimal, 34.0–42.0 (parsed by src/shared/temperature.ts before queueing). */
  temperature: number;
  /** Symptom codes; [] means none. */
  symptoms: string[];
  /** The phone's clock when the report was made (ISO 8601); only `sentAt − measuredAt` counts on the server. */
  measuredAt: string;
};

/** What the page shows of a report of the signed-in account. */
export type Item = Report & {
  state: 'queued' | 'sending' | 'sent' | 'refused';
  /** For `sent`: the record id and the server's time of receipt (its Date header, ISO). */
  recordId?: number;
  abnormal?: boolean;
  receivedAt?: string;
  /** For `refused`: the server's message, in the page's language. */
  message?: string;
};

/** Why the queue is not moving: not signed in (401), refused for this session (403), or waiting to retry (network, 5xx). */
export type Blocked = { kind: 'signin'; queuedAt: string[] } | { kind: 'forbidden'; message: string } | { kind: 'retry'; at: number; status: number | null } | null;

export type QueueState = {
  /** The signed-in account's reports: waiting, being sent, sent or refused in this page's life. */
  items: Item[];
  /** How many queued reports of other accounts this phone holds (nothing else of them is readable). */
  others: number;
  blocked: Blocked;
  /** Whether reports can be queued now: the account's public key is at hand (signed in, or opened offline after signing in). */
  canQueue: boolean;
  /** Whether reports can be sent now: the private key is loaded (the server answered for this session). */
  canSend: boolean;
  /** How many sealed entries of the signed-in account wait in IndexedDB. */
  waiting: number;
  /** Server time minus phone time (ms), from the last answer's Date header; 0 until one came. */
  skewMs: number;
};

type Sealed = { clientId: string; keyId: string; queuedAt: string; ephemeral: ArrayBuffer; iv: Uint8Array; data: ArrayBuffer };
type Keys = { keyId: string; publicKey: CryptoKey; privateKey: CryptoKey | null };
/** Where the signed-in account's public key waits for a page opened offline (removed on sign-out and 401). */
const ACCOUNT_KEY = 'yunqiao.queue.account';

const MIN_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const SEND_TIMEOUT_MS = 20_000;

let store: UseStore | null = null;
const db = () => {
  store ??= createStore('yunqiao-offline', 'checkin-queue');
  return store;
};

let key: Keys | null = null;
let state: QueueState = { items: [], others: 0, blocked: null, canQueue: false, canSend: false, waiting: 0, skewMs: 0 };
const listeners = new Set<() => void>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let flushing: Promise<void> | null = null;
let again = false;

function update(patch: Partial<QueueState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** The current state (for useSyncExternalStore). */
export const queueState = (): QueueState => state;
/** Calls `l` on every change; returns the unsubscribe. */
export function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The phone's clock corrected by the server's Date header (the phone's own may be hours off: case 04). */
export const serverNow = (): Date => new Date(Date.now() + state.skewMs);

function noteServerTime(res: Response): string | undefined {
  const date = res.headers.get('date');
  const at = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  // the Date header has whole seconds: keep the phone's own sub-second part
  const skew = at - Date.now();
  if (Math.abs(skew - state.skewMs) > 2_000) update({ skewMs: skew });
  return new Date(at).toISOString();
}

const headers = (): Record<string, string> => ({ 'X-Requested-With': 'yunqiao', 'Accept-Language': currentLanguage(), Accept: 'application/json' });

type KeyAnswer = { keyId: string; publicKey: { x: string; y: string }; privateKey: string };

async function fetchKey(): Promise<{ status: number; body?: KeyAnswer }> {
  const res = await fetch('/api/v1/me/queue-key', { credentials: 'same-origin', cache: 'no-store', headers: headers() });
  noteServerTime(res);
  if (!res.ok) return { status: res.status };
  return { status: res.status, body: (await res.json()) as KeyAnswer };
}

const EC = { name: 'ECDH', namedCurve: 'P-256' } as const;
const jwk = (p: { x: string; y: string }, d?: string): JsonWebKey => ({ kty: 'EC', crv: 'P-256', x: p.x, y: p.y, ...(d ? { d } : {}) });

async function importKeys(a: KeyAnswer): Promise<Keys> {
  return {
    keyId: a.keyId,
    publicKey: await crypto.subtle.importKey('jwk', jwk(a.publicKey), EC, true, []),
    privateKey: await crypto.subtle.importKey('jwk', jwk(a.publicKey, a.privateKey), EC, false, ['deriveKey']),
  };
}

/** The public half kept for a page opened offline: encrypts, cannot decrypt. */
async function storedPublicKey(): Promise<Keys | null> {
  try {
    const raw = localStorage.getItem(ACCOUNT_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as { keyId: string; x: string; y: string };
    return { keyId: v.keyId, publicKey: await crypto.subtle.importKey('jwk', jwk(v), EC, true, []), privateKey: null };
  } catch {
    return null;
  }
}

function forgetPublicKey(): void {
  try {
    localStorage.removeItem(ACCOUNT_KEY);
  } catch {
    // private mode
  }
}

const aad = (keyId: string, clientId: string) => new TextEncoder().encode(`yunqiao-checkin-v1|${keyId}|${clientId}`);
const AES = { name: 'AES-GCM', length: 256 } as const;

async function seal(k: Keys, report: Report): Promise<Sealed> {
  const eph = await crypto.subtle.generateKey(EC, true, ['deriveKey']);
  const aes = await crypto.subtle.deriveKey({ name: 'ECDH', public: k.publicKey }, eph.privateKey, AES, false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(k.keyId, report.clientId) }, aes, new TextEncoder().encode(JSON.stringify(report)));
  const ephemeral = await crypto.subtle.exportKey('raw', eph.publicKey);
  return { clientId: report.clientId, keyId: k.keyId, queuedAt: new Date().toISOString(), ephemeral, iv, data };
}

async function open(k: Keys, s: Sealed): Promise<Report | null> {
  if (!k.privateKey) return null;
  try {
    const eph = await crypto.subtle.importKey('raw', s.ephemeral, EC, false, []);
    const aes = await crypto.subtle.deriveKey({ name: 'ECDH', public: eph }, k.privateKey, AES, false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: s.iv as Uint8Array<ArrayBuffer>, additionalData: aad(k.keyId, s.clientId) }, aes, s.data);
    return JSON.parse(new TextDecoder().decode(plain)) as Report;
  } catch {
    return null; // tampered with, or not sealed to this account: left alone
  }
}

async function sealedEntries(): Promise<Sealed[]> {
  const all = await entries<string, Sealed>(db());
  return all.map(([, v]) => v).filter((v) => v && typeof v.keyId === 'string');
}

/** Reports made in this page's life (their owner's own screen): shown while the private key is not at hand (opened offline). */
const local = new Map<string, Report>();

/** Re-reads IndexedDB: the account's own entries opened into `items` (keeping what this page knows of sent/refused ones), others counted. */
async function refresh(): Promise<Sealed[]> {
  const all = await sealedEntries();
  const k = key;
  if (!k) {
    update({ items: [], others: all.length });
    return all;
  }
  const mine = all.filter((s) => s.keyId === k.keyId);
  const opened = (await Promise.all(mine.map(async (s) => (await open(k, s)) ?? local.get(s.clientId) ?? null))).filter((r): r is Report => r !== null);
  const known = new Map(state.items.map((i) => [i.clientId, i]));
  const queued: Item[] = opened.map((r) => ({ ...r, state: known.get(r.clientId)?.state === 'sending' ? 'sending' : 'queued' }));
  const done = state.items.filter((i) => (i.state === 'sent' || i.state === 'refused') && !opened.some((r) => r.clientId === i.clientId));
  queued.sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  update({ items: [...done, ...queued], others: all.length - mine.length, waiting: mine.length });
  return all;
}

/**
 * Loads the signed-in account's keys (GET /api/v1/me/queue-key) and sends its queued reports.
 * Without a network (or on a 5xx) the public key kept from the last sign-in lets the page queue
 * (`canQueue`) but not send. Returns whether reports can be queued now; false when nobody is
 * signed in (a 401 also forgets the kept public key).
 */
export async function unlock(): Promise<boolean> {
  if (!(await finishPendingSignOut())) {
    // signed out on this phone while offline: nobody's keys until the server has ended that session
    lock();
    await refresh();
    return false;
  }
  let answer: Awaited<ReturnType<typeof fetchKey>> | null = null;
  try {
    answer = await fetchKey();
  } catch {
    // offline
  }
  if (answer?.status === 401) {
    lock();
    await refresh();
    return false;
  }
  if (!answer?.body) {
    key ??= await storedPublicKey();
    update({ canQueue: key !== null, canSend: key?.privateKey != null });
    await refresh();
    return key !== null;
  }
  if (key?.keyId !== answer.body.keyId || !key.privateKey) {
    if (key?.keyId !== answer.body.keyId) {
      local.clear();
      update({ items: [] });
    }
    key = await importKeys(answer.body);
    try {
      localStorage.setItem(ACCOUNT_KEY, JSON.stringify({ keyId: answer.body.keyId, ...answer.body.publicKey }));
    } catch {
      // private mode: queueing works while this page lives
    }
  }
  if (state.blocked?.kind !== 'retry') update({ blocked: null });
  update({ canQueue: true, canSend: true });
  await refresh();
  // a retry already scheduled keeps its backoff (another page opening is no reason to hurry a 5xx)
  if (state.blocked?.kind !== 'retry') void flush();
  return true;
}

/**
 * Forgets the keys and what was opened (sign-out, 401): the entries stay in IndexedDB, sealed, for
 * their owner's next sign-in; the kept public key goes too, so nobody queues under the last account.
 */
export function lock(): void {
  key = null;
  local.clear();
  forgetPublicKey();
  clearTimeout(retryTimer);
  failures = 0;
  update({ items: [], canQueue: false, canSend: false, blocked: null, waiting: 0 });
}

/**
 * Queues `report` under the signed-in account (sealed into IndexedDB first, so nothing is lost if
 * the tab dies) and tries to send it at once. Throws when no account key is at hand.
 */
export async function enqueue(report: Report): Promise<void> {
  const k = key;
  if (!k) throw new Error('not signed in');
  local.set(report.clientId, report);
  await set(report.clientId, await seal(k, report), db());
  await refresh();
  void flush();
}

function scheduleRetry(status: number | null): void {
  failures += 1;
  const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (failures - 1));
  const wait = Math.round(base * (0.8 + Math.random() * 0.4));
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void flush(), wait);
  update({ blocked: { kind: 'retry', at: Date.now() + wait, status } });
}

function setItem(clientId: string, patch: Partial<Item>): void {
  update({ items: state.items.map((i) => (i.clientId === clientId ? { ...i, ...patch } : i)) });
}

type ErrorBody = { error?: { code?: string; message?: string; details?: { message?: string }[] } };
function messageOf(status: number, body: ErrorBody | null): string {
  const e = body?.error;
  const details = (e?.details ?? []).map((d) => d.message).filter(Boolean);
  return details.length ? details.join('；') : (e?.message ?? `HTTP ${status}`);
}

/** One POST of one report; the outcome for the round. */
async function send(s: Sealed, report: Report): Promise<'sent' | 'stop' | 'retry' | 'next'> {
  setItem(report.clientId, { state: 'sending' });
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), SEND_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch('/api/v1/prevention/checkins', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...headers(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...report, sentAt: new Date().toISOString() }),
      signal: ctrl.signal,
    });
  } catch {
    setItem(report.clientId, { state: 'queued' });
    scheduleRetry(null);
    return 'retry';
  } finally {
    clearTimeout(timer);
  }
  const receivedAt = noteServerTime(res);
  const body = (await res.json().catch(() => null)) as (ErrorBody & { id?: number; abnormal?: boolean }) | null;
  if (res.ok && typeof body?.id === 'number') {
    // the entry goes only once the server holds the record
    await del(s.clientId, db());
    setItem(report.clientId, { state: 'sent', recordId: body.id, abnormal: body.abnormal === true, receivedAt: receivedAt ?? new Date().toISOString() });
    failures = 0;
    return 'sent';
  }
  setItem(report.clientId, { state: 'queued' });
  if (res.status === 401) {
    const queuedAt = state.items.filter((i) => i.state !== 'sent' && i.state !== 'refused').map((i) => i.measuredAt);
    lock();
    update({ blocked: { kind: 'signin', queuedAt } });
    await refresh();
    return 'stop';
  }
  if (res.status === 403) {
    update({ blocked: { kind: 'forbidden', message: messageOf(res.status, body) } });
    return 'stop';
  }
  if (res.status >= 500 || res.status === 429 || res.status === 408 || !res.ok && res.status < 400) {
    scheduleRetry(res.status);
    return 'retry';
  }
  // any other 4xx: the report itself is refused (invalid, an edited resend, consent withdrawn)
  await del(s.clientId, db());
  setItem(report.clientId, { state: 'refused', message: messageOf(res.status, body) });
  return 'next';
}

async function flushOnce(): Promise<void> {
  const k = key;
  if (!k?.privateKey) {
    if (k) void unlockLater();
    return;
  }
  const mine = (await sealedEntries()).filter((s) => s.keyId === k.keyId);
  if (mine.length === 0) {
    failures = 0;
    if (state.blocked?.kind === 'retry') update({ blocked: null });
    return;
  }
  // the session may have changed underneath (another tab): send only while it is still this account's
  let check: Awaited<ReturnType<typeof fetchKey>>;
  try {
    check = await fetchKey();
  } catch {
    scheduleRetry(null);
    return;
  }
  if (check.status === 401) {
    const queuedAt = mine.map((s) => s.queuedAt);
    lock();
    update({ blocked: { kind: 'signin', queuedAt } });
    await refresh();
    return;
  }
  if (!check.body) {
    scheduleRetry(check.status);
    return;
  }
  if (check.body.keyId !== k.keyId) {
    lock();
    await unlock();
    return;
  }
  for (const s of mine.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))) {
    if (key?.keyId !== k.keyId) return;
    const report = await open(k, s);
    if (!report) continue;
    const outcome = await send(s, report);
    if (outcome === 'stop' || outcome === 'retry') return;
  }
  if (state.blocked?.kind === 'retry') update({ blocked: null });
}

/** Sends the signed-in account's queued reports, one round at a time (a call during a round runs one more round after it). */
export function flush(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  clearTimeout(retryTimer);
  flushing = (async () => {
    try {
      do {
        again = false;
        await flushOnce();
      } while (again && key);
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

let started = false;
/** Starts the queue once per page: loads the key, sends what waits, and listens for the network's return. */
export function startQueue(): Promise<boolean> {
  if (!started && typeof window !== 'undefined') {
    started = true;
    // another tab signed in as someone else (or out): stop acting for this account at once
    window.addEventListener('storage', (e) => {
      if (e.key !== ACCOUNT_KEY || !key) return;
      const other = e.newValue ? ((JSON.parse(e.newValue) as { keyId?: string }).keyId ?? null) : null;
      if (other !== key.keyId) {
        key = null;
        local.clear();
        clearTimeout(retryTimer);
        update({ items: [], canQueue: false, canSend: false, blocked: null, waiting: 0 });
        void unlock();
      }
    });
    window.addEventListener('online', () => {
      failures = 0;
      if (key?.privateKey) void flush();
      else void unlock();
    });
  }
  return unlock();
}

/** Without the private key (opened offline): asks for it again, which sends what waits once it comes. */
let unlocking = false;
async function unlockLater(): Promise<void> {
  if (unlocking) return;
  unlocking = true;
  try {
    await unlock();
  } finally {
    unlocking = false;
  }
}

/** The key id of the account whose keys are at hand (the page remembers that account's consent under it), or null. */
export const currentKeyId = (): string | null => key?.keyId ?? null;

/** How many reports of the signed-in account wait on this phone (for the sign-out warning). */
export function waitingCount(): number {
  return state.waiting;
}
