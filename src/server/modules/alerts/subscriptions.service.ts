// A job seeker's subscription to job alerts (issue 12, decision 0047): channels (SMS, in the app,
// WeChat once bound through the official account's web authorisation), quiet hours, on or off;
// their digests; and the ways out that need no sign-in — the signed link's page and a reply of TD.
import { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { type Caller, command } from '../../platform/command.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import { WechatError, wechatOf } from '../channels/service.ts';
import type { ReasonCode } from '../matching/service.ts';
import type { DigestItem } from './digest.service.ts';
import { DEFAULT_QUIET_HOURS, minutesOf, quietHoursText } from './quiet-hours.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import type { Channel } from './schemas.ts';
import { readUnsubscribeToken, wechatState, wechatStateHolds } from './tokens.ts';

/** What a seeker who never saved a subscription is shown (off): SMS and in the app, quiet 21:00–08:00. */
export const DEFAULT_CHANNELS: readonly Channel[] = ['sms', 'in_app'];

/** The way out without a sign-in: the caller proved the account (a signed token, the account's phone), not a scope. */
const WAY_OUT = systemScope('unsubscribing from job alerts by a signed link or an SMS reply: the account is proved by the token or the phone');

async function profileOf(deps: Deps, actor: Actor) {
  const profile = await repo.ownProfile(deps.db, actor.scope, actor.accountId);
  if (!profile) throw new AppError('seeker_profile_missing');
  return profile;
}

type Subscription = z.infer<typeof s.subscription>;

function present(row: Awaited<ReturnType<typeof repo.findSubscription>>, recommendations: boolean, locale: Locale): Subscription {
  const active = row?.active ?? false;
  const channels = (row?.channels ?? DEFAULT_CHANNELS) as Channel[];
  const quiet = row ? (row.quiet_start === null || row.quiet_end === null ? null : { start: row.quiet_start, end: row.quiet_end }) : DEFAULT_QUIET_HOURS;
  const computed = active && recommendations && channels.length > 0;
  const note = !recommendations ? 'alerts_note_recommendations_off' : !active ? 'alerts_note_off' : !channels.length ? 'alerts_note_no_channel' : 'alerts_note_on';
  return {
    subscribed: row !== undefined,
    active,
    channels,
    quietHours: quietHoursText(quiet),
    wechat: { bound: Boolean(row?.wechat_openid), boundAt: row?.wechat_bound_at ? row.wechat_bound_at.toISOString() : null },
    recommendations,
    digestsComputed: computed,
    note: t(locale, note),
    unsubscribedAt: row?.unsubscribed_at ? row.unsubscribed_at.toISOString() : null,
    unsubscribedVia: (row?.unsubscribed_via as Subscription['unsubscribedVia']) ?? null,
  };
}

/**
 * The signed-in seeker's subscription (GET /alerts/me): what they saved, or the defaults (off) before
 * the first save; whether their WeChat is bound; and whether the digest is computed for them — not
 * while automated recommendations are off (PIPL art. 24), which the answer says in words.
 * 404 seeker_profile_missing before the profile's first save.
 */
export async function getSubscription(deps: Deps, actor: Actor, locale: Locale): Promise<Subscription> {
  const profile = await profileOf(deps, actor);
  return present(await repo.findSubscription(deps.db, profile.key), profile.recommendations, locale);
}

/**
 * Saves the signed-in seeker's subscription whole (PUT /alerts/me): on or off, the channels, the
 * quiet hours (null: none); the digest is written in the language of this request. 400 naming the
 * field: a channel given twice, none while on, WeChat before it is bound, quiet hours starting
 * where they end. Audited (alerts.subscription.create / update).
 */
export async function saveSubscription(deps: Deps, actor: Actor, input: z.infer<typeof s.subscriptionPut>, ctx: RequestContext): Promise<Subscription> {
  const repeated = input.channels.find((c, i) => input.channels.indexOf(c) !== i);
  if (repeated) throw fieldError('channels', 'alerts_channel_repeated', { channel: repeated });
  if (input.active && !input.channels.length) throw fieldError('channels', 'alerts_channels_needed');
  const quiet = input.quietHours ? { start: minutesOf(input.quietHours.start), end: minutesOf(input.quietHours.end) } : null;
  if (quiet && quiet.start === quiet.end) throw fieldError('quietHours.end', 'alerts_quiet_hours_empty');
  const profile = await profileOf(deps, actor);
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const existing = await repo.findSubscription(tx, profile.key);
    if (input.channels.includes('wechat') && !existing?.wechat_openid) throw fieldError('channels', 'alerts_wechat_not_bound');
    const { created } = await repo.saveSubscription(tx, profile.key, actor.accountId, { active: input.active, channels: input.channels, quiet_start: quiet?.start ?? null, quiet_end: quiet?.end ?? null, locale: ctx.locale }, now);
    audit({
      action: created ? 'alerts.subscription.create' : 'alerts.subscription.update',
      divisionCode: profile.division_code,
      targetType: 'seeker',
      targetId: profile.id,
      detail: { active: input.active, channels: input.channels, quietHours: input.quietHours },
    });
  });
  return getSubscription(deps, actor, ctx.locale);
}

const cursorShape = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);

/**
 * The signed-in seeker's digests, newest day first, keyset-paged; each posting with its score and
 * its reasons in the caller's language. 404 seeker_profile_missing before the first save.
 */
export async function listDigests(deps: Deps, actor: Actor, q: z.infer<typeof s.digestsQuery>, locale: Locale): Promise<z.infer<typeof s.digestPage>> {
  const profile = await profileOf(deps, actor);
  const before = decodeCursor(q.cursor, cursorShape)?.[0] ?? null;
  const rows = await repo.digestsOf(deps.db, profile.key, { before, limit: q.limit });
  return toPage(
    rows,
    q.limit,
    (r) => ({
      id: r.id,
      day: r.day,
      createdAt: r.created_at.toISOString(),
      items: (r.items as DigestItem[]).map((i) => ({
        postingId: i.postingId,
        publicCode: i.publicCode,
        title: i.title,
        employerName: i.employerName,
        divisionCode: i.divisionCode,
        salaryMin: i.salaryMin,
        salaryMax: i.salaryMax,
        salaryUnit: i.salaryUnit,
        score: i.score,
        reasons: (i.reasons as ReasonCode[]).map((code) => ({ code, text: t(locale, `match_reason_${code}`) })),
      })),
    }),
    (r) => [r.day],
  );
}

/** The path WeChat sends the phone back to (this API's callback). */
export const WECHAT_CALLBACK_PATH = '/api/v1/alerts/wechat/callback';

/**
 * Where to send the signed-in seeker's phone to bind their WeChat (GET /alerts/wechat/authorize):
 * the official account's web authorisation (snsapi_base: only the openid, no confirmation screen),
 * with a state signed for this account that lasts 10 minutes. Simulated without an account
 * configured: the callback itself, with a code. A real account needs the platform's public
 * address (409 public_base_url_missing). 404 seeker_profile_missing before the profile exists.
 */
export async function wechatAuthorize(deps: Deps, actor: Actor): Promise<z.infer<typeof s.wechatAuthorize>> {
  await profileOf(deps, actor);
  const adapter = wechatOf(deps.config);
  if (adapter.name === 'wechat' && !deps.config.publicBaseUrl) throw new AppError('public_base_url_missing');
  const redirect = `${deps.config.publicBaseUrl ?? ''}${WECHAT_CALLBACK_PATH}`;
  return { url: adapter.authorizeUrl(redirect, wechatState(deps.crypto, actor.accountId, deps.clock.now())), mode: adapter.name };
}

/**
 * The authorisation's callback (GET /alerts/wechat/callback?code&state): the state must be one
 * made for this signed-in account within 10 minutes (400 alerts_wechat_state_invalid), the code one
 * WeChat takes (400 alerts_wechat_refused; 502 alerts_wechat_unreachable). Binds the openid to the
 * seeker's subscription (created switched off when there is none; WeChat is not turned on by
 * binding). Audited (alerts.wechat.bind; the openid is not in the trail).
 */
export async function bindWechat(deps: Deps, actor: Actor, code: string, state: string, ctx: RequestContext): Promise<void> {
  if (!wechatStateHolds(deps.crypto, state, actor.accountId, deps.clock.now())) throw new AppError('alerts_wechat_state_invalid');
  const profile = await profileOf(deps, actor);
  let openid: string;
  try {
    openid = await wechatOf(deps.config).openidOf(code);
  } catch (err) {
    if (err instanceof WechatError) {
      deps.log.warn({ errcode: err.errcode, err: err.message }, 'WeChat did not give an openid');
      throw new AppError(err.errcode === null ? 'alerts_wechat_unreachable' : 'alerts_wechat_refused');
    }
    throw err;
  }
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const defaults = { active: false, channels: [...DEFAULT_CHANNELS], quiet_start: DEFAULT_QUIET_HOURS.start, quiet_end: DEFAULT_QUIET_HOURS.end, locale: ctx.locale };
    const { created } = await repo.bindWechat(tx, profile.key, actor.accountId, openid, defaults, now);
    audit({ action: 'alerts.wechat.bind', divisionCode: profile.division_code, targetType: 'seeker', targetId: profile.id, detail: { created } });
  });
}

/** What the unsubscribe page shows for a token: the button (alerts on), nothing to stop, or a token that does not hold. Changes nothing. */
export async function unsubscribeState(deps: Deps, token: string | undefined): Promise<'confirm' | 'already' | 'invalid'> {
  const accountId = readUnsubscribeToken(deps.crypto, token);
  if (accountId === null) return 'invalid';
  return (await repo.accountSubscribed(deps.db, WAY_OUT, accountId)) ? 'confirm' : 'already';
}

/**
 * Switches alerts off for the account a signed token names (the page's button: POST
 * /m/alerts/unsubscribe), in one statement; 'done', 'already' (they were off) or 'invalid' (the
 * token does not hold: nothing changed). Audited per profile switched off (alerts.subscription.unsubscribe, via link).
 */
export async function unsubscribeByToken(deps: Deps, token: string | undefined, ctx: RequestContext): Promise<'done' | 'already' | 'invalid'> {
  const accountId = readUnsubscribeToken(deps.crypto, token);
  if (accountId === null) return 'invalid';
  const n = await unsubscribeAccount(deps, accountId, 'link', { actor: null, ctx });
  return n ? 'done' : 'already';
}

/** Switches off the account's active subscriptions, audited; returns how many. Joins an open command. */
export async function unsubscribeAccount(deps: Deps, accountId: number, via: 'link' | 'sms_reply', caller: Caller): Promise<number> {
  return command(deps, caller, async ({ tx, audit }) => {
    const off = await repo.unsubscribeAccount(tx, WAY_OUT, accountId, via, deps.clock.now());
    for (const r of off) audit({ action: 'alerts.subscription.unsubscribe', divisionCode: r.division_code, targetType: 'seeker', targetId: r.seeker_id, detail: { via } });
    return off.length;
  });
}
