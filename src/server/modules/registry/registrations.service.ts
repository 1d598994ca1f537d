// Employers who register themselves (issue 9, "People who sign up"; decision 0035): a signed-in
// person applies with the unified social credit code and a licence scan (an attachment); the county
// bureau of the place approves or refuses with a reason, and the applicant is told through the
// outbox. Until approved nothing claims the code and no employer exists, so no posting of it can be
// published (isApprovedEmployer).
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import { scopeCovers, systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { isOfficial } from '../../../shared/roles.ts';
import * as attachments from '../attachments/service.ts';
import * as identity from '../identity/service.ts';
import * as reference from '../reference/service.ts';
import { requireKnownCreditCodeDivision } from './agencies.service.ts';
import { divisionCursor, isUniqueViolation } from './repository/common.ts';
import * as employers from './repository/employers.ts';
import * as repo from './repository/registrations.ts';
import type * as s from './schemas.ts';

type Registration = z.infer<typeof s.registration>;

function present(r: repo.RegistrationRow): Registration {
  return {
    id: r.id,
    divisionCode: r.division_code,
    creditCode: r.credit_code,
    name: r.name,
    industryCode: r.industry_code,
    ownershipType: r.ownership_type as Registration['ownershipType'],
    address: r.address,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    licenceAttachmentId: r.licence_attachment_id,
    status: r.status as Registration['status'],
    reason: r.reason,
    decidedAt: r.decided_at?.toISOString() ?? null,
    employerId: r.employer_id,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * An employer applies (POST /employer-registrations), signed in as any person: its county (an
 * active county division, 400 naming divisionCode), a credit code whose division part is known
 * (0018), an industry class (level 4), the ownership type, contact, and `licenceAttachmentId` — a
 * business_licence attachment the applicant uploaded to that county, not used yet (400 naming it).
 * A code already claimed by an employer: 400 duplicate_credit_code; the applicant's own pending
 * registration of the same code: 400 credit_code_pending. Claims nothing. Audited
 * (registry.employer_registration.submit). Returns the registration, pending.
 */
export async function submitRegistration(deps: Deps, actor: Actor, input: z.infer<typeof s.registrationCreate>, ctx: RequestContext) {
  const check = await reference.checkDivision(deps, input.divisionCode);
  if (!check.ok) throw fieldError('divisionCode', check.key, check.params);
  if (check.division.level !== 'county') throw fieldError('divisionCode', 'division_not_county');
  await requireKnownCreditCodeDivision(deps, input.creditCode);
  const industry = await reference.findIndustry(deps, input.industryCode);
  if (industry?.level !== 4) throw fieldError('industryCode', 'unknown_industry');
  if (await repo.employerCodeClaimed(deps.db, input.creditCode)) throw fieldError('creditCode', 'duplicate_credit_code');
  const mine = await repo.listRegistrations(deps.db, { kind: 'seeker', accountId: actor.accountId, grants: [] }, { creditCode: input.creditCode, status: 'pending' }, { limit: 1 });
  if (mine.length) throw fieldError('creditCode', 'credit_code_pending');
  if (!(await attachments.findUsable(deps, actor, input.licenceAttachmentId, 'business_licence', input.divisionCode))) throw fieldError('licenceAttachmentId', 'attachment_unusable');
  const key = await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
    const k = await repo.insertRegistration(tx, {
      division_code: input.divisionCode,
      account_id: actor.accountId,
      credit_code: input.creditCode,
      name: input.name,
      industry_code: input.industryCode,
      ownership_type: input.ownershipType,
      address: input.address,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      licence_attachment_id: input.licenceAttachmentId,
      created_at: deps.clock.now(),
    });
    await attachments.attachToOwner(inTx, actor, { id: input.licenceAttachmentId, kind: 'business_licence', divisionCode: input.divisionCode, field: 'licenceAttachmentId' }, { table: 'employer_registrations', id: k.id });
    audit({ action: 'registry.employer_registration.submit', divisionCode: k.division_code, targetType: 'employer_registration', targetId: k.id, detail: { name: input.name, creditCode: input.creditCode } });
    return k;
  });
  const row = await repo.findRegistration(deps.db, systemScope('the registration just written, read back for the answer'), key.id);
  if (!row) throw new Error('registration vanished');
  return present(row);
}

/** Registrations in scope: officials those of their divisions (filters status, creditCode, division); an applicant their own. Keyset-paged. */
export async function listRegistrations(deps: Deps, actor: Actor, q: z.infer<typeof s.registrationsQuery>) {
  const after = decodeCursor(q.cursor, divisionCursor);
  const rows = await repo.listRegistrations(deps.db, registrationScope(actor), q, { limit: q.limit, after });
  return toPage(rows, q.limit, present, (r) => [r.division_code, r.id]);
}

/** Officials by their scope; everyone else (applicants) by their account, wherever the registration is. */
const registrationScope = (actor: Actor) => (isOfficial(actor.role) ? actor.scope : { kind: 'seeker' as const, accountId: actor.accountId, grants: [] });

const SAME_CODE = systemScope('a county reviewing a registration sees every registration naming the same credit code');

/** One registration in scope (404 otherwise); officials also get `sameCode`, every registration of the code in any county. */
export async function getRegistration(deps: Deps, actor: Actor, id: number): Promise<Registration> {
  const row = await repo.findRegistration(deps.db, registrationScope(actor), id);
  if (!row) throw notFound();
  if (!isOfficial(actor.role)) return present(row);
  const same = await repo.registrationsOfCode(deps.db, SAME_CODE, row.credit_code);
  return { ...present(row), sameCode: same.map((r) => ({ id: r.id, divisionCode: r.division_code, name: r.name, status: r.status as Registration['status'], createdAt: r.created_at.toISOString() })) };
}

/**
 * The bureau decides (POST /employer-registrations/{id}/decision): an official whose reach covers
 * the registration's county (404 otherwise). Approve: the employer is inserted with the
 * registration's fields and claims the code (400 duplicate_credit_code when another registration
 * of it was approved meanwhile); refuse: `reason` required (400 naming it). A decided registration:
 * 409 registration_decided (one statement, so two officials deciding at once give one decision).
 * The applicant is told by SMS through the outbox in the same transaction (template
 * employer_registration_approved / _refused). Audited. Returns the registration.
 */
export async function decideRegistration(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.registrationDecision>, ctx: RequestContext) {
  const row = await repo.findRegistration(deps.db, actor.scope, id);
  if (!row || !scopeCovers(actor.scope, row.division_code)) throw notFound();
  if (row.status !== 'pending') throw new AppError('registration_decided');
  if (input.decision === 'refuse' && !input.reason) throw fieldError('reason', 'refusal_reason_required');
  const phone = await identity.phoneOfAccount(deps, row.account_id);
  const now = deps.clock.now();
  try {
    await command(deps, { actor, ctx }, async ({ tx, audit, send }) => {
      let employerId: number | null = null;
      if (input.decision === 'approve') {
        const k = await employers.insertEmployer(tx, {
          division_code: row.division_code,
          credit_code: row.credit_code,
          name: row.name,
          industry_code: row.industry_code,
          address: row.address,
          contact_name: row.contact_name,
          contact_phone: row.contact_phone,
          epidemic_supplies_producer: false,
          ownership_type: row.ownership_type,
          created_at: now,
          updated_at: now,
        });
        employerId = k.id;
        audit({ action: 'registry.employer.create', divisionCode: k.division_code, targetType: 'employer', targetId: k.id, detail: { name: row.name, registrationId: row.id } });
      }
      const status = input.decision === 'approve' ? 'approved' : 'refused';
      if (!(await repo.decideRegistration(tx, row.key, { status, reason: input.decision === 'refuse' ? (input.reason as string) : null, decided_by: actor.accountId, decided_at: now, employer_id: employerId }))) {
        throw new AppError('registration_decided');
      }
      audit({ action: `registry.employer_registration.${input.decision}`, divisionCode: row.division_code, targetType: 'employer_registration', targetId: row.id, detail: { employerId, ...(input.reason ? { reason: input.reason } : {}) } });
      if (phone) {
        await send({
          divisionCode: row.division_code,
          channel: 'sms',
          recipient: phone,
          template: `employer_registration_${status}`,
          payload: { name: row.name, ...(input.reason ? { reason: input.reason } : {}) },
          idempotency_key: `employer-registration:${row.division_code}:${row.id}`,
        });
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('creditCode', 'duplicate_credit_code');
    throw e;
  }
  return getRegistration(deps, actor, id);
}

/**
 * For the postings module: whether the employer at (divisionCode, employerId) may have a posting
 * published — it exists and is active. Every employer row is approved: a bureau registered it, or
 * its county approved its own registration (an unapproved one has no row). No scope: a yes/no about
 * a public business.
 */
export async function isApprovedEmployer(deps: Pick<Deps, 'db'>, divisionCode: string, employerId: number): Promise<boolean> {
  return employers.employerActive(deps.db, divisionCode, employerId);
}
