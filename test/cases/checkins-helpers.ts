// Shared set-up of the check-in cases (../shared/cases/checkins-and-bookings 01, 03–06): the 五华区
// demo agency's roster rows (张晓燕 = staff-wh; 王磊, 赵丽, 杨帆 get password accounts made for the
// test, moved onto their roster rows), consent through the API, reports through the contract.
import { sql } from 'kysely';
import { expect } from 'vitest';
import { createAccount } from '../helpers/factories.ts';
import { type CaseApp, V1 } from './venues-helpers.ts';

export const WH_STAFF = ['王磊', '赵丽', '杨帆'] as const;

export type Staff = { name: string; staffId: number; cookie: string; username: string };

/** The wh agency's roster row of `name`. */
export async function rosterRow(t: CaseApp, name: string) {
  const r = await t.deps.db.selectFrom('agency_staff as s').innerJoin('agencies as a', (j) => j.onRef('a.division_code', '=', 's.division_code').onRef('a.id', '=', 's.agency_id')).select(['s.division_code', 's.id', 's.agency_id']).where('s.name', '=', name).where('a.name', '=', '昆明五华人力资源服务有限公司').executeTakeFirstOrThrow();
  return r;
}

/** Signs in as staff-wh or makes a password account on the named roster row and signs it in. */
export async function staffMember(t: CaseApp, name: string): Promise<Staff> {
  const row = await rosterRow(t, name);
  if (name === '张晓燕') return { name, staffId: row.id, cookie: await t.login('staff-wh'), username: 'staff-wh' };
  const username = await createAccount(t.deps, { role: 'agency_staff', org_division: row.division_code, agency_id: row.agency_id, staff_id: row.id });
  return { name, staffId: row.id, cookie: await t.login(username, 'Test-password-2020'), username };
}

/** The staff member consents through the API (201 or 200). */
export async function consent(t: CaseApp, s: Staff) {
  const res = await t.send('POST', `${V1}/prevention/consent`, {}, s.cookie);
  expect([200, 201], res.body).toContain(res.statusCode);
}

/** Sends a report through the contract. */
export const report = (t: CaseApp, s: Staff, body: Record<string, unknown>) => t.send('POST', `${V1}/prevention/checkins`, body, s.cookie);

/** The stored row of a report (day, on time, measured time, flags). */
export async function storedRow(t: CaseApp, id: number) {
  const r = await sql<{ day: string; on_time: boolean; received_at: Date; measured_at: Date; phone_clock_unreliable: boolean; temperature_enc: string; symptoms_enc: string; staff_id: number; incident_id: number | null }>`
    select day::text as day, on_time, received_at, measured_at, phone_clock_unreliable, temperature_enc, symptoms_enc, staff_id, incident_id from prevention_checkins where id = ${id}`.execute(t.deps.db);
  const row = r.rows[0];
  if (!row) return undefined;
  return { ...row, temperature: Number(t.deps.crypto.decrypt(row.temperature_enc)), symptoms: JSON.parse(t.deps.crypto.decrypt(row.symptoms_enc)) as string[] };
}

/** Outbox rows whose idempotency key starts with `prefix`. */
export const outboxKeys = async (t: CaseApp, prefix: string) =>
  (await t.deps.db.selectFrom('outbox').select(['idempotency_key', 'recipient', 'payload']).where('idempotency_key', 'like', `${prefix}%`).orderBy('idempotency_key').execute());

/** agency-wh's row: its key and its responsible person's name and phone (who an incident's SMS goes to). */
export const agencyWh = (t: CaseApp) =>
  t.deps.db.selectFrom('agencies').select(['division_code', 'id', 'responsible_person', 'responsible_phone']).where('name', '=', '昆明五华人力资源服务有限公司').executeTakeFirstOrThrow();

/** The highest outbox id so far: rows above it are what a case's steps queued. */
export const outboxMark = async (t: CaseApp) => (await sql<{ n: number }>`select coalesce(max(id), 0)::int as n from outbox`.execute(t.deps.db)).rows[0]?.n ?? 0;

/** Outbox rows queued after `mark` (outboxMark), in order: who each goes to, on which channel, by which key. */
export const outboxSince = async (t: CaseApp, mark: number) =>
  (await sql<{ channel: string; recipient: string; template: string; key: string }>`select channel, recipient, template, idempotency_key as key from outbox where id > ${mark} order by id`.execute(t.deps.db)).rows;

/** Every notice about one incident: its outbox rows (SMS) and desk inbox rows, each sorted. */
export async function noticesOf(t: CaseApp, incidentId: number) {
  const outbox = await sql<{ channel: string; recipient: string; template: string; key: string }>`
    select channel, recipient, template, idempotency_key as key from outbox
     where (payload->>'incidentId')::bigint = ${incidentId} order by idempotency_key`.execute(t.deps.db);
  const inbox = await sql<{ desk: string; division_code: string; agency_id: number | null; kind: string }>`
    select desk, division_code, agency_id, kind from prevention_inbox where incident_id = ${incidentId} order by desk, division_code`.execute(t.deps.db);
  return { outbox: outbox.rows, inbox: inbox.rows };
}

/**
 * The notices one opened incident of agency-wh must leave, and nothing else: one SMS to its
 * responsible person (李建华) and one notice on each desk, the agency's and the 五华区 bureau's (the
 * demo seed sets no duty phone, so the bureau gets no SMS).
 */
export async function expectedOpeningNotices(t: CaseApp, incidentId: number) {
  const a = await agencyWh(t);
  return {
    outbox: [{ channel: 'sms', recipient: a.responsible_phone, template: 'prevention_incident_opened', key: `prevention:incident_opened:${a.division_code}:${incidentId}:agency-sms:${a.id}` }],
    inbox: [
      { desk: 'agency', division_code: a.division_code, agency_id: a.id, kind: 'incident_opened' },
      { desk: 'bureau', division_code: a.division_code, agency_id: null, kind: 'incident_opened' },
    ],
  };
}

/** The agency's day list as agency-wh sees it: names by status. */
export async function dayByStatus(t: CaseApp, agency: string, date?: string) {
  const res = await t.get(`${V1}/prevention/day${date ? `?date=${date}` : ''}`, agency);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { date: string; items: { name: string; status: string }[] };
  const by: Record<string, string[]> = {};
  for (const i of body.items) by[i.status] = [...(by[i.status] ?? []), i.name];
  for (const k of Object.keys(by)) by[k]?.sort();
  return { date: body.date, by, items: body.items };
}

/** Signs the staff member in again (sessions end when the manual clock jumps days ahead). */
export async function relogin(t: CaseApp, s: Staff): Promise<Staff> {
  s.cookie = s.username === 'staff-wh' ? await t.login('staff-wh') : await t.login(s.username, 'Test-password-2020');
  return s;
}

/** Consents each named staff member at the case's start and returns them by name. */
export async function consentedWh(t: CaseApp, names: readonly string[]): Promise<Record<string, Staff>> {
  const out: Record<string, Staff> = {};
  for (const n of names) {
    const s = await staffMember(t, n);
    await consent(t, s);
    out[n] = s;
  }
  return out;
}

/** Reminder outbox rows of `day` by recipient name (payload.name). */
export async function remindedOn(t: CaseApp, day: string): Promise<string[]> {
  const rows = await outboxKeys(t, 'prevention:checkin-reminder:');
  return rows.filter((r) => r.idempotency_key.endsWith(`:${day}`)).map((r) => (r.payload as { name: string }).name).sort();
}

/**
 * The cases' starting point: the demo seed's consents, check-ins and counts are dated at the real
 * date the template was made, years after the cases' 2020 clock; each case states its own (who has
 * consented when), so they are removed first.
 */
export async function withoutDemoChecks(t: CaseApp): Promise<void> {
  await sql`delete from prevention_checkins`.execute(t.deps.db);
  await sql`delete from prevention_daily_counts`.execute(t.deps.db);
  await sql`delete from prevention_consents`.execute(t.deps.db);
}
