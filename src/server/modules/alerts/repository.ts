// Job alerts' queries (issue 12, decision 0047). Subscriptions and digests hang off a seeker's
// profile (division and id); the digest reads in batches and writes with multi-row statements.
//   a seeker's own: their profile (their account's, in their scope), its subscription, its digests;
//   the digest (system scope, named): the day's new postings found in the change feed, the active
//     subscribers after a key (keyset), the digests of a batch in one statement;
//   the feed consumer's cursor, and inbound SMS replies taken once;
//   unsubscribing by account (a signed link, a reply from the account's phone): one statement.
import { type SqlBool, sql } from 'kysely';
import { inScope, type Scope, type ScopedKey, type ScopeRef, scopedKey, type SystemScope } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';
import { MATCH_SEEKER_COLUMNS } from '../matching/service.ts';

export type SeekerKey = ScopedKey<'seekers'>;

const SEEKER: ScopeRef = { division: 's.division_code', id: 's.id', table: 'seekers', owner: { account: 's.account_id' } };

/** The signed-in seeker's profile key and switch (their account's, in their scope); undefined before the first save. */
export async function ownProfile(db: Executor, scope: Scope, accountId: number) {
  const row = await db
    .selectFrom('seekers as s')
    .select(['s.division_code', 's.id', 's.account_id', 's.recommendations'])
    .where(inScope(scope, SEEKER))
    .where('s.account_id', '=', accountId)
    .executeTakeFirst();
  return row && { ...row, key: scopedKey('seekers', row) };
}

const SUBSCRIPTION = [
  'active',
  'channels',
  'quiet_start',
  'quiet_end',
  'locale',
  'wechat_openid',
  'wechat_bound_at',
  'created_at',
  'updated_at',
  'unsubscribed_at',
  'unsubscribed_via',
] as const;

/** The profile's subscription, or undefined when it has none. */
export async function findSubscription(db: Executor, key: SeekerKey) {
  return db.selectFrom('alert_subscriptions').select(SUBSCRIPTION).where('division_code', '=', key.division_code).where('seeker_id', '=', key.id).executeTakeFirst();
}

export type SubscriptionValues = { active: boolean; channels: string[]; quiet_start: number | null; quiet_end: number | null; locale: string };

/**
 * Writes the profile's subscription whole (created the first time), in one statement; `created`
 * tells which. Switching it on clears the record of the last unsubscribe; switching it off here
 * records one through the API.
 */
export async function saveSubscription(db: Executor, key: SeekerKey, accountId: number, v: SubscriptionValues, now: Date) {
  const r = await sql<{ created: boolean }>`
    insert into alert_subscriptions (division_code, seeker_id, account_id, active, channels, quiet_start, quiet_end, locale, created_at, updated_at, unsubscribed_at, unsubscribed_via, wechat_openid)
    values (${key.division_code}, ${key.id}, ${accountId}, ${v.active}, ${v.channels}::text[], ${v.quiet_start}, ${v.quiet_end}, ${v.locale}, ${now}, ${now},
            ${v.active ? null : now}, ${v.active ? null : 'api'},
            -- the openid bound, so the row proposed passes the check on WeChat as the stored one does (the update keeps it)
            (select o.wechat_openid from alert_subscriptions o where o.division_code = ${key.division_code} and o.seeker_id = ${key.id}))
    on conflict (division_code, seeker_id) do update set
      active = excluded.active, channels = excluded.channels, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
      locale = excluded.locale, updated_at = excluded.updated_at,
      unsubscribed_at = case when excluded.active then null when alert_subscriptions.active then excluded.updated_at else alert_subscriptions.unsubscribed_at end,
      unsubscribed_via = case when excluded.active then null when alert_subscriptions.active then 'api' else alert_subscriptions.unsubscribed_via end
    returning (xmax = 0) as created`.execute(db);
  return { created: Boolean(r.rows[0]?.created) };
}

/**
 * Binds the person's WeChat (openid) to the profile's subscription, creating it switched off (with
 * the default channels and quiet hours given) when there is none; returns whether it was created.
 */
export async function bindWechat(db: Executor, key: SeekerKey, accountId: number, openid: string, defaults: SubscriptionValues, now: Date) {
  const r = await sql<{ created: boolean }>`
    insert into alert_subscriptions (division_code, seeker_id, account_id, active, channels, quiet_start, quiet_end, locale, wechat_openid, wechat_bound_at, created_at, updated_at)
    values (${key.division_code}, ${key.id}, ${accountId}, ${defaults.active}, ${defaults.channels}::text[], ${defaults.quiet_start}, ${defaults.quiet_end}, ${defaults.locale}, ${openid}, ${now}, ${now}, ${now})
    on conflict (division_code, seeker_id) do update set wechat_openid = excluded.wechat_openid, wechat_bound_at = excluded.wechat_bound_at, updated_at = excluded.updated_at
    returning (xmax = 0) as created`.execute(db);
  return { created: Boolean(r.rows[0]?.created) };
}

/**
 * Switches off the active subscription of the profiles of `accountId` (a signed link, a reply to an
 * SMS: the caller proved the account, not a scope), in one statement; returns the profiles switched
 * off (none: it was off, or there is none).
 */
export async function unsubscribeAccount(db: Executor, _why: SystemScope, accountId: number, via: 'link' | 'sms_reply', now: Date) {
  return db
    .updateTable('alert_subscriptions')
    .set({ active: false, unsubscribed_at: now, unsubscribed_via: via, updated_at: now })
    .where('account_id', '=', accountId)
    .where('active', '=', true)
    .returning(['division_code', 'seeker_id'])
    .execute();
}

/** Whether the account has an active subscription (the unsubscribe page says so before the tap). */
export async function accountSubscribed(db: Executor, _why: SystemScope, accountId: number): Promise<boolean> {
  const r = await db.selectFrom('alert_subscriptions').select('seeker_id').where('account_id', '=', accountId).where('active', '=', true).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** The accounts a mobile number is the phone of: the account's own number, or the profile's copy of it. */
export async function accountsOfPhone(db: Executor, _why: SystemScope, phone: string): Promise<number[]> {
  const r = await sql<{ id: number }>`select id from accounts where phone = ${phone} union select account_id from seekers where phone = ${phone}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** The profile's digests, newest day first, after the day `before` (keyset), at most `limit` + 1. */
export async function digestsOf(db: Executor, key: SeekerKey, page: { before: string | null; limit: number }) {
  return db
    .selectFrom('alert_digests')
    .select(['id', sql<string>`day::text`.as('day'), 'items', 'created_at'])
    .where('division_code', '=', key.division_code)
    .where('seeker_id', '=', key.id)
    .$if(page.before !== null, (q) => q.where(sql<SqlBool>`day < ${page.before}::date`))
    .orderBy('day', 'desc')
    .limit(page.limit + 1)
    .execute();
}

// the change feed's consumer ------------------------------------------------------------------

/** Where `consumer` stands in the change feed ('' before its first read). */
export async function feedCursor(db: Executor, consumer: string): Promise<string> {
  await db.insertInto('alert_feed_cursors').values({ consumer, after: '', updated_at: new Date(0) }).onConflict((oc) => oc.column('consumer').doNothing()).execute();
  const r = await db.selectFrom('alert_feed_cursors').select('after').where('consumer', '=', consumer).executeTakeFirstOrThrow();
  return r.after;
}

/** Moves the cursor from `from` to `to`; false when another reader moved it first (this one stops). */
export async function moveFeedCursor(db: Executor, consumer: string, from: string, to: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('alert_feed_cursors').set({ after: to, updated_at: now }).where('consumer', '=', consumer).where('after', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records new postings by the Beijing day they were published (a posting already recorded keeps its day). */
export async function recordNewPostings(db: Executor, _why: SystemScope, rows: ReadonlyArray<{ divisionCode: string; postingId: number; day: string; position: number }>): Promise<number> {
  if (!rows.length) return 0;
  const r = await sql`
    insert into alert_new_postings (division_code, posting_id, day, position)
    select * from unnest(${rows.map((x) => x.divisionCode)}::text[], ${rows.map((x) => x.postingId)}::bigint[], ${rows.map((x) => x.day)}::date[], ${rows.map((x) => x.position)}::bigint[])
    on conflict (division_code, posting_id) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** A new posting of the day as the digest reads it: what the matcher scores (its columns) and what a digest shows. */
export type DayPostingRow = {
  division_code: string;
  id: number;
  public_code: string;
  title: string;
  employer_name: string;
  occupation_code: string | null;
  salary_min: number | null;
  salary_max: number | null;
  salary_unit: string | null;
  education: string;
  experience: string;
  skill_grade: string;
  published_at: Date;
  epidemic_supplies: boolean;
  priority_groups: string[];
  document: string;
};

/**
 * The day's new postings still open at `now` (published, not past their last instant), after the
 * key `after` in key order, at most `limit`: the digest reads the day in a few pages, once.
 */
export async function dayPostings(db: Executor, _why: SystemScope, day: string, now: Date, after: readonly [string, number] | null, limit: number): Promise<DayPostingRow[]> {
  const r = await sql<DayPostingRow>`
    select p.division_code, p.id, p.public_code, p.title, p.employer_name, p.occupation_code, p.salary_min::float8 as salary_min, p.salary_max::float8 as salary_max,
           p.salary_unit, p.education, p.experience, p.skill_grade, coalesce(p.first_published_at, p.published_at) as published_at, p.epidemic_supplies,
           p.priority_groups, coalesce(p.search_document, ''::tsvector)::text as document
      from alert_new_postings n
      join postings p on p.division_code = n.division_code and p.id = n.posting_id
     where n.day = ${day}::date and p.status = 'published' and p.valid_through >= ${now}::timestamptz
       ${after ? sql`and (n.division_code, n.posting_id) > (${after[0]}, ${after[1]}::bigint)` : sql``}
     order by n.division_code, n.posting_id
     limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/** Every occupation's name by code (any level; the seekers' words name their desired occupations). */
export async function occupationNames(db: Executor): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('occupations').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
}

/**
 * The next `limit` active subscribers after the profile key `after`, in key order (keyset on the
 * seekers' key), whose automated recommendations are on (PIPL art. 24: none are computed for the
 * others) and who have no digest for `day` yet: their subscription, phone, match keys and the
 * profile columns the matcher reads. Walked once per run; a re-run reads only those still without one.
 */
export async function subscribersAfter(db: Executor, _why: SystemScope, after: readonly [string, number] | null, limit: number, day: string) {
  return db
    .selectFrom('alert_subscriptions as a')
    .innerJoin('seekers as s', (j) => j.onRef('s.division_code', '=', 'a.division_code').onRef('s.id', '=', 'a.seeker_id'))
    .select([
      'a.seeker_id',
      'a.channels',
      'a.quiet_start',
      'a.quiet_end',
      'a.locale',
      'a.wechat_openid',
      's.phone',
      's.match_keys',
      // the profile as the matcher reads it (its division and account are the subscription's: the join's keys)
      ...MATCH_SEEKER_COLUMNS,
    ])
    .where('a.active', '=', true)
    .where('s.recommendations', '=', true)
    .$if(after !== null, (q) => q.where(sql<SqlBool>`(a.division_code, a.seeker_id) > (${after?.[0]}, ${after?.[1]}::bigint)`))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('alert_digests as d').select('d.id').whereRef('d.division_code', '=', 'a.division_code').whereRef('d.seeker_id', '=', 'a.seeker_id').where('d.day', '=', sql<Date>`${day}::date`))),
    )
    .orderBy('a.division_code')
    .orderBy('a.seeker_id')
    .limit(limit)
    .execute();
}

export type SubscriberRow = Awaited<ReturnType<typeof subscribersAfter>>[number];

/**
 * Writes a batch's digests in one statement (the rows as one JSON document: far cheaper to send and
 * read than arrays of JSON texts); a profile that has its digest of the day already (another run got
 * there first) gets none: returns the ones written, with their ids.
 */
export async function insertDigests(db: Executor, _why: SystemScope, rows: ReadonlyArray<{ divisionCode: string; seekerId: number; day: string; items: unknown }>, now: Date) {
  if (!rows.length) return [];
  const r = await sql<{ division_code: string; seeker_id: number; id: number }>`
    insert into alert_digests (division_code, seeker_id, day, items, created_at)
    select t.d, t.s, t.y, t.i, ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows.map((x) => ({ d: x.divisionCode, s: x.seekerId, y: x.day, i: x.items })))}::jsonb) as t(d text, s bigint, y date, i jsonb)
    on conflict (division_code, seeker_id, day) do nothing
    returning division_code, seeker_id, id`.execute(db);
  return r.rows.map((x) => ({ ...x, seeker_id: Number(x.seeker_id), id: Number(x.id) }));
}

/** Deletes digests of days before `before` and the new-posting lists of those days (retention); returns the digests deleted. */
export async function purgeBefore(db: Executor, _why: SystemScope, before: string): Promise<number> {
  await db.deleteFrom('alert_new_postings').where('day', '<', sql<Date>`${before}::date`).execute();
  const r = await db.deleteFrom('alert_digests').where('day', '<', sql<Date>`${before}::date`).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// inbound SMS ---------------------------------------------------------------------------------

/** Takes an inbound message once: false when this source's message id was taken before (nothing more to do). */
export async function takeInbound(db: Executor, source: string, messageId: string, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('alert_inbound_messages')
    .values({ source, message_id: messageId, received_at: at, outcome: 'not_a_command' })
    .onConflict((oc) => oc.columns(['source', 'message_id']).doNothing())
    .returning('message_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** What came of an inbound message taken in this transaction. */
export async function recordInboundOutcome(db: Executor, source: string, messageId: string, outcome: 'unsubscribed' | 'not_subscribed' | 'unknown_number' | 'not_a_command') {
  await db.updateTable('alert_inbound_messages').set({ outcome }).where('source', '=', source).where('message_id', '=', messageId).execute();
}

/** How far the dev adapter has read `path` (bytes; 0 before the first read). */
export async function inboundReadTo(db: Executor, path: string): Promise<number> {
  const r = await db.selectFrom('alert_inbound_files').select('read_to').where('path', '=', path).executeTakeFirst();
  return Number(r?.read_to ?? 0);
}

export async function setInboundReadTo(db: Executor, path: string, readTo: number, now: Date) {
  await db
    .insertInto('alert_inbound_files')
    .values({ path, read_to: readTo, updated_at: now })
    .onConflict((oc) => oc.column('path').doUpdateSet({ read_to: readTo, updated_at: now }))
    .execute();
}

// personal data -------------------------------------------------------------------------------

/** The subscriptions of these accounts (a personal-data request), with how many digests each profile has. */
export async function subscriptionsOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return db
    .selectFrom('alert_subscriptions as a')
    .select([
      'a.division_code',
      'a.seeker_id',
      ...SUBSCRIPTION.map((c) => `a.${c}` as const),
      (eb) => eb.selectFrom('alert_digests as d').select(eb.fn.countAll<number>().as('n')).whereRef('d.division_code', '=', 'a.division_code').whereRef('d.seeker_id', '=', 'a.seeker_id').as('digests'),
    ])
    .where('a.account_id', 'in', [...accountIds])
    .execute();
}

/** The digests of these accounts' profiles (an export), newest first. */
export async function digestsOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return db
    .selectFrom('alert_digests as d')
    .innerJoin('seekers as s', (j) => j.onRef('s.division_code', '=', 'd.division_code').onRef('s.id', '=', 'd.seeker_id'))
    .select(['d.division_code', 'd.id', sql<string>`d.day::text`.as('day'), 'd.items', 'd.created_at'])
    .where('s.account_id', 'in', [...accountIds])
    .orderBy('d.day', 'desc')
    .execute();
}

/** Deletes the subscriptions and digests of these accounts' profiles (PIPL art. 47); returns the rows deleted. */
export async function eraseAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]): Promise<number> {
  if (!accountIds.length) return 0;
  const d = await sql`delete from alert_digests d using seekers s where s.division_code = d.division_code and s.id = d.seeker_id and s.account_id = any(${[...accountIds]}::bigint[])`.execute(db);
  const a = await db.deleteFrom('alert_subscriptions').where('account_id', 'in', [...accountIds]).executeTakeFirst();
  return Number(d.numAffectedRows ?? 0) + Number(a.numDeletedRows);
}
