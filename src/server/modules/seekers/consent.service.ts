// The notice a job seeker reads before signing up, and the consents they give to it (issue 9; PIPL
// art. 13–17, 29–30; decision 0040), shaped as the prevention module's consent to health data: a
// versioned text the page shows (GET /seekers/notice) and the person's answer names; rows that are
// the history. Consent is given when signing up (POST /seekers/register: `noticeVersion` and
// `consent: true`), and separately for the ID number when one is given (PUT /seekers/me
// `idNumberConsent`). Withdrawing is closing the registration (DELETE /seekers/me): the profile and
// its authorisations are deleted, the consents closed, the seeker membership ended.
import type { Actor, RequestContext } from '../../actor.ts';
import type { Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { fieldError } from '../../http/errors.ts';
import { type CommandContext, command } from '../../platform/command.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import * as identity from '../identity/service.ts';
import { DEFAULT_VALID_DAYS, MAX_VALID_DAYS } from './access.ts';
import * as consents from './repository/consents.ts';
import * as repo from './repository/seekers.ts';
import type * as s from './schemas.ts';
import type { z } from 'zod';

/** The version of the notice's words (messages.ts, seeker_notice_*): a new text gets a new one. */
export const SEEKER_NOTICE_TEXT_VERSION = '2020-02-v2';

/**
 * The version a consent records: the words' version and a digest of what the deployment fills in
 * (the handler's name and contact, the validity days), so a consent names exactly the notice shown.
 * A new operator or contact makes a new version, and a page still showing the old one is refused.
 */
export function currentNoticeVersion(config: Pick<Config, 'operator'>): string {
  const filled = JSON.stringify([SEEKER_NOTICE_TEXT_VERSION, config.operator.name, config.operator.contact, DEFAULT_VALID_DAYS, MAX_VALID_DAYS]);
  return `${SEEKER_NOTICE_TEXT_VERSION}-${sha256Hex(filled).slice(0, 8)}`;
}

/**
 * The notice in `locale` (PIPL art. 17): the handler and its contact (the configured operator, else
 * a line saying this is a demonstration), purposes, kinds of data, means, recipients, retention (the
 * registration's validity), rights and how to exercise them, and the ID number's own paragraph (art.
 * 29–30: sensitive, optional, its necessity and impact).
 */
export function seekerNotice(deps: Pick<Deps, 'config'>, locale: Locale): z.infer<typeof s.notice> {
  const { name, contact } = deps.config.operator;
  const handler = {
    name: name ?? t(locale, 'seeker_notice_demo_operator'),
    contact: contact ?? t(locale, 'seeker_notice_demo_contact'),
    demo: name === null || contact === null,
  };
  return {
    noticeVersion: currentNoticeVersion(deps.config),
    handler,
    purpose: t(locale, 'seeker_notice_purpose'),
    data: t(locale, 'seeker_notice_data'),
    means: t(locale, 'seeker_notice_means'),
    recipients: t(locale, 'seeker_notice_recipients'),
    retention: t(locale, 'seeker_notice_retention', { days: DEFAULT_VALID_DAYS, max: MAX_VALID_DAYS }),
    retentionDays: DEFAULT_VALID_DAYS,
    maxRetentionDays: MAX_VALID_DAYS,
    rights: t(locale, 'seeker_notice_rights', { handler: handler.name, contact: handler.contact }),
    idNumber: t(locale, 'seeker_notice_id_number'),
  };
}

/** 400 naming `noticeVersion` unless `given` is the current notice's version (the page showed an older one). */
export function requireCurrentNotice(deps: Pick<Deps, 'config'>, given: string): string {
  const current = currentNoticeVersion(deps.config);
  if (given !== current) throw fieldError('noticeVersion', 'seeker_notice_version_unknown');
  return current;
}

/**
 * Records the account's consent to `subject` under `noticeVersion`, in the caller's command, unless
 * one is in force already; audited (`seekers.consent.give`, the subject and version). Returns
 * whether it recorded one.
 */
export async function recordConsent(c: CommandContext, accountId: number, subject: consents.ConsentSubject, noticeVersion: string, at: Date, divisionCode: string | null = null): Promise<boolean> {
  const id = await consents.insertConsent(c.tx, accountId, subject, noticeVersion, at);
  if (id !== undefined) c.audit({ action: 'seekers.consent.give', divisionCode, targetType: 'account', targetId: accountId, detail: { consentId: id, subject, noticeVersion } });
  return id !== undefined;
}

/** Closes the account's consents in force of these subjects, in the caller's command; audited (`seekers.consent.withdraw`). Returns what it closed. */
export async function withdrawConsents(c: CommandContext, accountId: number, subjects: readonly consents.ConsentSubject[], at: Date, divisionCode: string | null = null) {
  const closed = await consents.withdrawConsents(c.tx, accountId, subjects, at);
  for (const w of closed) c.audit({ action: 'seekers.consent.withdraw', divisionCode, targetType: 'account', targetId: accountId, detail: { consentId: w.id, subject: w.subject, noticeVersion: w.notice_version } });
  return closed;
}

/**
 * A person who became a seeker another way than POST /seekers/register (the demo seed's accounts)
 * consents to the notice as registering does: `noticeVersion` must be the current one (400 naming
 * it). Audited. Returns whether a consent was recorded (false: one was in force).
 */
export async function consentToNotice(deps: Deps, actor: Actor, noticeVersion: string, ctx: RequestContext): Promise<boolean> {
  const version = requireCurrentNotice(deps, noticeVersion);
  const now = deps.clock.now();
  return command(deps, { actor, ctx }, (c) => recordConsent(c, actor.accountId, 'notice', version, now));
}

/** The account's consents in force, as the seeker's own profile shows them. */
export async function consentsShown(deps: Pick<Deps, 'db'>, accountId: number): Promise<Pick<z.infer<typeof s.profile>, 'consent' | 'idNumberConsent'>> {
  const rows = await consents.consentsInForce(deps.db, accountId);
  const of = (subject: consents.ConsentSubject) => {
    const r = rows.find((x) => x.subject === subject);
    return r ? { noticeVersion: r.notice_version, givenAt: r.given_at.toISOString() } : null;
  };
  return { consent: of('notice'), idNumberConsent: of('id_number') };
}

/**
 * The seeker closes their registration (DELETE /seekers/me): withdrawing consent (PIPL art. 15) and
 * asking for deletion (art. 47) in one step. In one command: the profile and the authorisations on
 * it are deleted, every consent in force is closed (the rows stay: when it was given and
 * withdrawn), and the seeker membership ends with its sessions (identity.closeSeekerMembership; a
 * person with no other membership is erased). Applications made stay with the employers without the
 * seeker's name or phone (those came from the profile). Audited (`seekers.registration.close`).
 */
export async function closeRegistration(deps: Deps, actor: Actor, ctx: RequestContext): Promise<void> {
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async (c) => {
    // serialised with a first save of the profile (saveProfile takes the same lock)
    await repo.lockAccountProfile(c.tx, actor.accountId);
    const row = await repo.findOwnSeeker(c.tx, actor.scope, actor.accountId);
    if (row) await repo.deleteSeekers(c.tx, [row.key]);
    const division = row?.division_code ?? null;
    const withdrawn = await withdrawConsents(c, actor.accountId, ['notice', 'id_number'], now, division);
    const closed = await identity.closeSeekerMembership(c.deps, actor, ctx);
    c.audit({
      action: 'seekers.registration.close',
      divisionCode: division,
      targetType: 'account',
      targetId: actor.accountId,
      detail: { seekerId: row?.id ?? null, consentsWithdrawn: withdrawn.length, accountErased: closed.accountErased },
    });
  });
}
