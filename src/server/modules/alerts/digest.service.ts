// The daily digest (issue 12, decision 0047): every active subscriber whose automated
// recommendations are on gets, once a day, the few new postings of the day before that match them
// best, as one digest row (read in the app) and one outbox message per channel they chose, written
// in the same transaction, each message due after their quiet hours.
//
// A batch, never a query per subscriber: the day's new postings come from the market's change feed
// (readFeed, through a cursor this module keeps) and are loaded once and indexed in memory
// (ranking.ts); subscribers are read `batchSize` at a time in key order with their profiles' match
// keys; each batch's digests are one INSERT … ON CONFLICT DO NOTHING (the unique key of seeker and
// day: a re-run, or a second runner, writes nothing twice) and its messages two statements (the
// rows, their delivery jobs), only for the digests that statement wrote. While one batch is written
// the next is read and scored. A run of one batch scores here; a run of more scores in worker
// threads (scoring-pool.ts, YUNQIAO_DIGEST_THREADS: every core, at most 4, by default), each holding the day's postings, the
// batch's subscribers split between them — the same digests either way (scoring.ts).
import type { Deps, OutboxMessage } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { addDays, beijingDate } from '../../../shared/beijing-day.ts';
import { command, SYSTEM_CALLER } from '../../platform/command.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import { analyzerInputOf, analyzerOf, appliedPostingKeysOf, readFeed } from '../market/service.ts';
import { corpusStats } from '../matching/service.ts';
import { deliverAfter } from './quiet-hours.ts';
import type { Choice, DayPosting } from './ranking.ts';
import * as repo from './repository.ts';
import { type ScoringPool, startScoringPool } from './scoring-pool.ts';
import { dayPostingOf, type ScoredSubscriber, scorerOf } from './scoring.ts';
import type { Channel } from './schemas.ts';
import { unsubscribeToken } from './tokens.ts';
import { UNSUBSCRIBE_PATH } from './unsubscribe-page.ts';

const DIGEST = systemScope('the daily job-alert digest: every active subscriber and the day\'s new public postings, in every division');

/**
 * What a digest holds and how far the ranking looks: the best `size` postings scoring at least
 * `threshold`, at most `candidates` postings scored per subscriber — the shortlist's best (ranking.ts).
 */
export const DIGEST_RANKING = { size: 5, threshold: 0.55, candidates: 30 } as const;
/** Subscribers read, scored and written at a time. */
export const DIGEST_BATCH = 5_000;
/**
 * Milliseconds of scoring between two turns of the event loop, in which the database's answers are
 * taken: the previous batch's write, the next batch's read (a result arrives in many socket reads,
 * one a turn), a new pool connection's handshake (several round trips). By time, not by count: 100
 * subscribers at a time took 0.3–3.6 s at province scale on the shared host, and a connection the
 * pool opened meanwhile missed its 5 s timeout — the run failed (npm run bench -- digest).
 */
const YIELD_MS = 10;
/** Days digests (and the lists of new postings) are kept. */
export const DIGEST_RETENTION_DAYS = 30;
/** The change feed read a page at a time; changes older than this many days are not new any more on a first read. */
const FEED_PAGE = 1_000;
const FEED_LOOKBACK_DAYS = 7;
const CONSUMER = 'alerts';

/**
 * Reads the change feed from where this module last stood to its head, recording each posting
 * created (published for the first time) under the Beijing day of the change, a page per
 * transaction with the cursor moved in it; another reader that moved the cursor first ends this
 * one. On the very first read the whole feed is walked once and only the last FEED_LOOKBACK_DAYS
 * are recorded. Returns how many postings were recorded.
 */
export async function catchUpFeed(deps: Deps): Promise<number> {
  let recorded = 0;
  const since = addDays(beijingDate(deps.clock.now()), -FEED_LOOKBACK_DAYS);
  for (;;) {
    const after = await repo.feedCursor(deps.db, CONSUMER);
    const page = await readFeed(deps, { after: after || undefined, limit: FEED_PAGE });
    if (!page.items.length) return recorded;
    const rows = page.items.flatMap((i) => {
      const day = i.at.slice(0, 10); // beijingIso: the Beijing date first
      return i.kind === 'created' && i.divisionCode && day >= since ? [{ divisionCode: i.divisionCode, postingId: i.postingId, day, position: i.position }] : [];
    });
    const moved = await command(deps, SYSTEM_CALLER, async ({ tx }) => {
      if (!(await repo.moveFeedCursor(tx, CONSUMER, after, page.next, deps.clock.now()))) return false;
      recorded += await repo.recordNewPostings(tx, DIGEST, rows);
      return true;
    });
    if (!moved || page.items.length < FEED_PAGE) return recorded;
  }
}

/** Loads the day's new postings still open, once, as read (their search documents in text form). */
async function loadDay(deps: Deps, day: string, now: Date): Promise<repo.DayPostingRow[]> {
  const out: repo.DayPostingRow[] = [];
  let after: [string, number] | null = null;
  for (;;) {
    const rows = await repo.dayPostings(deps.db, DIGEST, day, now, after, 5_000);
    out.push(...rows);
    const last = rows[rows.length - 1];
    if (!last || rows.length < 5_000) return out;
    after = [last.division_code, last.id];
  }
}

export type DigestRun = {
  day: string;
  /** The day's new postings still open when the run began. */
  postings: number;
  /** Active subscribers read (recommendations on, no digest of the day yet). */
  subscribers: number;
  /** (subscriber, posting) pairs scored. */
  pairs: number;
  /** Digests written (subscribers with at least one posting above the threshold). */
  digests: number;
  /** Outbox messages written. */
  messages: number;
  /** Wall time of the run, and of its parts: the feed read, the postings loaded, the scoring. */
  ms: number;
  parts: { feedMs: number; loadMs: number; scoreMs: number; writeMs: number };
};

/** An item of a digest as stored (codes, not texts: the reader's language is applied when read). */
export type DigestItem = {
  postingId: number;
  divisionCode: string;
  publicCode: string;
  title: string;
  employerName: string;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryUnit: string | null;
  score: number;
  reasons: string[];
};

/** Reasons kept per item, strongest first (as the matcher shows them). */
const REASONS_KEPT = 4;

/**
 * The digest of `day` (YYYY-MM-DD, Beijing): see the file's head. `batchSize` subscribers at a time
 * (DIGEST_BATCH). Safe to run again and from two processes at once: a subscriber who has the day's
 * digest is not read again, and one written by another run in between is not written twice (nor
 * its messages). Audited once per run (alerts.digest.run, the counts). Returns the counts and times.
 */
export async function runDigest(deps: Deps, opts: { day: string; batchSize?: number; threads?: number }): Promise<DigestRun> {
  const started = performance.now();
  const day = opts.day;
  const batchSize = opts.batchSize ?? DIGEST_BATCH;
  await catchUpFeed(deps);
  const feedMs = performance.now() - started;
  const now = deps.clock.now();
  const rows = await loadDay(deps, day, now);
  const [corpus, names] = await Promise.all([corpusStats(deps), repo.occupationNames(deps.db)]);
  let loadMs = performance.now() - started - feedMs;
  const run = { day, postings: rows.length, subscribers: 0, pairs: 0, digests: 0, messages: 0 };
  let scoreMs = 0;
  let writeMs = 0;
  let pool: ScoringPool | null = null;

  try {
    if (rows.length) {
      let after: [string, number] | null = null;
      let next = repo.subscribersAfter(deps.db, DIGEST, after, batchSize, day);
      let writing: Promise<void> = Promise.resolve();
      let postings: readonly DayPosting[] | null = null;
      let scoreHere: ((batch: readonly repo.SubscriberRow[], skips: ReadonlyArray<readonly number[]>) => Promise<ScoredSubscriber[]>) | null = null;
      // where each of the day's postings is (the picks and the left-out postings name positions)
      const positions = new Map(rows.map((r, i) => [`${r.division_code}:${r.id}`, i]));
      for (;;) {
        const batch = await next;
        if (!batch.length) break;
        run.subscribers += batch.length;
        const last = batch[batch.length - 1] as repo.SubscriberRow;
        after = [last.division_code, last.seeker_id];
        // the next batch is read while this one is scored
        next = batch.length < batchSize ? Promise.resolve([]) : repo.subscribersAfter(deps.db, DIGEST, after, batchSize, day);
        next.catch(() => {});
        if (!pool && !scoreHere) {
          // the first batch decides: more to come (or threads asked for) → scoring threads; else here
          const l0 = performance.now();
          const threads = opts.threads ?? (batch.length < batchSize ? 0 : deps.config.alerts.digestThreads);
          const frequencies = corpus.frequencies;
          if (threads > 0 && frequencies) {
            const analyzer = await analyzerInputOf(deps);
            pool = startScoringPool({ rows, analyzer, names, corpus: { documents: corpus.documents, averageLength: corpus.averageLength, frequencies }, province: deps.config.province, nowMs: now.getTime(), ranking: DIGEST_RANKING }, threads);
            postings = rows.map(viewOf);
          } else {
            const made = rows.map(dayPostingOf);
            postings = made;
            scoreHere = scoreInThisThread(scorerOf({ postings: made, analyzer: await analyzerOf(deps), names, corpus, province: deps.config.province, now, ranking: DIGEST_RANKING }));
          }
          loadMs += performance.now() - l0;
        }
        const t0 = performance.now();
        // what they applied to is theirs already (their applications list has it), as in the matcher's recommendations
        const applied = await appliedPostingKeysOf(deps, batch.map((r) => r.account_id));
        const skips = batch.map((r) => [...(applied.get(r.account_id) ?? [])].flatMap((key) => positions.get(key) ?? []));
        const outcomes = pool ? await pool.score(batch, skips) : await (scoreHere as NonNullable<typeof scoreHere>)(batch, skips);
        const picked: Array<{ row: repo.SubscriberRow; picks: Choice[] }> = [];
        outcomes.forEach((o, k) => {
          run.pairs += o.scored;
          if (o.picks.length) picked.push({ row: batch[k] as repo.SubscriberRow, picks: o.picks });
        });
        scoreMs += performance.now() - t0;
        // the previous batch's write finishes before this one's starts (one writer at a time)
        await writing;
        const shown = postings as readonly DayPosting[];
        writing = (async () => {
          const w0 = performance.now();
          const written = await writeBatch(deps, day, now, shown, picked);
          run.digests += written.digests;
          run.messages += written.messages;
          writeMs += performance.now() - w0;
        })();
        writing.catch(() => {});
      }
      await writing;
    }
  } finally {
    await pool?.close();
  }

  await command(deps, SYSTEM_CALLER, async ({ tx, audit }) => {
    await repo.purgeBefore(tx, DIGEST, addDays(day, -DIGEST_RETENTION_DAYS));
    audit({ action: 'alerts.digest.run', divisionCode: deps.config.province, targetType: 'alert_digest_day', targetId: day, detail: { ...run } });
  });
  const ms = Math.round(performance.now() - started);
  return { ...run, ms, parts: { feedMs: Math.round(feedMs), loadMs: Math.round(loadMs), scoreMs: Math.round(scoreMs), writeMs: Math.round(writeMs) } };
}

/** A day's posting as the writer reads it (no words: with scoring threads, only they hold those). */
function viewOf(r: repo.DayPostingRow): DayPosting {
  return dayPostingOf({ ...r, document: '' });
}

/**
 * Scoring in this thread, a batch at a time, turning the event loop every YIELD_MS of scoring so
 * that the previous batch's write and the next batch's read go on meanwhile.
 */
function scoreInThisThread(score: (row: repo.SubscriberRow, skip?: readonly number[]) => ScoredSubscriber) {
  return async (batch: readonly repo.SubscriberRow[], skips: ReadonlyArray<readonly number[]>): Promise<ScoredSubscriber[]> => {
    const out: ScoredSubscriber[] = [];
    let turned = performance.now();
    for (const [k, row] of batch.entries()) {
      if (performance.now() - turned >= YIELD_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        turned = performance.now();
      }
      out.push(score(row, skips[k]));
    }
    return out;
  };
}

/** One batch's digests and, for those written now, their messages, in one transaction. */
async function writeBatch(deps: Deps, day: string, now: Date, postings: readonly DayPosting[], picked: Array<{ row: repo.SubscriberRow; picks: Choice[] }>) {
  if (!picked.length) return { digests: 0, messages: 0 };
  return command(deps, SYSTEM_CALLER, async ({ tx, sendMany }) => {
    const written = await repo.insertDigests(
      tx,
      DIGEST,
      picked.map(({ row, picks }) => ({ divisionCode: row.division_code, seekerId: row.seeker_id, day, items: picks.map((p) => itemOf(postings[p.i] as DayPosting, p)) })),
      now,
    );
    const byKey = new Map(picked.map((x) => [`${x.row.division_code}:${x.row.seeker_id}`, x]));
    const messages: OutboxMessage[] = [];
    for (const w of written) {
      const x = byKey.get(`${w.division_code}:${w.seeker_id}`);
      if (x) messages.push(...messagesOf(deps, day, now, w.id, x.row, x.picks.map((p) => postings[p.i] as DayPosting)));
    }
    return { digests: written.length, messages: await sendMany(messages) };
  });
}

function itemOf(p: DayPosting, pick: Choice): DigestItem {
  return { postingId: p.id, divisionCode: p.divisionCode, ...p.view, score: Math.round(pick.score * 1000) / 1000, reasons: pick.reasons.slice(0, REASONS_KEPT) };
}

/** Titles listed in an SMS (the rest is "and more": an SMS stays within a few segments). */
const SMS_TITLES = 3;

/** The messages of one digest: one per channel the subscriber chose, due after their quiet hours. */
export function messagesOf(deps: Pick<Deps, 'config' | 'crypto'>, day: string, now: Date, digestId: number, row: Pick<repo.SubscriberRow, 'division_code' | 'account_id' | 'channels' | 'quiet_start' | 'quiet_end' | 'locale' | 'phone' | 'wechat_openid'>, items: readonly DayPosting[]): OutboxMessage[] {
  const locale: Locale = row.locale === 'en' ? 'en' : 'zh-CN';
  const due = deliverAfter(now, row.quiet_start === null || row.quiet_end === null ? null : { start: row.quiet_start, end: row.quiet_end }) ?? undefined;
  const base = deps.config.publicBaseUrl ?? '';
  const url = `${base}/m/alerts`;
  const unsubscribe = `${base}${UNSUBSCRIBE_PATH}?t=${unsubscribeToken(deps.crypto, row.account_id)}`;
  const count = items.length;
  const list = items
    .slice(0, SMS_TITLES)
    .map((p) => t(locale, 'alerts_digest_item', { title: p.view.title, employer: p.view.employerName }))
    .join(t(locale, 'alerts_digest_separator'));
  const more = count > SMS_TITLES ? t(locale, 'alerts_digest_more') : '';
  const title = t(locale, 'alerts_digest_title', { day, count });
  const key = (c: Channel) => `alerts.digest:${row.division_code}:${digestId}:${c}`;
  const out: OutboxMessage[] = [];
  for (const c of row.channels as Channel[]) {
    if (c === 'sms' && row.phone) {
      const text = t(locale, 'alerts_digest_sms', { day, count, list, more, url, unsubscribe });
      out.push({ divisionCode: row.division_code, channel: 'sms', recipient: row.phone, template: 'alerts_digest', payload: { text, day, count, url, unsubscribeUrl: unsubscribe }, idempotency_key: key(c), ...(due ? { deliverAfter: due } : {}) });
    } else if (c === 'in_app') {
      out.push({ divisionCode: row.division_code, channel: 'inapp', recipient: `account:${row.account_id}`, template: 'alerts_digest', payload: { digestId, day, count, title, url }, idempotency_key: key(c), ...(due ? { deliverAfter: due } : {}) });
    } else if (c === 'wechat' && row.wechat_openid) {
      const data = {
        first: { value: title },
        keyword1: { value: String(count) },
        keyword2: { value: day },
        remark: { value: t(locale, 'alerts_digest_wechat_remark', { unsubscribe }) },
      };
      out.push({ divisionCode: row.division_code, channel: 'wechat', recipient: row.wechat_openid, template: 'alerts_digest', payload: { text: `${title}：${list}${more}`, day, count, url, unsubscribeUrl: unsubscribe, data }, idempotency_key: key(c), ...(due ? { deliverAfter: due } : {}) });
    }
  }
  return out;
}
