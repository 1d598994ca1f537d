// Signed values the alerts hand out (decision 0047), HMAC-SHA256 with the deployment's key
// (FieldCrypto.keyedHash) over the purpose and what the value names:
//   the unsubscribe link's token `t`: the seeker's account and the purpose, no expiry (an SMS read
//   weeks later still unsubscribes; the token does nothing but switch alerts off);
//   the WeChat authorisation's `state`: the account and a deadline, so the callback binds the
//   openid to the person who asked, within 10 minutes, and a forged callback binds nothing. WeChat
//   takes a state of letters and digits only (at most 128).
import { timingSafeEqual } from 'node:crypto';
import type { FieldCrypto } from '../../platform/crypto.ts';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The unsubscribe token of an account: `<account>.<32 hex>`. */
export function unsubscribeToken(crypto: Pick<FieldCrypto, 'keyedHash'>, accountId: number): string {
  return `${accountId}.${crypto.keyedHash(`alerts.unsubscribe:${accountId}`).slice(0, 32)}`;
}

/** The account an unsubscribe token names, or null when it is malformed or its signature does not hold. */
export function readUnsubscribeToken(crypto: Pick<FieldCrypto, 'keyedHash'>, token: string | undefined): number | null {
  const m = /^([1-9][0-9]{0,15})\.([0-9a-f]{32})$/.exec(token ?? '');
  if (!m) return null;
  const accountId = Number(m[1]);
  return Number.isSafeInteger(accountId) && same(unsubscribeToken(crypto, accountId), token as string) ? accountId : null;
}

/** How long a WeChat authorisation may take (the code itself lives five minutes). */
export const WECHAT_STATE_TTL_MS = 10 * 60_000;

/** The state of a WeChat authorisation for `accountId` started at `now`: `<account>T<deadline s>S<24 hex>`. */
export function wechatState(crypto: Pick<FieldCrypto, 'keyedHash'>, accountId: number, now: Date): string {
  const until = Math.floor((now.getTime() + WECHAT_STATE_TTL_MS) / 1000);
  return `${accountId}T${until}S${crypto.keyedHash(`alerts.wechat-state:${accountId}:${until}`).slice(0, 24)}`;
}

/** Whether `state` is one wechatState made for `accountId` and its deadline is still ahead of `now`. */
export function wechatStateHolds(crypto: Pick<FieldCrypto, 'keyedHash'>, state: string | undefined, accountId: number, now: Date): boolean {
  const m = /^([1-9][0-9]{0,15})T([0-9]{1,12})S([0-9a-f]{24})$/.exec(state ?? '');
  if (!m || Number(m[1]) !== accountId) return false;
  const until = Number(m[2]);
  if (until * 1000 < now.getTime()) return false;
  return same(`${accountId}T${until}S${crypto.keyedHash(`alerts.wechat-state:${accountId}:${until}`).slice(0, 24)}`, state as string);
}
