// Audit trail (审计日志): every write, every sign-in and every read of someone's health data leaves
// an entry — GB/T 22239-2019 (等保 2.0) 安全审计: who, when, what, outcome, kept tamper-evident.
// Decision 0009:
//  - recordAudit only INSERTs, in the caller's transaction: an immutable entry, its personal fields
//    in an erasable row (with a random salt; the entry keeps H(salt ‖ fields)), and a pending row.
//    No lock, no read: writers in one county never wait on each other.
//  - an appender (appendAuditChains / startAuditAppender) links pending entries into one gap-free
//    hash chain per division right after commit, in short batched transactions.
//  - personal rows can be erased (PIPL 个人信息保护法 art. 47) without breaking any chain: the chain
//    covers the digest, not the values.
//  - verifyAuditChains (`yunqiao audit verify`) walks every chain and names the first bad row.
import { createHash, randomBytes } from 'node:crypto';
import type { OperationNodeSource } from 'kysely';
import { UNPLACED_DIVISION } from '../../actor.ts';
import type { Database } from '../../db/connection.ts';
import { systemScope } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';
import type { Actor } from '../../actor.ts';
import type { AuditEntry, AuditWho } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import * as repo from './repository.ts';

export type { ErasureFilter, HashAlg } from './repository.ts';
type HashAlg = repo.HashAlg;

/** prev_hash of a chain's first link (64 hex zeros; SHA-256 and SM3 both give 256 bits). */
export const GENESIS_HASH = '0'.repeat(64);

/** Target types whose ids identify a person: such an id is personal (erasable), not part of the entry. */
export const PERSONAL_TARGET_TYPES: ReadonlySet<string> = new Set(['account', 'login', 'agency_staff', 'seeker', 'person', 'visitor']);

export type { AuditEntry, AuditWho } from '../../platform/audit.ts';

let defaultAlg: HashAlg = 'sha256';

/**
 * Sets the hash algorithm for new audit rows in this process (YUNQIAO_AUDIT_HASH: 'sha256' or
 * 'sm3', SM3 being GB/T 32905 国密 for deployments that require it). Called once at start-up by
 * createDeps; rows already written keep and are verified with their own `alg`.
 */
export function configureAudit(opts: { hash: HashAlg }): void {
  defaultAlg = opts.hash;
}

/** The algorithm new rows get (see configureAudit). */
export function auditHashAlgorithm(): HashAlg {
  return defaultAlg;
}

/** JSON with sorted keys, so a value read back from jsonb hashes as it was written. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** H_alg(a ‖ '\n' ‖ b) as 64 lowercase hex characters; alg is 'sha256' or 'sm3' (Node's OpenSSL). */
function digest(alg: HashAlg, a: string, b: string): string {
  return createHash(alg).update(a).update('\n').update(b).digest('hex');
}

export type PersonalFields = { actor_username: string | null; ip: string | null; target_id: string | null; detail: Record<string, unknown> | null };

/**
 * personal_digest = H_alg(salt ‖ '\n' ‖ canonicalJson([actor_username, ip, target_id, detail])).
 * The salt lives in the personal row and goes with it on erasure, so the digest left in the entry
 * cannot be tested against guessed names or phone numbers afterwards.
 */
export function personalDigest(alg: HashAlg, salt: string, p: PersonalFields): string {
  return digest(alg, salt, canonicalJson([p.actor_username, p.ip, p.target_id, p.detail]));
}

/** What a chain link's hash covers: the entry's non-personal columns, its personal digest, the link. */
export type LinkHashable = {
  division_code: string;
  seq: number;
  entry_id: number;
  linked_at: Date;
  /** The link's algorithm (the entry's own `alg` is covered as a field). */
  chain_alg: HashAlg;
  prev_hash: string;
  entry: Omit<repo.EntryRow, 'division_code'>;
};

/** hash = H_chain_alg(prev_hash ‖ '\n' ‖ canonical JSON of the link and its entry). */
export function chainHash(l: LinkHashable): string {
  const e = l.entry;
  const body = canonicalJson([
    l.division_code,
    l.seq,
    l.entry_id,
    e.at.toISOString(),
    e.actor_id,
    e.actor_role,
    e.action,
    e.target_type,
    e.target_id,
    e.outcome,
    e.request_id,
    e.alg,
    e.personal_digest,
    l.chain_alg,
    l.linked_at.toISOString(),
  ]);
  return digest(l.chain_alg, l.prev_hash, body);
}

/**
 * The detail as jsonb will give it back: hashing the caller's object as it stands would differ
 * for values JSON turns into something else (a Date becomes its ISO string, undefined members go),
 * and the row would later read as tampered.
 */
function asStoredJson(detail: Record<string, unknown> | undefined): Record<string, unknown> | null {
  return detail === undefined ? null : (JSON.parse(JSON.stringify(detail)) as Record<string, unknown>);
}

/**
 * Records one audit entry inside the caller's transaction, so it commits or rolls back with the
 * change it records (GB/T 22239 等保 安全审计). Three INSERTs in one statement — the entry, its
 * personal row (username, address, a person's id as target, detail; only when any is set) and a
 * pending row — and nothing else: no lock, no read, so writers never queue behind each other. The
 * entry is readable (GET /audit) as soon as the transaction commits; the appender chains it
 * shortly after. Division: entry.divisionCode, else the actor's, else '000000' (no place).
 * Throws what the database throws (the caller's transaction then rolls back).
 */
export async function recordAudit(db: Executor, clock: Clock, who: AuditWho, entry: AuditEntry): Promise<void> {
  const { row, personal } = auditRows(clock, who, entry);
  await repo.insertEntry(db, row, personal);
}

/**
 * `write` — one INSERT … RETURNING division_code, id of the caller's module — and the audit entry
 * of each row it returns (that row's id its targetId), in one statement (decision 0032): for a
 * command that is one insert and its entry, one round trip instead of BEGIN, the insert, the entry
 * and COMMIT. Atomic as any statement; inside an open transaction it joins it. The target must not
 * be personal (its id is not known before the statement, and a personal id is hashed into the
 * entry's digest): an Error otherwise. Returns the rows `write` returned (none: no entry).
 */
export async function recordAuditOfInsert(db: Executor, clock: Clock, who: AuditWho, write: OperationNodeSource, entry: Omit<AuditEntry, 'targetId'>): Promise<{ division_code: string; id: number }[]> {
  if (entry.personalTarget ?? PERSONAL_TARGET_TYPES.has(entry.targetType ?? '')) throw new Error(`recordAuditOfInsert: the target ${entry.targetType} is personal`);
  const { row, personal } = auditRows(clock, who, entry);
  const { target_id: _none, ...rest } = row;
  return repo.insertEntryAfter(db, write, rest, personal);
}

/** The entry's row and its personal row (null when nothing personal is set) as recordAudit stores them. */
function auditRows(clock: Clock, who: AuditWho, entry: AuditEntry): { row: repo.EntryInput; personal: repo.PersonalInput | null } {
  const alg = defaultAlg;
  const targetId = entry.targetId === undefined ? null : String(entry.targetId);
  const personalTarget = targetId !== null && (entry.personalTarget ?? PERSONAL_TARGET_TYPES.has(entry.targetType ?? ''));
  const personal: PersonalFields = {
    actor_username: who.actor?.username ?? null,
    ip: who.ctx?.ip ?? null,
    target_id: personalTarget ? targetId : null,
    detail: asStoredJson(entry.detail),
  };
  const hasPersonal = Object.values(personal).some((v) => v !== null);
  const salt = hasPersonal ? randomBytes(16).toString('hex') : null;
  return {
    row: {
      division_code: entry.divisionCode ?? who.actor?.divisionCode ?? UNPLACED_DIVISION,
      at: clock.now(),
      actor_id: who.actor?.accountId ?? null,
      actor_role: who.actor?.role ?? null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: personalTarget ? null : targetId,
      outcome: entry.outcome ?? 'ok',
      request_id: who.ctx?.requestId ?? null,
      alg,
      personal_digest: salt ? personalDigest(alg, salt, personal) : null,
    },
    personal: salt ? { salt, ...personal } : null,
  };
}

/**
 * For outcomes whose own transaction rolled back (denials, failed sign-ins): recordAudit in a
 * transaction of its own, committed before this returns.
 */
export async function recordAuditAlone(db: Database, clock: Clock, who: AuditWho, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((tx) => recordAudit(tx, clock, who, entry));
}

export type AppendOptions = {
  /** Most entries one division's transaction links (default 500). */
  batchSize?: number;
  /** Divisions linked at the same time, each on a connection of its own (default 2). */
  concurrency?: number;
  /** Algorithm for the new links (default: configureAudit's, i.e. YUNQIAO_AUDIT_HASH). */
  alg?: HashAlg;
  /** Only these divisions (default: every division with pending entries). */
  divisions?: string[];
};

/** Links one batch of one division; 0 when another appender holds the division or nothing waits. */
async function appendDivision(deps: { db: Database; clock: Clock }, division: string, batchSize: number, alg: HashAlg): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    if (!(await repo.tryLockChain(tx, division))) return 0;
    const { entries, last } = await repo.takePending(tx, division, batchSize);
    if (!entries.length) return 0;
    let prev = last?.hash ?? GENESIS_HASH;
    let seq = last?.seq ?? 0;
    const linkedAt = deps.clock.now();
    const links: repo.ChainInput[] = entries.map((e) => {
      seq++;
      const link = { division_code: division, seq, entry_id: e.id, linked_at: linkedAt, alg, prev_hash: prev };
      const hash = chainHash({ ...link, chain_alg: alg, entry: e });
      prev = hash;
      return { ...link, hash };
    });
    await repo.insertLinks(tx, links);
    return links.length;
  });
}

/**
 * One appender pass (GB/T 22239 等保: the audit record made tamper-evident): for each division with
 * pending entries, one short transaction that takes the division's chain with
 * pg_try_advisory_xact_lock (skipping it when another instance has it), deletes up to batchSize
 * pending rows (oldest entry first, FOR UPDATE SKIP LOCKED) reading the last link in the same
 * statement, and inserts the new links (seq gap-free from 1, linked_at = deps.clock.now());
 * `concurrency` divisions at a time. Pending delete and link insert commit together: each entry
 * is chained exactly once, and a crash mid-pass loses nothing. A division whose batch came back
 * full is taken again in the same pass. Returns how many entries it linked. Safe to run from
 * several processes at once. Throws the first database error (that division's transaction rolled
 * back; divisions already linked in the pass stay linked).
 */
export async function appendAuditChains(deps: { db: Database; clock: Clock }, opts: AppendOptions = {}): Promise<{ linked: number }> {
  const batchSize = opts.batchSize ?? 500;
  const alg = opts.alg ?? defaultAlg;
  const queue = [...(opts.divisions ?? (await repo.pendingDivisions(deps.db)))];
  let linked = 0;
  const worker = async () => {
    for (let division = queue.shift(); division !== undefined; division = queue.shift()) {
      for (;;) {
        const n = await appendDivision(deps, division, batchSize, alg);
        linked += n;
        if (n < batchSize) break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, queue.length)) }, worker));
  return { linked };
}

export type AuditAppender = { stop(): Promise<void> };

/**
 * Runs appendAuditChains in a loop until stop(): a pass starts every intervalMs (milliseconds,
 * default 200), or right after the previous one when that took longer — so a slow pass finds
 * larger batches instead of more passes piling up. (Starting the next pass at once whenever one
 * linked anything cost the writers ~10–15 % of their throughput in bench/audit.bench.ts on 2
 * cores: many tiny passes.) Errors are logged (when deps.log is given) and retried after 5 s.
 * Meant to run in every worker process: the worker start-up starts it next to the job queue and
 * stops it before closing the pool; instances share the work by division. deps.config.auditHash,
 * when given, picks the algorithm of new links. stop() resolves once the pass in flight has
 * committed or rolled back.
 */
export function startAuditAppender(
  deps: { db: Database; clock: Clock; log?: { error: (obj: object, msg: string) => void }; config?: { auditHash: HashAlg } },
  opts: { intervalMs?: number; batchSize?: number; concurrency?: number } = {},
): AuditAppender {
  const intervalMs = opts.intervalMs ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      let pause: number;
      try {
        await appendAuditChains(deps, { batchSize: opts.batchSize, concurrency: opts.concurrency, alg: deps.config?.auditHash });
        pause = Math.max(0, intervalMs - (Date.now() - started));
      } catch (err) {
        deps.log?.error({ err }, 'audit appender pass failed');
        pause = 5_000;
      }
      if (!stopped) await (pause > 0 ? rest(pause) : new Promise<void>((r) => setImmediate(r)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}

export type ChainProblem = {
  divisionCode: string;
  /** The chain position of the bad row; null for an entry that never got one. */
  seq: number | null;
  /** The entry's id. */
  id: number | null;
  problem: string;
};

export type VerifyResult = {
  /** Chain links walked. */
  rows: number;
  /** Divisions with a chain. */
  chains: number;
  /** Entries in all, entries waiting for the appender, entries whose personal row was erased. */
  entries: number;
  pending: number;
  erased: number;
  problems: ChainProblem[];
};

/**
 * Checks the whole audit trail (GB/T 22239 等保: audit records protected against deletion and
 * change) and returns the first problem of each broken chain, empty when all hold:
 *  - every division's links run seq 1, 2, 3 … with each prev_hash the hash before it;
 *  - each link's hash, recomputed with its own alg from its entry, matches (an entry changed);
 *  - each entry's personal_digest matches its personal row while that row exists (erased rows —
 *    PIPL art. 47 — are counted in `erased`, not a problem);
 *  - every entry is chained or queued, and none has waited longer than staleAfterMs (default
 *    5 minutes; Infinity: no age check) before `now` (default: the database's clock): a removed
 *    pending row or a stopped appender shows here.
 * pageSize: links read per query. Known limit: an entry removed together with its pending row
 * before the appender chained it (normally < 1 s after commit) leaves no trace (decision 0009).
 */
export async function verifyAuditChains(
  db: Database,
  pageSize = 5_000,
  opts: { now?: Date; staleAfterMs?: number } = {},
): Promise<VerifyResult> {
  const divisions = await repo.chainDivisions(db);
  const problems: ChainProblem[] = [];
  let rows = 0;
  for (const division of divisions) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let after = 0;
    let broken = false;
    for (;;) {
      const page = await repo.chainPage(db, division, after, pageSize);
      for (const r of page) {
        rows++;
        if (!broken) {
          const problem = linkProblem(r, expectedSeq, prevHash);
          if (problem) {
            problems.push({ divisionCode: division, seq: r.seq, id: r.entry_id, problem });
            broken = true;
          }
        }
        prevHash = r.hash;
        expectedSeq = r.seq + 1;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1]?.seq ?? after;
    }
  }

  const now = opts.now ?? (await db.selectNoFrom((eb) => eb.fn<Date>('now').as('now')).executeTakeFirstOrThrow()).now;
  const staleAfterMs = opts.staleAfterMs ?? 5 * 60_000;
  const unchained = await repo.unchainedEntries(db, Number.isFinite(staleAfterMs) ? new Date(now.getTime() - staleAfterMs) : null);
  const seen = new Set<string>();
  for (const u of unchained) {
    if (seen.has(u.division_code)) continue;
    seen.add(u.division_code);
    const more = unchained.filter((x) => x.division_code === u.division_code).length - 1;
    problems.push({
      divisionCode: u.division_code,
      seq: null,
      id: u.id,
      problem: `${u.queued ? `entry still unchained ${Math.round((now.getTime() - u.at.getTime()) / 1000)} s after it was written (is the appender running?)` : 'entry is neither chained nor queued (its pending row was removed)'}${more ? ` (and ${more} more in this division)` : ''}`,
    });
  }
  const counts = await repo.countEntries(db);
  return { rows, chains: divisions.length, ...counts, problems };
}

type PageRow = Awaited<ReturnType<typeof repo.chainPage>>[number];

function linkProblem(r: PageRow, expectedSeq: number, prevHash: string): string | null {
  if (r.seq !== expectedSeq) return `row seq ${expectedSeq} is missing (found ${r.seq})`;
  if (r.prev_hash !== prevHash) return 'prev_hash does not match the previous row';
  if (r.id === null || r.at === null || r.action === null || r.outcome === null || r.alg === null) return 'the entry of this link is missing';
  const entry: Omit<repo.EntryRow, 'division_code'> = {
    id: r.id,
    at: r.at,
    actor_id: r.actor_id,
    actor_role: r.actor_role,
    action: r.action,
    target_type: r.target_type,
    target_id: r.target_id,
    outcome: r.outcome as 'ok',
    request_id: r.request_id,
    alg: r.alg as HashAlg,
    personal_digest: r.personal_digest,
  };
  const link = { division_code: r.division_code, seq: r.seq, entry_id: r.entry_id, linked_at: r.linked_at, chain_alg: r.chain_alg as HashAlg, prev_hash: r.prev_hash, entry };
  if (chainHash(link) !== r.hash) return 'row content does not match its hash (changed)';
  if (r.personal_entry_id !== null) {
    if (r.personal_digest === null) return 'personal row added to an entry that had none';
    const fields = { actor_username: r.actor_username, ip: r.ip, target_id: r.personal_target_id, detail: r.detail as Record<string, unknown> | null };
    if (personalDigest(entry.alg, r.salt as string, fields) !== r.personal_digest) return 'personal fields do not match the entry\'s digest (changed)';
  }
  return null;
}

/**
 * Erases the personal part of audit entries — actor username, address, a person's id as target,
 * detail — as PIPL 个人信息保护法 art. 47 requires once a purpose is met or the retention period ends
 * (e.g. a visitor's data after 28 days), or on a person's request. The entries and their chain
 * stay and still verify (the chain covers only the salted digest). Filters (each optionally
 * limited to one division):
 *  - { actorId }: everything an account did;
 *  - { targetType, targetId }: everything done to one person or thing;
 *  - { actionPrefix, before }: entries of actions starting with the prefix written before `before`.
 * When `record` is given the erasure itself is audited (action 'audit.personal.erase', in the same
 * transaction when db is one). Returns how many personal rows went.
 */
export async function eraseAuditPersonal(
  db: Executor,
  filter: repo.ErasureFilter,
  record?: { clock: Clock; who: AuditWho },
): Promise<{ erased: number }> {
  const erased = await repo.deletePersonal(db, ERASURE, filter);
  if (record) {
    const kind = 'actorId' in filter ? 'actor' : 'targetType' in filter ? 'target' : 'action';
    const when = 'before' in filter ? { ...filter, before: filter.before.toISOString() } : filter;
    await recordAudit(db, record.clock, record.who, {
      action: 'audit.personal.erase',
      divisionCode: filter.divisionCode ?? record.who.actor?.divisionCode ?? UNPLACED_DIVISION,
      targetType: 'audit_personal',
      detail: { kind, erased, filter: when },
    });
  }
  return { erased };
}

/** Erasure works across divisions (a filter may name one): a deliberate system-wide statement. */
const ERASURE = systemScope('audit erasure: personal rows matching a filter in any division');

export type ListedAuditRow = repo.ListedRow;

/**
 * The audit trail of an official's jurisdiction, newest first (keyset over at, division_code, id;
 * `before` is the last row of the previous page). Entries show as soon as their change commits;
 * `seq` is null until the appender has chained them; erased personal fields read as null. The
 * province also sees events with no place of their own (sign-in failures for unknown names,
 * lockouts): the security desk is there. limit: rows wanted; one more is returned when there are more.
 */
export async function listAudit(
  db: Database,
  actor: Actor,
  opts: { limit: number; action?: string; before?: { at: Date; division: string; id: number } },
): Promise<ListedAuditRow[]> {
  return repo.listAuditRows(db, actor.scope, { ...opts, includeUnplaced: actor.role === 'province' });
}
