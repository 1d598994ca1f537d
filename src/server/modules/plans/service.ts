// Prevention plans (issue 8 P1, decision 0027): each agency's plan — measures from a checklist plus
// free text, its named responsible person (R1) — its protective equipment stock with a minimum level
// (below it: a low-stock warning the agency and its supervising bureaus see) and the log of
// education sessions given to its staff. The agency's administrator edits; officials in scope and
// the agency's own people read; every change is audited. Other modules call these, never the
// repository; the bureau desk calls `planFigures`.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import type { Scope } from '../../db/scope.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import { beijingDate } from '../../../shared/beijing-day.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import { isUniqueViolation } from '../../db/errors.ts';


async function agencyRow(deps: Deps, actor: Actor, agencyId: number) {
  const row = await repo.findAgency(deps.db, actor.scope, agencyId);
  if (!row) throw notFound();
  return row;
}

function presentStock(r: repo.StockRow) {
  return { id: r.id, kind: r.kind as z.infer<typeof s.stockKind>, name: r.name, unit: r.unit, quantity: r.quantity, minimum: r.minimum, low: r.low ?? r.quantity < r.minimum, updatedAt: r.updated_at.toISOString() };
}

/**
 * The agency's plan as its desk and the bureaus above it read it: `hasPlan: false` with empty
 * fields until the administrator saves one; stock with `low` per item and the count of low items;
 * the 50 most recent education sessions with their attendees. 404 when the agency is out of scope.
 */
export async function getPlan(deps: Deps, actor: Actor, agencyId: number) {
  const agency = await agencyRow(deps, actor, agencyId);
  const [plan, stock, sessions] = await Promise.all([repo.planOf(deps.db, agency.key), repo.stockOf(deps.db, agency.key), repo.sessionsOf(deps.db, agency.key, 50)]);
  const items = stock.map(presentStock);
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    divisionCode: agency.division_code,
    divisionName: agency.division_name,
    hasPlan: Boolean(plan),
    measures: (plan?.measures ?? []) as z.infer<typeof s.measure>[],
    measuresText: plan?.measures_text ?? '',
    responsibleName: plan?.responsible_name ?? null,
    responsiblePosition: plan?.responsible_position ?? null,
    responsibleStaffId: plan?.responsible_staff_id ?? null,
    updatedAt: plan?.updated_at.toISOString() ?? null,
    stock: items,
    lowStockItems: items.filter((i) => i.low).length,
    education: sessions.map((x) => ({ id: x.id, heldOn: x.held_on, topic: x.topic, note: x.note, attendees: x.attendees ?? [], createdAt: x.created_at.toISOString() })),
  };
}

/** Saves the plan (creates or replaces it); a responsible staff id must be on the active roster. Audited `plans.plan.save`. */
export async function savePlan(deps: Deps, actor: Actor, agencyId: number, input: z.infer<typeof s.planPut>, ctx: RequestContext) {
  const agency = await agencyRow(deps, actor, agencyId);
  const staffId = input.responsibleStaffId ?? null;
  if (staffId !== null && !(await repo.activeRosterIds(deps.db, agency.key, [staffId])).has(staffId)) throw fieldError('responsibleStaffId', 'not_on_active_roster', { ids: String(staffId) });
  const measures = [...new Set(input.measures)];
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const r = await repo.upsertPlan(
      tx,
      agency.key,
      { measures, measures_text: input.measuresText, responsible_name: input.responsibleName, responsible_position: input.responsiblePosition, responsible_staff_id: staffId },
      deps.clock.now(),
      actor.accountId,
    );
    audit({ action: 'plans.plan.save', divisionCode: agency.division_code, targetType: 'agency', targetId: agency.id, detail: { created: r.created, measures, responsibleName: input.responsibleName } });
  });
  return getPlan(deps, actor, agencyId);
}

/** Adds a stock item (409 stock_item_exists on a name the agency already uses). Audited `plans.stock.add`. */
export async function addStockItem(deps: Deps, actor: Actor, agencyId: number, input: z.infer<typeof s.stockCreate>, ctx: RequestContext) {
  const agency = await agencyRow(deps, actor, agencyId);
  try {
    const item = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
      const k = await repo.insertStockItem(tx, agency.key, input, deps.clock.now(), actor.accountId);
      audit({ action: 'plans.stock.add', divisionCode: agency.division_code, targetType: 'stock_item', targetId: k.id, detail: { ...input, low: k.low } });
      return k;
    });
    return presentStock((await repo.findStockItem(deps.db, agency.key, item.id)) as repo.StockRow);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('stock_item_exists', { name: input.name });
    throw e;
  }
}

/** Changes a stock item (a count, a new minimum); audited with the values before. */
export async function updateStockItem(deps: Deps, actor: Actor, agencyId: number, itemId: number, input: z.infer<typeof s.stockUpdate>, ctx: RequestContext) {
  const agency = await agencyRow(deps, actor, agencyId);
  const item = await repo.findStockItem(deps.db, agency.key, itemId);
  if (!item) throw notFound();
  try {
    await command(deps, { actor, ctx }, async ({ tx, audit }) => {
      const r = await repo.updateStockItem(tx, item.key, input, deps.clock.now(), actor.accountId);
      audit({ action: 'plans.stock.update', divisionCode: agency.division_code, targetType: 'stock_item', targetId: itemId, detail: { before: { quantity: item.quantity, minimum: item.minimum, name: item.name }, changes: input, low: r.low } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('stock_item_exists', { name: input.name ?? item.name });
    throw e;
  }
  return presentStock((await repo.findStockItem(deps.db, agency.key, itemId)) as repo.StockRow);
}

export async function deleteStockItem(deps: Deps, actor: Actor, agencyId: number, itemId: number, ctx: RequestContext) {
  const agency = await agencyRow(deps, actor, agencyId);
  const item = await repo.findStockItem(deps.db, agency.key, itemId);
  if (!item) throw notFound();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.deleteStockItem(tx, item.key);
    audit({ action: 'plans.stock.delete', divisionCode: agency.division_code, targetType: 'stock_item', targetId: itemId, detail: { name: item.name, quantity: item.quantity, minimum: item.minimum } });
  });
  return { deleted: itemId };
}

/**
 * Logs an education session: a date not after today (Beijing), a topic, attendees from the
 * agency's active roster (400 naming `attendees` with the ids that are not). Audited `plans.education.add`.
 */
export async function addSession(deps: Deps, actor: Actor, agencyId: number, input: z.infer<typeof s.sessionCreate>, ctx: RequestContext) {
  const agency = await agencyRow(deps, actor, agencyId);
  if (input.heldOn > beijingDate(deps.clock.now())) throw fieldError('heldOn', 'date_after_today');
  const ids = [...new Set(input.attendees)];
  const known = await repo.activeRosterIds(deps.db, agency.key, ids);
  const unknown = ids.filter((i) => !known.has(i));
  if (unknown.length) throw fieldError('attendees', 'not_on_active_roster', { ids: unknown.slice(0, 10).join(', ') });
  const key = await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const k = await repo.insertSession(tx, agency.key, { held_on: input.heldOn, topic: input.topic, note: input.note }, ids, deps.clock.now(), actor.accountId);
    audit({ action: 'plans.education.add', divisionCode: agency.division_code, targetType: 'education_session', targetId: k.id, detail: { heldOn: input.heldOn, topic: input.topic, attendees: ids.length } });
    return k;
  });
  const sessions = await repo.sessionsOf(deps.db, agency.key, 200);
  const x = sessions.find((r) => r.id === key.id) as repo.SessionRow;
  return { id: x.id, heldOn: x.held_on, topic: x.topic, note: x.note, attendees: x.attendees ?? [], createdAt: x.created_at.toISOString() };
}

export async function deleteSession(deps: Deps, actor: Actor, agencyId: number, sessionId: number, ctx: RequestContext) {
  const agency = await agencyRow(deps, actor, agencyId);
  const session = await repo.findSession(deps.db, agency.key, sessionId);
  if (!session) throw notFound();
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.deleteSession(tx, session.key);
    audit({ action: 'plans.education.delete', divisionCode: agency.division_code, targetType: 'education_session', targetId: sessionId, detail: { heldOn: session.held_on, topic: session.topic } });
  });
  return { deleted: sessionId };
}

/**
 * Per-agency plan figures in a scope, for the bureau desk (R1: every gap lands on the desk of the
 * bureau that supervises it). Shape per agency, in (divisionCode, agencyId) order:
 *   { divisionCode, agencyId, agencyName, hasPlan, responsibleName, responsiblePosition,
 *     planUpdatedAt (ISO or null), stockItems, lowStockItems,
 *     lowStock: [{ name, kind, quantity, minimum, unit }], educationSessions, lastEducationOn ('YYYY-MM-DD' or null) }
 * Active agencies only; `division` narrows to a prefix inside the scope ('5301', '530102').
 */
export async function planFigures(deps: Pick<Deps, 'db'>, scope: Scope, opts: { division?: string } = {}) {
  const rows = await repo.planFiguresByAgency(deps.db, scope, opts);
  return rows.map((r) => ({
    divisionCode: r.division_code,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    hasPlan: r.has_plan,
    responsibleName: r.responsible_name,
    responsiblePosition: r.responsible_position,
    planUpdatedAt: r.plan_updated_at ? new Date(r.plan_updated_at).toISOString() : null,
    stockItems: r.stock_items ?? 0,
    lowStockItems: r.low_stock_items ?? 0,
    lowStock: r.low_stock ?? [],
    educationSessions: r.education_sessions ?? 0,
    lastEducationOn: r.last_education_on ?? null,
  }));
}
