// What a module declares to the composition root (src/server/modules/index.ts). Infrastructure
// reads these declarations; it never imports a module.
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import type { Tx } from '../db/tx.ts';
import type { DB } from '../db/types.ts';
import type { BoundJob } from '../jobs/contract.ts';
import type { Caller } from './command.ts';
import type { MessageCatalogue } from './i18n.ts';

/** How a request names a person: by account, by phone (11 digits), or by the keyed hash of a citizen ID number (FieldCrypto.keyedHash). Any one is enough. */
export type PersonRef = { accountId?: number; phone?: string; idNumberHash?: string };

/**
 * One person as every module may know them: all their accounts, phones and ID-number hashes. The
 * composition root widens a PersonRef into this through the modules' `link` hooks (an account's
 * phone, a roster row's ID hash, …) until nothing new turns up, so each module looks the person up
 * by whatever it keeps.
 */
export type Person = { accountIds: number[]; phones: string[]; idNumberHashes: string[] };

/** One record a module holds about a person: enough to list it and to find it again; `data` whole only in an export. */
export type PersonalRecord = { module: string; kind: string; divisionCode: string | null; id: number | string; data: Record<string, unknown> };

/**
 * A module's answer for one person's data. `link` returns the other identifiers of the person it
 * knows; `find` lists what it holds with masked or no values (a reply to "what do you hold about
 * me"); `export` returns it whole, unmasked (PIPL art. 45: a copy on request); `erase` deletes or
 * anonymises it (art. 47: deletion when the purpose is met, consent is withdrawn, or the person
 * asks) and returns how many records changed. Retention purges use `erase` too. These run across
 * every division (the system scope): the caller is the official or job that asked, for the audit
 * trail.
 */
export type PersonalDataHook = {
  link?(deps: Deps, person: Person): Promise<Partial<Person>>;
  find(deps: Deps, person: Person): Promise<PersonalRecord[]>;
  export(deps: Deps, person: Person): Promise<PersonalRecord[]>;
  erase(deps: Deps, person: Person, caller: Caller): Promise<number>;
};

/** One re-coding (decision 0022): the rows of `from`, an abolished division, move to `to`, its successor. */
export type Recode = { from: string; to: string };

/**
 * What a module does when a division is re-coded (`yunqiao reference recode FROM TO`, decision
 * 0022), all in one transaction run by the composition root: every module's `moves` are copied
 * under `to` (modules in manifest order, each list parents first), then every `relink` runs, then
 * the copied rows are deleted under `from` (the reverse order). Rows are never updated in place:
 * under Citus the distribution column cannot change, and no foreign key has to be deferred. Every
 * place-owned table (division_code first in its key) a module creates is in its `moves` or its
 * `stays` (test/schema/recode.test.ts fails otherwise).
 */
export type RecodeHook = {
  /** Place-owned tables whose rows move, parents before children (composite keys keep their ids). */
  moves?: readonly string[];
  /** Place-owned tables whose rows stay under the old code, each with the reason; the successor's officials read them through their predecessor prefixes (db/scope.ts). */
  stays?: Readonly<Record<string, string>>;
  /**
   * Rewrites what names the division outside place-owned keys (an account's organisation, a
   * credit-code claim's owner, a grantee key), after the copies and before the deletes, so foreign
   * keys hold at every statement. Returns counts by what it changed.
   */
  relink?(tx: Tx, recode: Recode): Promise<Record<string, number>>;
};

/**
 * A person moved to a new phone by a county office (identity's number change, issue 7 §1): the
 * account, the number it had (null: none) and the new one, and the roster rows its memberships
 * stand on (agency_staff by division and id), which still carry the old number.
 */
export type PhoneMove = { accountId: number; from: string | null; to: string; rosterRows: ReadonlyArray<{ divisionCode: string; staffId: number }> };

/** A Prometheus gauge a module contributes to /metrics. */
export type GaugeDefinition = { name: string; help: string; collect(deps: Deps): Promise<number> };

/** A loop a worker process runs beside its queue workers (the audit appender). */
export type BackgroundLoop = { name: string; start(deps: Deps): { stop(): Promise<void> } };

export type ModuleDefinition = {
  /** The folder name under src/server/modules/. */
  name: string;
  /** Its routes, registered under /api/v1; every route declares config.access. */
  routes?: (deps: Deps) => FastifyPluginAsync;
  /**
   * Pages rendered on the server, registered at the root (crawlers and feed consumers run no
   * JavaScript: a posting's public page); every route declares config.access like the API's.
   */
  pages?: (deps: Deps) => FastifyPluginAsync;
  /** Its jobs: contracts (queues are created from them) bound to handlers. */
  jobs?: readonly BoundJob[];
  /** Its error codes, detail messages and HTTP statuses, zh-CN and en. */
  messages?: MessageCatalogue;
  /** Loads or updates its reference tables as the owner, at every start (idempotent, cheap when current). */
  referenceData?: (owner: Kysely<DB>, config: Config) => Promise<Record<string, number>>;
  /** What it holds about a person; every module holding personal information declares it. */
  personalData?: PersonalDataHook;
  /** How its place-owned rows follow a division that changed its code. */
  recode?: RecodeHook;
  gauges?: readonly GaugeDefinition[];
  loops?: readonly BackgroundLoop[];
  /**
   * Re-points the module's rows that carry a person's old phone to the new one (deps.hooks.phoneMoved),
   * in the caller's transaction (`deps.db`), audited; returns how many rows changed. A module that
   * keeps a copy of people's phones declares it, so a later save of its row cannot undo the move.
   */
  phoneMoved?: (deps: Deps, move: PhoneMove, caller: Caller) => Promise<number>;
};
