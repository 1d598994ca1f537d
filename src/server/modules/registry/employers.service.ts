// Employers (用人单位): registered by the bureaus, read by them and by the employer itself; the
// epidemic-prevention supplies flag is a bureau's to set.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { SystemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { fieldError, notFound } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import * as identity from '../identity/service.ts';
import * as reference from '../reference/service.ts';
import { maySetEpidemicSuppliesFlag, seesContactNumbers } from './access.ts';
import { requireCountyInScope, requireKnownCreditCodeDivision } from './agencies.service.ts';
import { presentEmployer } from './presenters.ts';
import { divisionCursor, isUniqueViolation } from './repository/common.ts';
import * as repo from './repository/employers.ts';
import type * as s from './schemas.ts';

export async function listEmployers(deps: Deps, actor: Actor, q: z.infer<typeof s.employersQuery>) {
  const after = decodeCursor(q.cursor, divisionCursor);
  const rows = await repo.listEmployers(deps.db, actor.scope, q, { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentEmployer(r, { unmasked: seesContactNumbers('list') }), (r) => [r.division_code, r.id]);
}

async function getEmployerRow(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findEmployer(deps.db, actor.scope, id);
  if (!row) throw notFound();
  return row;
}

export async function getEmployer(deps: Deps, actor: Actor, id: number) {
  return presentEmployer(await getEmployerRow(deps, actor, id), { unmasked: seesContactNumbers('detail') });
}

export async function createEmployer(deps: Deps, actor: Actor, input: z.infer<typeof s.employerCreate>, ctx: RequestContext) {
  await requireCountyInScope(deps, actor, input.divisionCode);
  await requireKnownCreditCodeDivision(deps, input.creditCode);
  const industry = await reference.findIndustry(deps, input.industryCode);
  if (industry?.level !== 4) throw fieldError('industryCode', 'unknown_industry');
  const now = deps.clock.now();
  try {
    const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
      const k = await repo.insertEmployer(tx, {
        division_code: input.divisionCode,
        credit_code: input.creditCode,
        name: input.name,
        industry_code: input.industryCode,
        address: input.address,
        contact_name: input.contactName,
        contact_phone: input.contactPhone,
        epidemic_supplies_producer: maySetEpidemicSuppliesFlag(actor) ? input.epidemicSuppliesProducer : false,
        created_at: now,
        updated_at: now,
      });
      audit({ action: 'registry.employer.create', divisionCode: k.division_code, targetType: 'employer', targetId: k.id, detail: { name: input.name } });
      return k;
    });
    return await getEmployer(deps, actor, key.id);
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('creditCode', 'duplicate_credit_code');
    throw e;
  }
}

export async function updateEmployer(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.employerUpdate>, ctx: RequestContext) {
  const row = await getEmployerRow(deps, actor, id);
  await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
    if (input.status === 'closed') await identity.endSessionsOfOrganisation(inTx, { divisionCode: row.division_code, employerId: row.id });
    await repo.updateEmployer(tx, row.key, {
      ...(input.epidemicSuppliesProducer !== undefined ? { epidemic_supplies_producer: input.epidemicSuppliesProducer } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.contactName ? { contact_name: input.contactName } : {}),
      ...(input.contactPhone ? { contact_phone: input.contactPhone } : {}),
      ...(input.address ? { address: input.address } : {}),
      updated_at: deps.clock.now(),
    });
    audit({ action: 'registry.employer.update', divisionCode: row.division_code, targetType: 'employer', targetId: id, detail: { fields: Object.keys(input) } });
  });
  return getEmployer(deps, actor, id);
}

/**
 * An employer's unified social credit code and name, for a module that records facts about it
 * under a named cross-module read (placements copy the code the insurance file names the employer
 * by, decision 0051); undefined when no employer has that key.
 */
export async function employerIdentity(deps: Deps, why: SystemScope, divisionCode: string, id: number): Promise<{ creditCode: string; name: string } | undefined> {
  const row = await repo.findEmployer(deps.db, why, id);
  return row && row.division_code === divisionCode ? { creditCode: row.credit_code, name: row.name } : undefined;
}
