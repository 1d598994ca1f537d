// The composition root: every module, once. Only app.ts, runtime.ts and the CLI import this file;
// infrastructure (db/, http/, jobs/, platform/) reads these declarations through parameters and
// deps, never by importing a module. Adding a module: its folder (module.ts declaring it), its
// migration, and one line below.
import type { Deps, Hooks } from '../deps.ts';
import type { PrepareHooks } from '../db/open.ts';
import { copyRows, releaseRows } from '../db/recode.ts';
import type { BoundJob, JobContract } from '../jobs/contract.ts';
import { type Caller, command } from '../platform/command.ts';
import { installCatalogue } from '../platform/i18n.ts';
import type { GaugeDefinition, ModuleDefinition, Person, PersonalRecord, PersonRef } from '../platform/module.ts';
import { alertsModule } from './alerts/module.ts';
import { attachmentsModule } from './attachments/module.ts';
import { auditModule } from './audit/module.ts';
import { recordAudit, recordAuditOfInsert } from './audit/service.ts';
import { channelsModule } from './channels/module.ts';
import { enqueueMessage, enqueueMessages } from './channels/service.ts';
import { identityModule } from './identity/module.ts';
import { marketModule } from './market/module.ts';
import { matchingModule } from './matching/module.ts';
import { countHits, resolveSession } from './identity/service.ts';
import { oversightModule } from './oversight/module.ts';
import { placementsModule } from './placements/module.ts';
import { plansModule } from './plans/module.ts';
import { preventionModule } from './prevention/module.ts';
import { referenceModule } from './reference/module.ts';
import { requireRecodable } from './reference/service.ts';
import { registryModule } from './registry/module.ts';
import { resumptionModule } from './resumption/module.ts';
import { screeningModule } from './screening/module.ts';
import { seekersModule } from './seekers/module.ts';
import { venuesModule } from './venues/module.ts';

export const MODULES: readonly ModuleDefinition[] = [identityModule, auditModule, channelsModule, referenceModule, attachmentsModule, registryModule, preventionModule, venuesModule, plansModule, screeningModule, oversightModule, marketModule, seekersModule, matchingModule, alertsModule, resumptionModule, placementsModule];

for (const m of MODULES) if (m.messages) installCatalogue(m.name, m.messages);

/** Every job of every module, bound to its handler. */
export const allJobs = (): BoundJob[] => MODULES.flatMap((m) => m.jobs ?? []);
/** Every job contract (one queue each). */
export const allContracts = (): JobContract[] => allJobs().map((j) => j.contract);
export const allGauges = (): GaugeDefinition[] => MODULES.flatMap((m) => m.gauges ?? []);

/** What preparing the database needs from the modules. */
export const prepareHooks = (): PrepareHooks => ({
  queues: allContracts(),
  referenceData: MODULES.flatMap((m) => (m.referenceData ? [m.referenceData] : [])),
});

/**
 * The hooks infrastructure calls, bound to the process's deps (read through `getDeps`, because
 * the deps object holds the hooks): audit entries, outbox messages, session resolution; and the one
 * identity calls on the modules that keep people's phones (a number change, in the caller's transaction).
 */
export function moduleHooks(getDeps: () => Deps): Hooks {
  return {
    audit: async (db, who, entries) => {
      for (const entry of entries) await recordAudit(db, getDeps().clock, who, entry);
    },
    auditInsert: (db, who, write, entry) => recordAuditOfInsert(db, getDeps().clock, who, write, entry),
    enqueue: (tx, message) => enqueueMessage(getDeps(), tx, message),
    enqueueMany: (tx, messages) => enqueueMessages(getDeps(), tx, messages),
    resolveSession: (token) => resolveSession(getDeps(), token),
    countHits: (keys, now, windowMs) => countHits(getDeps(), keys, now, windowMs),
    phoneMoved: async (deps, move, who) => {
      const counts: Record<string, number> = {};
      for (const m of MODULES) if (m.phoneMoved) counts[m.name] = await m.phoneMoved(deps, move, who);
      return counts;
    },
  };
}

/**
 * Widens a reference to one person into every identifier the modules know for them (`link`
 * hooks, repeated until nothing new turns up; at most 5 rounds).
 */
export async function resolvePerson(deps: Deps, ref: PersonRef): Promise<Person> {
  const person: Person = {
    accountIds: ref.accountId !== undefined ? [ref.accountId] : [],
    phones: ref.phone ? [ref.phone] : [],
    idNumberHashes: ref.idNumberHash ? [ref.idNumberHash] : [],
  };
  for (let round = 0; round < 5; round++) {
    let grew = false;
    for (const m of MODULES) {
      const more = m.personalData?.link ? await m.personalData.link(deps, person) : {};
      for (const k of ['accountIds', 'phones', 'idNumberHashes'] as const) {
        for (const v of (more[k] ?? []) as (string & number)[]) {
          if (!(person[k] as (string | number)[]).includes(v)) {
            (person[k] as (string | number)[]).push(v);
            grew = true;
          }
        }
      }
    }
    if (!grew) break;
  }
  return person;
}

/** What every module holds about one person, values masked or left out. */
export async function findPersonalData(deps: Deps, ref: PersonRef): Promise<PersonalRecord[]> {
  const person = await resolvePerson(deps, ref);
  const out: PersonalRecord[] = [];
  for (const m of MODULES) if (m.personalData) out.push(...(await m.personalData.find(deps, person)));
  return out;
}

/** One person's data in every module that declares some, whole (PIPL art. 45: a copy on request). */
export async function exportPersonalData(deps: Deps, ref: PersonRef): Promise<PersonalRecord[]> {
  const person = await resolvePerson(deps, ref);
  const out: PersonalRecord[] = [];
  for (const m of MODULES) if (m.personalData) out.push(...(await m.personalData.export(deps, person)));
  return out;
}

/**
 * Erases one person's data in every module, in one command (PIPL art. 47); returns records changed
 * per module. Modules erase in reverse manifest order, dependants first (as a recode deletes): a
 * module finds its rows through rows of the modules before it (prevention's check-ins through
 * registry's roster rows), which must not be anonymised yet.
 */
export async function erasePersonalData(deps: Deps, ref: PersonRef, caller: Caller): Promise<Record<string, number>> {
  const person = await resolvePerson(deps, ref);
  return command(deps, caller, async (c) => {
    const counts: Record<string, number> = {};
    for (const m of [...MODULES].reverse()) if (m.personalData) counts[m.name] = await m.personalData.erase(c.deps, person, caller);
    return counts;
  });
}

/** What a re-coding moved and rewrote: rows copied per table, and each module's relink counts. */
export type RecodeResult = { moved: Record<string, number>; relinked: Record<string, number> };

/**
 * `yunqiao reference recode FROM TO` (decision 0022): moves the place-owned rows of FROM, an
 * abolished division, to TO, the active division at the end of its successor chain, through every
 * module's recode hook, in one command: copies (manifest order, parents first), relinks, deletes
 * of what was copied (reverse order). Audited under both codes (reference.division.recode), so
 * each chain records the move. What stays under FROM (the audit trail, sent messages) is read by
 * TO's officials through their predecessor prefixes. Refuses with 400 before anything moves
 * (reference/service.ts requireRecodable); a failure midway rolls everything back.
 */
export async function recodeDivision(deps: Deps, from: string, to: string, caller: Caller): Promise<RecodeResult> {
  await requireRecodable(deps, from, to);
  return command(deps, caller, async ({ tx, audit }) => {
    const moves = MODULES.flatMap((m) => m.recode?.moves ?? []);
    const moved: Record<string, number> = {};
    for (const table of moves) moved[table] = await copyRows(tx, table, from, to);
    const relinked: Record<string, number> = {};
    for (const m of MODULES) {
      if (!m.recode?.relink) continue;
      for (const [k, n] of Object.entries(await m.recode.relink(tx, { from, to }))) relinked[`${m.name}.${k}`] = n;
    }
    for (const table of [...moves].reverse()) {
      const released = await releaseRows(tx, table, from, to);
      if (released !== moved[table]) throw new Error(`recode ${from} → ${to}: ${table} copied ${moved[table]} rows but released ${released}`);
    }
    const detail = { from, to, moved, relinked };
    audit({ action: 'reference.division.recode', divisionCode: to, targetType: 'division', targetId: from, detail });
    audit({ action: 'reference.division.recode', divisionCode: from, targetType: 'division', targetId: from, detail });
    return { moved, relinked };
  });
}
