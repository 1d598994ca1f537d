// Replies to SMS (上行短信; issue 12, decision 0047): "TD" — also td, T D, full-width ＴＤ, 退订 —
// switches job alerts off for the account whose phone sent it. Two adapters feed the same handler:
//   dev: a file of JSON lines ({ "id"?, "phone", "text", "at"? }, YUNQIAO_SMS_INBOUND_FILE), read by
//     the job alerts.read-replies every minute from where it last stopped (kept in the database);
//   a provider: POST /hooks/sms/inbound, signed with YUNQIAO_SMS_INBOUND_SECRET (pages.ts).
// Each message is acted on once (its id, or for a line without one its offset and digest, is
// recorded in the transaction that acts on it). A number that is no account's is logged (masked)
// and left; an unreadable line is skipped and logged; nothing here answers 5xx for a sender's text.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type { Deps } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { command, SYSTEM_CALLER } from '../../platform/command.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { parsePhone } from '../../../shared/identifiers.ts';
import { normaliseCode } from '../../../shared/text.ts';
import * as repo from './repository.ts';
import { unsubscribeAccount } from './subscriptions.service.ts';

const REPLIES = systemScope('SMS replies: the phone that sent one is looked up among every account');

/** Whether a reply asks to stop: TD or 退订 (either order together), any case or width, spaces and closing punctuation ignored. */
export function asksToStop(text: string): boolean {
  const s = normaliseCode(text).toUpperCase().replace(/[。．.!！?？~～,，、;；]+$/u, '');
  return s === 'TD' || s === '退订' || s === 'TD退订' || s === '退订TD';
}

export type Reply = { source: string; id: string; phone: string; text: string; at: Date };
export type ReplyOutcome = 'unsubscribed' | 'not_subscribed' | 'unknown_number' | 'not_a_command' | 'duplicate';

/**
 * Acts on one reply once: a stop request from a known number switches off the alerts of every
 * account with that phone (audited per profile, via sms_reply). The message's id is recorded with
 * the outcome in the same transaction; a second delivery of it does nothing ('duplicate').
 */
export async function handleReply(deps: Deps, reply: Reply): Promise<ReplyOutcome> {
  const outcome = await command(deps, SYSTEM_CALLER, async (c): Promise<ReplyOutcome> => {
    if (!(await repo.takeInbound(c.tx, reply.source, reply.id, reply.at))) return 'duplicate';
    let result: Exclude<ReplyOutcome, 'duplicate'> = 'not_a_command';
    if (asksToStop(reply.text)) {
      const phone = parsePhone(reply.phone);
      const accounts = phone ? await repo.accountsOfPhone(c.tx, REPLIES, phone) : [];
      if (!accounts.length) result = 'unknown_number';
      else {
        let off = 0;
        for (const a of accounts) off += await unsubscribeAccount(c.deps, a, 'sms_reply', { actor: null, ctx: null });
        result = off ? 'unsubscribed' : 'not_subscribed';
      }
    }
    await repo.recordInboundOutcome(c.tx, reply.source, reply.id, result);
    return result;
  });
  if (outcome === 'unknown_number') deps.log.info({ source: reply.source, id: reply.id, phone: maskPhone(parsePhone(reply.phone) ?? String(reply.phone)) }, 'an SMS reply from a number that is no account\'s: ignored');
  return outcome;
}

/** Bytes read from the dev file per run (the rest waits for the next minute). */
const READ_MAX = 1 << 20;

/**
 * The dev adapter: reads the replies file (config.smsInbound.file) from where the last read stopped
 * — from the start when the file got shorter (replaced) — up to its last complete line, acts on
 * each, and records how far it read. Lines are JSON: { id?, phone, text, at? }. Returns the outcomes
 * by kind. No file: nothing to do.
 */
export async function readReplyFile(deps: Deps): Promise<Record<ReplyOutcome | 'unreadable', number>> {
  const counts: Record<ReplyOutcome | 'unreadable', number> = { unsubscribed: 0, not_subscribed: 0, unknown_number: 0, not_a_command: 0, duplicate: 0, unreadable: 0 };
  const path = deps.config.smsInbound.file;
  const size = await stat(path).then((s) => s.size, () => -1);
  if (size < 0) return counts;
  let from = await repo.inboundReadTo(deps.db, path);
  if (size < from) from = 0;
  if (size === from) return counts;
  const length = Math.min(size - from, READ_MAX);
  const buf = Buffer.alloc(length);
  const fh = await open(path, 'r');
  try {
    await fh.read(buf, 0, length, from);
  } finally {
    await fh.close();
  }
  const end = buf.lastIndexOf(0x0a);
  if (end < 0) return counts; // no complete line yet
  let at = 0;
  while (at <= end) {
    const nl = buf.indexOf(0x0a, at);
    const raw = buf.subarray(at, nl);
    const offset = from + at;
    at = nl + 1;
    const line = raw.toString('utf8').trim();
    if (!line) continue;
    let parsed: { id?: unknown; phone?: unknown; text?: unknown; at?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      counts.unreadable++;
      deps.log.warn({ path, offset }, 'an SMS reply line that is no JSON: skipped');
      continue;
    }
    if (typeof parsed.text !== 'string' || (typeof parsed.phone !== 'string' && typeof parsed.phone !== 'number')) {
      counts.unreadable++;
      deps.log.warn({ path, offset }, 'an SMS reply line without phone and text: skipped');
      continue;
    }
    const id = typeof parsed.id === 'string' && parsed.id ? parsed.id.slice(0, 200) : `${offset}:${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
    const when = typeof parsed.at === 'string' && !Number.isNaN(Date.parse(parsed.at)) ? new Date(parsed.at) : deps.clock.now();
    counts[await handleReply(deps, { source: 'file', id, phone: String(parsed.phone), text: parsed.text, at: when })]++;
  }
  await repo.setInboundReadTo(deps.db, path, from + end + 1, deps.clock.now());
  return counts;
}

/** Seconds a signed webhook call may be off the clock. */
export const WEBHOOK_SKEW_S = 300;

/** The webhook's signature: hex HMAC-SHA256 with the shared secret over timestamp, message id, phone and text, one per line. */
export function replySignature(secret: string, timestamp: string, messageId: string, phone: string, text: string): string {
  return createHmac('sha256', secret).update([timestamp, messageId, phone, text].join('\n')).digest('hex');
}

/** Whether a webhook call's signature holds and its timestamp (Unix seconds) is within WEBHOOK_SKEW_S of `now`. */
export function replySignatureHolds(secret: string, now: Date, h: { timestamp?: string; signature?: string }, body: { messageId: string; phone: string; text: string }): boolean {
  if (!h.timestamp || !/^\d{9,12}$/.test(h.timestamp) || !h.signature || !/^[0-9a-f]{64}$/.test(h.signature)) return false;
  if (Math.abs(Number(h.timestamp) - now.getTime() / 1000) > WEBHOOK_SKEW_S) return false;
  const want = Buffer.from(replySignature(secret, h.timestamp, body.messageId, body.phone, body.text));
  return timingSafeEqual(want, Buffer.from(h.signature));
}
