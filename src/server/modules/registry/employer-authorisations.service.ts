// An employer authorises an agency to recruit for it (人力资源市场暂行条例 第二十六条; issue 9;
// decision 0035): a grant on the employer row for the agency (its administrator and staff read the
// employer through inScope), with the signed authorisation uploaded as an employer_authorisation
// attachment. Recorded and revocable; both audited.
import type { Actor, RequestContext } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import * as attachments from '../attachments/service.ts';
import { getAgencyRow } from './agencies.service.ts';
import * as repo from './repository/employer-authorisations.ts';
import * as employers from './repository/employers.ts';

type Row = { id: number; grantee: string; granted_at: Date; expires_at: Date | null; attachment_id: number | null };

function present(g: Row) {
  const [, division = '', id = '0'] = g.grantee.split(':');
  return { id: g.id, agencyId: Number(id), agencyDivision: division, documentId: g.attachment_id, grantedAt: g.granted_at.toISOString(), revokedAt: g.expires_at?.toISOString() ?? null };
}

async function ownEmployer(deps: Deps, actor: Actor) {
  if (actor.employerId === undefined) throw notFound();
  const row = await employers.findEmployer(deps.db, actor.scope, actor.employerId);
  if (!row) throw notFound();
  return row;
}

/** The signed-in employer's authorisations of agencies, newest first, live and revoked. */
export async function listEmployerAuthorisations(deps: Deps, actor: Actor) {
  const e = await ownEmployer(deps, actor);
  return { items: (await repo.authorisationsOf(deps.db, e.key)).map(present) };
}

const AGENCY_DIRECTORY = systemScope('an employer authorising an agency: licensed agencies are public');

/**
 * The signed-in employer authorises `agencyId` (an active agency anywhere; 400 naming agencyId
 * otherwise) with `documentId`, an employer_authorisation attachment it uploaded to its own county
 * and not used yet (400 naming documentId). A live authorisation of the same agency: 409
 * employer_authorisation_exists. Audited (registry.employer_authorisation.grant).
 */
export async function authoriseAgencyForEmployer(deps: Deps, actor: Actor, input: { agencyId: number; documentId: number }, ctx: RequestContext) {
  const e = await ownEmployer(deps, actor);
  const agency = await getAgencyRow(deps, AGENCY_DIRECTORY, input.agencyId).catch(() => undefined);
  if (agency?.status !== 'active') throw fieldError('agencyId', 'agency_unknown');
  if (!(await attachments.findUsable(deps, actor, input.documentId, 'employer_authorisation', e.division_code))) throw fieldError('documentId', 'attachment_unusable');
  const now = deps.clock.now();
  const id = await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
    const grantId = await repo.insertAuthorisation(tx, e.key, { divisionCode: agency.division_code, id: agency.id }, now);
    if (grantId === undefined) throw new AppError('employer_authorisation_exists');
    await attachments.attachToOwner(inTx, actor, { id: input.documentId, kind: 'employer_authorisation', divisionCode: e.division_code, field: 'documentId' }, { table: 'access_grants', id: grantId });
    audit({ action: 'registry.employer_authorisation.grant', divisionCode: e.division_code, targetType: 'employer', targetId: e.id, detail: { grantId, agencyId: agency.id, agencyDivision: agency.division_code, documentId: input.documentId } });
    return grantId;
  });
  const made = (await repo.authorisationsOf(deps.db, e.key)).find((g) => g.id === id);
  if (!made) throw new Error('authorisation vanished');
  return present(made);
}

/** Revokes one live authorisation of the signed-in employer (404 when none such is live). Audited. */
export async function revokeEmployerAuthorisation(deps: Deps, actor: Actor, grantId: number, ctx: RequestContext) {
  const e = await ownEmployer(deps, actor);
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    if (!(await repo.revokeAuthorisation(tx, e.key, grantId, deps.clock.now()))) throw notFound();
    audit({ action: 'registry.employer_authorisation.revoke', divisionCode: e.division_code, targetType: 'employer', targetId: e.id, detail: { grantId } });
  });
}
