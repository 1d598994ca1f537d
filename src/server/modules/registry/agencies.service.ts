// Agencies (人力资源服务机构): registered and changed by the bureaus of their county's line, read by
// those bureaus and by the agency's own people.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { type Scope, scopeCovers } from '../../db/scope.ts';
import { fieldError, notFound } from '../../http/errors.ts';
import { decodeCursor, fetchAllPages, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import { creditCodeDivision } from '../../../shared/identifiers.ts';
import * as identity from '../identity/service.ts';
import * as reference from '../reference/service.ts';
import { seesContactNumbers } from './access.ts';
import { presentAgency } from './presenters.ts';
import * as repo from './repository/agencies.ts';
import { divisionCursor, isUniqueViolation } from './repository/common.ts';
import type * as s from './schemas.ts';

/** One page of agencies in the actor's scope, contact numbers masked. */
export async function listAgencies(deps: Deps, actor: Actor, q: z.infer<typeof s.agenciesQuery>) {
  const after = decodeCursor(q.cursor, divisionCursor);
  const rows = await repo.listAgencies(deps.db, actor.scope, q, { limit: q.limit, after });
  return toPage(rows, q.limit, (r) => presentAgency(r, { unmasked: seesContactNumbers('list') }), (r) => [r.division_code, r.id]);
}

/** Every agency in scope matching the filter, for an export; the export itself is audited. */
export async function exportAgencies(deps: Deps, actor: Actor, q: repo.AgencyFilter, ctx: RequestContext) {
  const rows = await fetchAllPages<repo.AgencyRow, [string, number]>(
    (after, limit) => repo.listAgencies(deps.db, actor.scope, q, { limit, after }),
    (r) => [r.division_code, r.id],
  );
  await command(deps, { actor, ctx }, async ({ audit }) => audit({ action: 'registry.agency.export', targetType: 'agencies', detail: { rows: rows.length, filter: q } }));
  return rows;
}

/** The agency row with its scoped key, or 404 (missing and out of scope alike). */
export async function getAgencyRow(deps: Pick<Deps, 'db'>, scope: Scope, id: number) {
  const row = await repo.findAgency(deps.db, scope, id);
  if (!row) throw notFound();
  return row;
}

export async function getAgency(deps: Deps, actor: Actor, id: number) {
  return presentAgency(await getAgencyRow(deps, actor.scope, id), { unmasked: seesContactNumbers('detail') });
}

/**
 * A county the actor may register in, or a field error naming `divisionCode`: unknown, abolished
 * ("530422 已撤销，请使用 530481（澄江市）": reference checkDivision), not a county, or outside the
 * actor's jurisdiction (the write rule, db/scope.ts scopeCovers).
 */
export async function requireCountyInScope(deps: Deps, actor: Actor, code: string) {
  const check = await reference.checkDivision(deps, code);
  if (!check.ok) throw fieldError('divisionCode', check.key, check.params);
  const d = check.division;
  if (d.level !== 'county') throw fieldError('divisionCode', 'division_not_county');
  if (!scopeCovers(actor.scope, code)) throw fieldError('divisionCode', 'division_out_of_scope');
  return d;
}

/**
 * A credit code whose registration authority (characters 3–8) lies in this deployment's province
 * (config YUNQIAO_PROVINCE) must name a division of the loaded table, of this edition or an earlier
 * one (GB 32100-2015: the registering authority's GB/T 2260 code, fixed when the code is issued;
 * abolished codes stay in the table, inactive, so a code issued under 530422 澄江县 stays valid),
 * else a field error naming `creditCode`. Codes from other provinces were checked by the schema
 * (platform/fields.ts creditCode: a province's two digits, or 100000).
 */
export async function requireKnownCreditCodeDivision(deps: Deps, creditCode: string) {
  const division = creditCodeDivision(creditCode);
  if (!division.startsWith(deps.config.province.slice(0, 2))) return;
  if (!(await reference.findDivision(deps, division))) throw fieldError('creditCode', 'credit_code_division_unknown', { division });
}

export async function createAgency(deps: Deps, actor: Actor, input: z.infer<typeof s.agencyCreate>, ctx: RequestContext) {
  await requireCountyInScope(deps, actor, input.divisionCode);
  await requireKnownCreditCodeDivision(deps, input.creditCode);
  const now = deps.clock.now();
  try {
    const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
      const k = await repo.insertAgency(tx, {
        division_code: input.divisionCode,
        name: input.name,
        kind: input.kind,
        licence_no: input.licenceNo,
        credit_code: input.creditCode,
        address: input.address,
        responsible_person: input.responsiblePerson,
        responsible_phone: input.responsiblePhone,
        created_at: now,
        updated_at: now,
      });
      audit({ action: 'registry.agency.create', divisionCode: k.division_code, targetType: 'agency', targetId: k.id, detail: { name: input.name } });
      return k;
    });
    return await getAgency(deps, actor, key.id);
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError('creditCode', 'duplicate_credit_code');
    throw e;
  }
}

export async function updateAgency(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.agencyUpdate>, ctx: RequestContext) {
  const row = await getAgencyRow(deps, actor.scope, id);
  await command(deps, { actor, ctx }, async ({ tx, audit, deps: inTx }) => {
    if (input.status === 'closed') await identity.endSessionsOfOrganisation(inTx, { divisionCode: row.division_code, agencyId: row.id });
    await repo.updateAgency(tx, row.key, {
      ...(input.status ? { status: input.status } : {}),
      ...(input.address ? { address: input.address } : {}),
      ...(input.responsiblePerson ? { responsible_person: input.responsiblePerson } : {}),
      ...(input.responsiblePhone ? { responsible_phone: input.responsiblePhone } : {}),
      updated_at: deps.clock.now(),
    });
    audit({ action: 'registry.agency.update', divisionCode: row.division_code, targetType: 'agency', targetId: id, detail: { fields: Object.keys(input) } });
  });
  return getAgency(deps, actor, id);
}
