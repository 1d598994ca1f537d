// Consent to health-data processing (issue 8 P3, PIPL art. 28–30; decision 0026). A staff member
// consents for themselves only (the route admits no other role: an administrator's POST is 403,
// case 06); an administrator records a paper consent signed by a colleague without a smartphone
// (text version, date signed, where the form is kept) and may withdraw only such a paper consent.
// Withdrawal stops new records at once (queued reports included) and every reminder; records
// already kept stay until their retention ends. Every change is audited; the rows are the history.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import { t } from '../../platform/i18n.ts';
import { beijingDate, clockText } from '../../../shared/beijing-day.ts';
import { cutoffOf, type StaffRow, staffRow } from './checkins.common.ts';
import * as repo from './repository/consent.ts';
import { CONSENT_TEXT_VERSION } from './schemas.ts';
import type * as s from './schemas.ts';

/** What the consent screen shows and where `staff` stands: in force, withdrawn or never given, with the history. */
async function stateOf(deps: Deps, actor: Actor, staff: StaffRow, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<z.infer<typeof s.consentState>> {
  const history = await repo.consentHistory(deps.db, staff.key);
  const last = history.at(-1);
  const days = deps.config.prevention.checkinRetentionDays;
  return {
    textVersion: CONSENT_TEXT_VERSION,
    purpose: t(locale, 'consent_purpose'),
    text: t(locale, 'consent_text', { days }),
    retentionDays: days,
    cutoff: clockText(await cutoffOf(deps, actor, staff.division_code, staff.agency_id)),
    status: !last ? 'none' : last.withdrawn_at ? 'withdrawn' : 'in_force',
    staffId: staff.id,
    history: history.map((h) => ({
      givenAt: h.given_at.toISOString(),
      method: h.method as 'self' | 'paper',
      textVersion: h.text_version,
      paperSignedOn: h.paper_signed_on_text,
      paperReference: h.paper_reference,
      withdrawnAt: h.withdrawn_at?.toISOString() ?? null,
    })),
  };
}

/** The caller's own consent screen (purpose, retention, text version) and status. */
export async function myConsent(deps: Deps, actor: Actor, locale: 'zh-CN' | 'en') {
  return stateOf(deps, actor, await staffRow(deps, actor, actor.staffId), locale);
}

/**
 * The staff member consents for themselves. 201 with the state when given now, 200 when consent
 * was already in force (nothing written). Audited as `prevention.consent.give`.
 */
export async function giveConsent(deps: Deps, actor: Actor, ctx: RequestContext): Promise<{ created: boolean; state: z.infer<typeof s.consentState> }> {
  const staff = await staffRow(deps, actor, actor.staffId);
  const now = deps.clock.now();
  const created = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const id = await repo.insertConsent(tx, staff.key, { agency_id: staff.agency_id, text_version: CONSENT_TEXT_VERSION, given_at: now, given_by: actor.accountId, method: 'self', paper_signed_on: null, paper_reference: null });
    if (id) audit({ action: 'prevention.consent.give', divisionCode: staff.division_code, targetType: 'agency_staff', targetId: staff.id, personalTarget: true, detail: { method: 'self', textVersion: CONSENT_TEXT_VERSION, consentId: id.id } });
    return Boolean(id);
  });
  return { created, state: await stateOf(deps, actor, staff, ctx.locale) };
}

/** The staff member withdraws their consent (self or paper); 404 `consent_not_given` when none is in force. Audited. */
export async function withdrawConsent(deps: Deps, actor: Actor, ctx: RequestContext) {
  const staff = await staffRow(deps, actor, actor.staffId);
  await withdraw(deps, actor, staff, ctx, null);
  return stateOf(deps, actor, staff, ctx.locale);
}

async function withdraw(deps: Deps, actor: Actor, staff: StaffRow, ctx: RequestContext, onlyMethod: 'paper' | null): Promise<void> {
  const open = await repo.openConsent(deps.db, actor.scope, staff.key);
  if (!open) throw new AppError('consent_not_given');
  if (onlyMethod && open.method !== onlyMethod) throw new AppError('consent_not_paper');
  const now = deps.clock.now();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    // a racing second withdrawal finds it closed: no second event
    if (!(await repo.withdrawConsent(tx, open.key, now, actor.accountId))) throw new AppError('consent_not_given');
    audit({ action: 'prevention.consent.withdraw', divisionCode: staff.division_code, targetType: 'agency_staff', targetId: staff.id, personalTarget: true, detail: { method: open.method, consentId: open.id, by: actor.staffId === staff.id ? 'self' : 'administrator' } });
  });
}

/**
 * The agency's administrator records a paper consent a colleague signed (text version, the date on
 * the form — not after today — and where the form is kept). 409 when a consent is in force already,
 * and 409 `consent_decided_on_phone` for a person who has ever consented on their own phone: they
 * decide, and withdraw, there (case 06: nobody consents for someone else).
 * Audited as `prevention.consent.paper`.
 */
export async function recordPaperConsent(deps: Deps, actor: Actor, input: z.infer<typeof s.paperConsentCreate>, ctx: RequestContext) {
  const staff = await staffRow(deps, actor, input.staffId);
  const now = deps.clock.now();
  if (input.signedOn > beijingDate(now)) throw fieldError('signedOn', 'paper_date_in_future');
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const id = await repo.insertPaperConsent(tx, staff.key, { agency_id: staff.agency_id, text_version: input.textVersion, given_at: now, given_by: actor.accountId, paper_signed_on: input.signedOn, paper_reference: input.reference });
    if (!id) throw new AppError((await repo.hasSelfConsent(tx, staff.key)) ? 'consent_decided_on_phone' : 'consent_already_in_force');
    audit({ action: 'prevention.consent.paper', divisionCode: staff.division_code, targetType: 'agency_staff', targetId: staff.id, personalTarget: true, detail: { consentId: id.id, textVersion: input.textVersion, signedOn: input.signedOn, reference: input.reference } });
  });
  return stateOf(deps, actor, staff, ctx.locale);
}

/** The administrator records the withdrawal of a paper consent (the colleague asked); a consent given on the person's own phone only they withdraw (409). */
export async function withdrawPaperConsent(deps: Deps, actor: Actor, staffId: number, ctx: RequestContext) {
  const staff = await staffRow(deps, actor, staffId);
  await withdraw(deps, actor, staff, ctx, 'paper');
  return stateOf(deps, actor, staff, ctx.locale);
}

/** A colleague's consent state as the administrator sees it (no health values). */
export async function staffConsent(deps: Deps, actor: Actor, staffId: number, locale: 'zh-CN' | 'en') {
  return stateOf(deps, actor, await staffRow(deps, actor, staffId), locale);
}
