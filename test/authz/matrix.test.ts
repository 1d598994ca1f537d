// The authorization matrix, generated from the route table: every /api/v1 route × every caller
// (the 12 demo accounts, all 7 roles, and anonymous) × a target inside and one outside the
// caller's scope. Expected: 401 for anonymous on non-public routes, 403 for roles not in the
// route's config.access, 404 for an out-of-scope id exactly as for a missing one, the route's own
// success (or 400) in scope. Refused writes change nothing; allowed writes land in scope; lists hold
// only in-scope rows. TABLE below must name every route, and only routes that exist.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/server/http/auth.ts';
import * as identityRepo from '../../src/server/modules/identity/repository.ts';
import * as venuesRepo from '../../src/server/modules/venues/repository/venues.ts';
import * as slotsRepo from '../../src/server/modules/venues/repository/slots.ts';
import * as preventionRepo from '../../src/server/modules/prevention/repository.ts';
import { drawCode } from '../../src/server/modules/venues/service.ts';
import * as plansRepo from '../../src/server/modules/plans/repository.ts';
import * as screeningRepo from '../../src/server/modules/screening/repository.ts';
import * as seekersRepo from '../../src/server/modules/seekers/repository/seekers.ts';
import * as seekerGrantsRepo from '../../src/server/modules/seekers/repository/authorisations.ts';
import * as attachmentsRepo from '../../src/server/modules/attachments/repository/attachments.ts';
import * as registrationsRepo from '../../src/server/modules/registry/repository/registrations.ts';
import * as applicationsRepo from '../../src/server/modules/market/repository/applications.ts';
import * as interviewsRepo from '../../src/server/modules/market/repository/interviews.ts';
import * as moderationRepo from '../../src/server/modules/market/repository/moderation.ts';
import * as placementsRepo from '../../src/server/modules/placements/repository/placements.ts';
import { insuranceSheet } from '../../src/server/modules/placements/insurance-sheet.ts';
import { maskCitizenId } from '../../src/shared/checksums.ts';
import * as employerGrantsRepo from '../../src/server/modules/registry/repository/employer-authorisations.ts';
import * as resumptionRepo from '../../src/server/modules/resumption/repository/resumption.ts';
import { writeSheet, XLSX_TYPE } from '../../src/server/platform/spreadsheet.ts';
import { addDays } from '../../src/shared/beijing-day.ts';
import { systemKey, systemScope } from '../../src/server/db/scope.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { citizenId, citizenId as citizenIdOf, createAccount, createStaffRow, creditCode, mobile, unique } from '../helpers/factories.ts';
import { CONSENT_TEXT_VERSION } from '../../src/server/modules/prevention/schemas.ts';
import * as f from './fixtures.ts';
import type { Caller, Fixtures, Target } from './fixtures.ts';

const V1 = '/api/v1';

type Req = {
  url: string;
  body?: unknown;
  /** A session of its own (logout), instead of the caller's. */
  cookie?: string;
  /** A raw body (an uploaded file) with its content type, instead of JSON. */
  raw?: { payload: Buffer; contentType: string };
  /** What the request may change: must read the same afterwards unless it was allowed in scope. */
  probe?: () => Promise<unknown>;
  /** Checks on an allowed answer: a write landed in scope, a list holds only in-scope rows. */
  verify?: (res: LightMyRequestResponse) => Promise<void> | void;
};

type Entry = {
  /** Who may call it, pinned here: widening a route's config.access must show up in review. */
  access: Access;
  /** Status an allowed caller gets for the in-scope request. */
  ok: number;
  /** Out of scope: none (no target), hidden (404 as a missing id), list (200 without the rows), division (400 naming divisionCode). */
  out: 'none' | 'hidden' | 'list' | 'division';
  req: (c: Caller, target: Target) => Req | Req[] | null | Promise<Req | Req[] | null>;
};

let t: TestApp;
let fx: Fixtures;
const routes = new Map<string, Access | undefined>();

const db = () => t.deps.db;
const count = async (table: 'agencies' | 'employers', credit: string) =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('credit_code', '=', credit).executeTakeFirstOrThrow()).n);
const agencyRow = (k: { division: string; id: number }) =>
  db().selectFrom('agencies').select(['address', 'status', 'updated_at']).where('division_code', '=', k.division).where('id', '=', k.id).executeTakeFirst();
const employerRow = (k: { division: string; id: number }) =>
  db().selectFrom('employers').select(['address', 'epidemic_supplies_producer', 'updated_at']).where('division_code', '=', k.division).where('id', '=', k.id).executeTakeFirst();
const staffByName = (name: string) => db().selectFrom('agency_staff').select(['division_code', 'agency_id']).where('name', '=', name).execute();
const staffRow = (agency: { division: string }, staffId: number) =>
  db().selectFrom('agency_staff').select(['position', 'updated_at']).where('division_code', '=', agency.division).where('id', '=', staffId).executeTakeFirst();

/** staff-wh, the one staff caller, and its account id (set once signed in). */
const staffCaller = () => f.CALLERS.find((x) => x.name === 'staff-wh') as Caller;
let staffAccountId = 0;

/**
 * A roster row for the consent and check-in routes: for an administrator a fresh row of its own
 * agency ('in'; with a paper consent recorded through the API when asked), another agency's row in
 * the same county ('out'), or a missing id; for other callers (refused anyway) a demo row.
 */
async function staffTarget(c: Caller, target: Target, opts: { paper?: boolean } = {}): Promise<number | null> {
  if (target === 'missing') return f.MISSING_ID;
  if (c.role !== 'agency_admin') return fx.staff.get(fx.demoAgency['agency-wh']?.id as number) ?? null;
  if (target === 'out') return fx.staff.get((fx.agency[c.prefix as string] as { id: number }).id) ?? null;
  const id = await createStaffRow(t.deps, { division_code: c.prefix as string, id: c.agencyId as number });
  if (opts.paper) {
    const res = await t.send('POST', `${V1}/prevention/consent/paper`, { staffId: id, textVersion: CONSENT_TEXT_VERSION, signedOn: '2020-02-10', reference: '矩阵档案' }, c.cookie);
    expect(res.statusCode, res.body).toBe(201);
  }
  return id;
}

/** A list request: in scope the whole list; out of scope a division filter outside the scope (empty). */
function listReq(path: string, c: Caller, target: Target, visible: (c: Caller) => number | null): Req | null {
  if (target === 'missing') return null;
  const county = target === 'out' ? f.countyFor(c, 'out') : null;
  if (target === 'out' && !county) return null;
  return {
    url: county ? `${path}?division=${county}` : path,
    verify: async (res) => {
      const items = county ? res.json().items : await f.pageAll<{ id: number; divisionCode: string }>(t, V1 + path, c.cookie);
      for (const x of items) expect(f.inScope(c, x.divisionCode), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
      if (county) expect(items).toEqual([]);
      else if (c.role === 'agency_admin' || c.role === 'agency_staff') expect(items.map((x: { id: number }) => x.id)).toEqual([c.agencyId]);
      else if (c.role === 'employer') expect(items.map((x: { id: number }) => x.id)).toEqual([c.employerId]);
      else expect(items.map((x: { id: number }) => x.id)).toContain(visible(c));
    },
  };
}

function exportReq(c: Caller, target: Target): Req | null {
  const county = target === 'out' ? f.countyFor(c, 'out') : null;
  if (target === 'missing' || (target === 'out' && !county)) return null;
  return {
    url: county ? `/agencies/export.xlsx?division=${county}` : '/agencies/export.xlsx',
    verify: async (res) => {
      const rows = await f.sheetRows(res);
      for (const r of rows) expect(f.inScope(c, r['行政区划代码'] as string), r['行政区划代码']).toBe(true);
      if (county) expect(rows).toEqual([]);
      else expect(rows.length).toBeGreaterThan(0);
    },
  };
}

/** A request on one agency (`:id` routes), or null when the caller has no such target. */
const onAgency = (c: Caller, target: Target, build: (a: { division: string; id: number }) => Req): Req | null => {
  const a = f.agencyFor(fx, c, target);
  return a ? build(a) : null;
};
const onEmployer = (c: Caller, target: Target, build: (e: { division: string; id: number }) => Req): Req | null => {
  const e = f.employerFor(fx, c, target);
  return e ? build(e) : null;
};

/**
 * The person on the fixture staff row of `agency` (an account holding the row's staff membership,
 * made once): whom the unlock and number-change routes act on. Inside a caller's reach exactly when
 * the agency is (an official's county, an agency administrator's own agency).
 */
const people = new Map<number, Promise<number>>();
function personOf(agency: { division: string; id: number }): Promise<number> {
  let p = people.get(agency.id);
  if (!p) {
    p = (async () => {
      const staffId = fx.staff.get(agency.id) as number;
      const row = await db().selectFrom('agency_staff').select(['phone', 'name']).where('division_code', '=', agency.division).where('id', '=', staffId).executeTakeFirstOrThrow();
      const [m] = await identityRepo.admitStaffRows(db(), [{ phone: row.phone, display_name: row.name, id_tail_hash: null, org_division: agency.division, agency_id: agency.id, staff_id: staffId }], t.deps.clock.now(), null);
      return (m as { accountId: number }).accountId;
    })();
    people.set(agency.id, p);
  }
  return p;
}
const phoneOf = async (accountId: number) => (await db().selectFrom('accounts').select('phone').where('id', '=', accountId).executeTakeFirstOrThrow()).phone as string;
const throttleOf = (login: string) => db().selectFrom('login_throttle').select(['device', 'failures']).where('login', '=', login).execute();

/** A request on the person of the agency the caller may reach ('in'), one it may not ('out'), or a missing account id. */
const onPerson = async (c: Caller, target: Target, build: (accountId: number) => Req | Promise<Req>): Promise<Req | null> => {
  if (target === 'missing') return build(f.MISSING_ID);
  const a = f.agencyFor(fx, c, target);
  return a ? build(await personOf(a)) : null;
};

/** A membership of a new person at an employer (below every official), straight in the tables; returns its id. */
async function employerMembership(e: { division: string; id: number }, status: 'active' | 'disabled'): Promise<number> {
  const now = t.deps.clock.now();
  const account = await db().insertInto('accounts').values({ username: `matrix-${unique()}`, phone: mobile(), display_name: '矩阵联系人', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const m = await db()
    .insertInto('memberships')
    .values({ account_id: account.id, role: 'employer', org_division: e.division, employer_id: e.id, status, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return m.id;
}
const membershipStatus = (id: number) => db().selectFrom('memberships').select('status').where('id', '=', id).executeTakeFirst();

/** A disable or enable of a membership at the caller's in- or out-of-scope employer (a missing id for 'missing'). */
function toggleReq(to: 'disabled' | 'active') {
  return async (c: Caller, target: Target): Promise<Req | null> => {
    const e = f.employerFor(fx, c, target);
    if (!e) return null;
    const id = target === 'missing' ? f.MISSING_ID : await employerMembership(e, to === 'disabled' ? 'active' : 'disabled');
    return {
      url: `/memberships/${id}/${to === 'disabled' ? 'disable' : 'enable'}`,
      probe: () => membershipStatus(id),
      verify: async (res) => {
        expect(res.json()).toMatchObject({ id, status: to });
        expect(await membershipStatus(id)).toEqual({ status: to });
      },
    };
  };
}

/** The memberships list or export: in scope everything reachable, out of scope a division filter outside it (empty). */
function membershipsReq(path: string) {
  return (c: Caller, target: Target): Req | null => {
    const county = target === 'out' ? f.countyFor(c, 'out') : null;
    if (target === 'missing' || (target === 'out' && !county)) return null;
    const url = county ? `${path}?division=${county}` : path;
    return {
      url,
      verify: async (res) => {
        const rows: { divisionCode: string; agencyId: number | null }[] = path.endsWith('.xlsx')
          ? (await f.sheetRows(res)).map((r) => ({ divisionCode: r['行政区划代码'] as string, agencyId: null }))
          : county
            ? res.json().items
            : await f.pageAll(t, V1 + path, c.cookie);
        for (const m of rows) expect(f.inScope(c, m.divisionCode), `${m.divisionCode} outside ${c.prefix}`).toBe(true);
        if (county) expect(rows).toEqual([]);
        else expect(rows.length).toBeGreaterThan(0);
        if (c.role === 'agency_admin' && !path.endsWith('.xlsx')) for (const m of rows) expect(m.agencyId).toBe(c.agencyId);
      },
    };
  };
}

const OFFICIALS = ['province', 'prefecture', 'county'] as const;
const AGENCY_READERS = [...OFFICIALS, 'agency_admin', 'agency_staff'] as const;
const ROSTER_READERS = [...OFFICIALS, 'agency_admin'] as const;
const EMPLOYER_READERS = [...OFFICIALS, 'employer'] as const;
const AGENCY_ADMIN = ['agency_admin'] as const;

// venues (issue 8 P5–P7) ------------------------------------------------------------------------
const VENUE_READERS = [...OFFICIALS, 'agency_admin', 'agency_staff'] as const;
const AGENCY_PEOPLE = ['agency_admin', 'agency_staff'] as const;
const BOOKERS = ['seeker', 'employer', 'agency_admin', 'agency_staff'] as const;
const MATRIX = systemScope('authorization matrix: fixture venues, slots, visits and bookings');
type VenueKey = { division: string; id: number; code: string };
const venues = new Map<string, Promise<VenueKey>>();
/** A venue of agency `a` (made once; `closed` for a closed one), straight through the repository. */
function venueOf(a: { division: string; id: number }, status: 'active' | 'closed' = 'active'): Promise<VenueKey> {
  const k = `${a.division}:${a.id}:${status}`;
  let p = venues.get(k);
  if (!p) {
    p = (async () => {
      const now = t.deps.clock.now();
      const code = drawCode();
      const key = await venuesRepo.insertVenue(db(), { division_code: a.division, agency_id: a.id, name: `矩阵场所${unique()}`, address: '矩阵路 3 号', area_m2: '10000.0', m2_per_person: '4.0', dwell_limit_minutes: 30, slot_minutes: 30, hygiene_from: 360, hygiene_to: 1080, cleaning_per_day: 1, ventilation_per_day: 3, disinfection_per_day: 2, code, created_at: now, updated_at: now });
      if (status === 'closed') await db().updateTable('venues').set({ status }).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
      return { division: key.division_code, id: key.id, code };
    })();
    venues.set(k, p);
  }
  return p;
}
/** The venue a caller may reach ('in'), one it may not ('out'), or a missing id; job seekers and employers reach every active venue, never a closed one. */
async function venueFor(c: Caller, target: Target, opts: { directory?: boolean } = {}): Promise<VenueKey | null> {
  if (target === 'missing') return { division: '530102', id: f.MISSING_ID, code: 'ZZZZZZZZZZZZ' };
  if (opts.directory && (c.role === 'seeker' || c.role === 'employer' || c.role === null)) {
    return venueOf(fx.agency['530302'] as { division: string; id: number }, target === 'in' ? 'active' : 'closed');
  }
  const a = f.agencyFor(fx, c, target);
  return a ? venueOf(a) : null;
}
const onVenue = async (c: Caller, target: Target, build: (v: VenueKey) => Req | Promise<Req>, opts: { directory?: boolean } = {}): Promise<Req | null> => {
  const v = await venueFor(c, target, opts);
  return v ? build(v) : null;
};
/** A slot of a venue starting in the future (made once per venue, 50 places). */
const slots = new Map<number, Promise<number>>();
function slotOf(v: VenueKey): Promise<number> {
  let p = slots.get(v.id);
  if (!p) {
    p = (async () => {
      const starts = new Date(t.deps.clock.now().getTime() + 30 * 24 * 3_600_000);
      const r = await slotsRepo.insertSlot(db(), systemKey(MATRIX, 'venues', v.division, v.id), { starts_at: starts, ends_at: new Date(starts.getTime() + 1_800_000), capacity: 50, created_at: t.deps.clock.now(), created_by: null });
      return r.id;
    })();
    slots.set(v.id, p);
  }
  return p;
}
/** A booking at the slot of venue `v`, for an account or a desk phone. */
async function bookingAt(v: VenueKey, accountId: number | null): Promise<number> {
  // a slot of its own: the same account may be the owner of several
  const starts = new Date(t.deps.clock.now().getTime() + (unique() % 100_000 + 1) * 3_600_000);
  const slot = (await slotsRepo.insertSlot(db(), systemKey(MATRIX, 'venues', v.division, v.id), { starts_at: starts, ends_at: new Date(starts.getTime() + 1_800_000), capacity: 5, created_at: t.deps.clock.now(), created_by: null })).id;
  const id = await slotsRepo.bookPlace(db(), systemKey(MATRIX, 'venue_slots', v.division, slot), t.deps.clock.now(), { account_id: accountId, name: '矩阵预约人', phone: accountId ? null : mobile(), visitor_type: 'seeker', source: accountId ? 'self' : 'desk', code: drawCode(10), created_at: t.deps.clock.now(), created_by: null });
  return id as number;
}
const accountIdOf = async (username: string) => (await db().selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
/** An open visit at venue `v` (straight in the tables). */
async function visitAt(v: VenueKey): Promise<number> {
  const now = t.deps.clock.now();
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const r = await db()
    .insertInto('visits')
    .values({ division_code: v.division, venue_id: v.id, day, visitor_type: 'seeker', name: `矩阵访客${unique()}`, phone: mobile(), source: 'desk', outcome: 'admitted', arrived_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
const venueField = (v: VenueKey, column: 'address' | 'code') => db().selectFrom('venues').select(column).where('division_code', '=', v.division).where('id', '=', v.id).executeTakeFirst();
const visitOut = (id: number) => db().selectFrom('visits').select(['checked_out_at']).where('id', '=', id).executeTakeFirst();
const bookingStatus = (id: number) => db().selectFrom('bookings').select(['status']).where('id', '=', id).executeTakeFirst();

// incidents, the desks' inbox, duty phones (issue 8 P4) ------------------------------------------
const INCIDENT_DESKS = [...OFFICIALS, 'agency_admin'] as const;
/** A fresh incident of agency `a` (its fixture staff member), at `stage`, straight through the repository. */
async function incidentAt(a: { division: string; id: number }, stage: 'detected' | 'reported' = 'detected'): Promise<number> {
  const now = t.deps.clock.now();
  const staffId = fx.staff.get(a.id) as number;
  const k = await preventionRepo.insertIncident(db(), { division_code: a.division, agency_id: a.id, subject_kind: 'staff', staff_id: staffId, subject_name: '矩阵对象', subject_phone_enc: null, trigger: 'fever', trigger_table: 'matrix', trigger_id: `m-${unique()}`, detected_at: now, stage_at: now, detail: null, trigger_retention_days: 30, created_at: now });
  const id = (k as { id: number }).id;
  if (stage !== 'detected') await db().updateTable('prevention_incidents').set({ stage }).where('division_code', '=', a.division).where('id', '=', id).execute();
  return id;
}
const onIncident = async (c: Caller, target: Target, build: (id: number, a: { division: string; id: number }) => Req, stage: 'detected' | 'reported' = 'detected'): Promise<Req | null> => {
  if (target === 'missing') return build(f.MISSING_ID, { division: '530102', id: f.MISSING_ID });
  const a = f.agencyFor(fx, c, target);
  return a ? build(await incidentAt(a, stage), a) : null;
};
const stepsOf = (id: number) => db().selectFrom('prevention_incident_steps').select(['stage']).where('incident_id', '=', id).orderBy('stage').execute();
/** The six-digit desk code of an official's scope prefix. */
const deskCode = (prefix: string) => prefix.padEnd(6, '0');
/** A notice on the desk of the caller ('in'), on a desk beside it ('out'), or a missing id. */
async function noticeFor(c: Caller, target: Target): Promise<number | null> {
  if (target === 'missing') return f.MISSING_ID;
  let desk: { division_code: string; desk: 'agency' | 'bureau'; agency_id: number | null } | null = null;
  if (c.role === 'agency_admin') {
    const a = target === 'in' ? { division: c.prefix as string, id: c.agencyId as number } : (fx.agency[c.prefix as string] as { division: string; id: number });
    desk = { division_code: a.division, desk: 'agency', agency_id: a.id };
  } else if (c.prefix) {
    const code = target === 'in' ? deskCode(c.prefix) : f.countyFor(c, 'out');
    desk = code ? { division_code: code, desk: 'bureau', agency_id: null } : null;
  } else if (target === 'in') {
    desk = { division_code: '530102', desk: 'bureau', agency_id: null };
  }
  if (!desk) return null;
  await preventionRepo.insertInbox(db(), { ...desk, kind: 'incident_opened', incident_division: null, incident_id: null, payload: { stage: 'detected' }, idempotency_key: `matrix-${unique()}`, created_at: t.deps.clock.now() });
  const row = await db().selectFrom('prevention_inbox').select('id').where('division_code', '=', desk.division_code).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
}
const noticeRead = (id: number) => db().selectFrom('prevention_inbox').select(['read_at']).where('id', '=', id).executeTakeFirst();
const dutyPhones = () => db().selectFrom('prevention_duty_phones').select(['division_code', 'phone']).orderBy('division_code').execute();
/** The incidents list or export: in scope every row the caller reaches (its fixture incident among them), out of scope a division filter outside it (empty). */
function incidentsReq(path: string) {
  return async (c: Caller, target: Target): Promise<Req | null> => {
    if (target === 'missing') return null;
    const county = target === 'out' ? f.countyFor(c, 'out') : null;
    if (target === 'out' && !county) return null;
    const a = target === 'in' ? f.agencyFor(fx, c, 'in') : null;
    const mine = a ? await incidentAt(a) : null;
    return {
      url: county ? `${path}?division=${county}` : path,
      verify: async (res) => {
        const rows: { id: number; divisionCode: string; agencyId: number }[] = path.endsWith('.xlsx')
          ? (await f.sheetRows(res)).map((r) => ({ id: Number(r['编号']), divisionCode: r['行政区划代码'] as string, agencyId: -1 }))
          : county
            ? res.json().items
            : await f.pageAll(t, V1 + path, c.cookie);
        for (const x of rows) expect(f.inScope(c, x.divisionCode), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
        if (county) expect(rows).toEqual([]);
        else if (mine) expect(rows.map((x) => x.id)).toContain(mine);
        if (c.role === 'agency_admin' && !path.endsWith('.xlsx')) for (const x of rows) expect(x.agencyId).toBe(c.agencyId);
      },
    };
  };
}

// plans and screening (issue 8 P1, P2) ---------------------------------------------------------
const PLAN_READERS = [...OFFICIALS, 'agency_admin', 'agency_staff'] as const;
const PLAN_FIGURE_READERS = [...OFFICIALS, 'agency_admin'] as const;
const agencyKey = (a: { division: string; id: number }) => systemKey(MATRIX, 'agencies', a.division, a.id);
const stockOf = (a: { division: string; id: number }) => db().selectFrom('prevention_stock_items').select(['id', 'quantity']).where('division_code', '=', a.division).where('agency_id', '=', a.id).orderBy('id').execute();
const planOfAgency = (a: { division: string; id: number }) => db().selectFrom('prevention_plans').select(['responsible_name']).where('division_code', '=', a.division).where('agency_id', '=', a.id).executeTakeFirst();
/** A fresh stock item of agency `a`, straight through the repository. */
const newStockItem = async (a: { division: string; id: number }) => (await plansRepo.insertStockItem(db(), agencyKey(a), { kind: 'mask', name: `矩阵口罩${unique()}`, unit: '只', quantity: 10, minimum: 20 }, t.deps.clock.now(), null)).id;
const newSession = async (a: { division: string; id: number }) => (await plansRepo.insertSession(db(), agencyKey(a), { held_on: '2020-02-01', topic: `矩阵培训${unique()}`, note: '' }, [], t.deps.clock.now(), null)).id;
const sessionRow = (a: { division: string }, id: number) => db().selectFrom('prevention_education_sessions').select(['id']).where('division_code', '=', a.division).where('id', '=', id).executeTakeFirst();
const stockRow = (a: { division: string }, id: number) => db().selectFrom('prevention_stock_items').select(['id', 'quantity']).where('division_code', '=', a.division).where('id', '=', id).executeTakeFirst();
let matrixArea: Promise<number> | null = null;
/** A risk area of the province (made once), straight through the repository. */
const riskAreaId = () =>
  (matrixArea ??= screeningRepo
    .insertRiskAreas(db(), [{ division_code: '530000', area_code: '532901', sub_kind: null, sub_code: null, sub_name: null, risk_level: 'high', valid_from: '2020-01-01', valid_to: null, note: '矩阵', created_at: t.deps.clock.now(), created_by: null }])
    .then((r) => (r[0] as { id: number }).id));
const areaRow = (id: number) => db().selectFrom('risk_areas').select(['risk_level', 'note', 'updated_at']).where('division_code', '=', '530000').where('id', '=', id).executeTakeFirst();
/** A fresh open follow-up of agency `a` (its fixture staff member, a declaration with nothing in it). */
async function newFollowUp(a: { division: string; id: number }): Promise<number> {
  const staffId = fx.staff.get(a.id) as number;
  const now = t.deps.clock.now();
  const account = await db().selectFrom('accounts').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const decl = await screeningRepo.insertDeclaration(db(), { division_code: a.division, agency_id: a.id, staff_id: staffId, declared_at: now, day: '2020-02-01', declared_by: account.id, content_enc: t.deps.crypto.encrypt('{}') });
  const area = await riskAreaId();
  const f = await screeningRepo.insertFinding(db(), {
    division_code: a.division, agency_id: a.id, staff_id: staffId, declaration_id: decl.id, kind: 'follow_up',
    area_owner: '530000', area_id: area, area_code: '532901', risk_level: 'high', stay_code: '532900', overlap_from: '2020-01-20', overlap_to: addDays('2020-01-21', unique()), found_at: now,
  });
  return (f as { id: number }).id;
}
const followUpRow = (a: { division: string }, id: number) => db().selectFrom('screening_findings').select(['cleared_at']).where('division_code', '=', a.division).where('id', '=', id).executeTakeFirst();

// the prevention desk ----------------------------------------------------------------------------
/** A desk request on a county the caller reaches ('in'), one beside its reach ('out'), or a code no division has. */
function deskReq(path: string) {
  return (c: Caller, target: Target): Req | null => {
    const county = target === 'missing' ? '539999' : f.countyFor(c, target);
    if (!county) return null;
    return {
      url: `${path}?division=${county}`,
      verify: async (res) => {
        if (path.endsWith('.xlsx')) {
          for (const r of await f.sheetRows(res)) if (r['行政区划代码']) expect(f.inScope(c, r['行政区划代码']), r['行政区划代码']).toBe(true);
          return;
        }
        const body = res.json();
        if (path.endsWith('/map')) {
          for (const x of body.geojson.features) expect(f.inScope(c, x.properties.code), x.properties.code).toBe(true);
          return;
        }
        expect(body.division.code).toBe(county);
        for (const l of body.lines) expect(f.inScope(c, l.code), l.code).toBe(true);
        for (const i of body.incidents) expect(f.inScope(c, i.divisionCode), i.divisionCode).toBe(true);
      },
    };
  };
}

// job seekers (issue 9, "People who sign up") ------------------------------------------------------
const SEEKER_READERS = [...OFFICIALS, 'agency_admin', 'agency_staff'] as const;
const SEEKERS_MATRIX = systemScope('authorization matrix: fixture job-seeker profiles and their authorisations');
const seekerProfiles = new Map<string, Promise<{ division: string; id: number }>>();
/** A job-seeker profile in `division` (made once per key), authorising `agency` when given; straight through the repositories. */
function seekerProfileIn(division: string, agency?: { division: string; id: number }): Promise<{ division: string; id: number }> {
  const k = `${division}:${agency ? `${agency.division}:${agency.id}` : '-'}`;
  let p = seekerProfiles.get(k);
  if (!p) {
    p = (async () => {
      const phone = mobile();
      const account = await db().insertInto('accounts').values({ phone, display_name: '矩阵求职者', created_at: t.deps.clock.now() }).returning('id').executeTakeFirstOrThrow();
      const now = t.deps.clock.now();
      const key = await seekersRepo.insertSeeker(db(), {
        division_code: division, account_id: account.id, created_at: now, updated_at: now, name: '矩阵求职者', phone,
        id_number_enc: null, id_number_hash: null, id_number_masked: null, sex: null, birth_date: null, categories: ['other_unemployed'], priority_groups: [],
        residence_division: division, home_division: null, desired_occupations: [], desired_divisions: [], salary_min: null, salary_max: null, salary_unit: null,
        education_code: null, skill_grade: null, experience_years: null, skills: null, resume: null, valid_until: addDays(now.toISOString().slice(0, 10), 100), visibility: 'agencies',
      });
      if (agency) await seekerGrantsRepo.insertAuthorisation(db(), systemKey(SEEKERS_MATRIX, 'seekers', key.division_code, key.id), { divisionCode: agency.division, id: agency.id }, now);
      return { division: key.division_code, id: key.id };
    })();
    seekerProfiles.set(k, p);
  }
  return p;
}
/** A profile the caller may see ('in'), one it may not ('out': another county for officials; for agencies' people one in their county that authorised another agency), or a missing id. */
async function seekerFor(c: Caller, target: Target): Promise<{ division: string; id: number } | null> {
  if (target === 'missing') return { division: '530102', id: f.MISSING_ID };
  if (c.role === 'agency_admin' || c.role === 'agency_staff') {
    const own = { division: c.prefix as string, id: c.agencyId as number };
    return target === 'in' ? seekerProfileIn(own.division, own) : seekerProfileIn(own.division, fx.agency[own.division] as { division: string; id: number });
  }
  const county = f.countyFor(c, target);
  return county ? seekerProfileIn(county) : null;
}
const seekerProfileBody = () => ({ name: '矩阵求职者', categories: ['other_unemployed'], residenceDivision: '530102', salaryMin: 3000, salaryMax: 4000, salaryUnit: 'month', visibility: 'agencies' });
/** For a seeker caller: makes sure its profile exists (through the API) before a route that needs it. */
async function ensureOwnProfile(c: Caller): Promise<void> {
  if (c.role !== 'seeker') return;
  const res = await t.send('PUT', `${V1}/seekers/me`, seekerProfileBody(), c.cookie);
  expect(res.statusCode, res.body).toBe(200);
}

// attachments and employers' own registrations (issue 9) ---------------------------------------
const MATRIX_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const accountIds = new Map<string, Promise<number>>();
/** The account id of a demo caller (by user name); the province official's for anonymous. */
function accountOf(c: Caller): Promise<number> {
  const name = c.role ? c.name : 'prov';
  let p = accountIds.get(name);
  if (!p) {
    p = db().selectFrom('accounts').select('id').where('username', '=', name).executeTakeFirstOrThrow().then((r) => r.id);
    accountIds.set(name, p);
  }
  return p;
}
const otherCaller = (c: Caller) => f.CALLERS.find((x) => x.name === (c.name === 'graduate' ? 'seeker' : 'graduate')) as Caller;
/** A fresh, untied licence scan in `division` uploaded by `uploader`, straight through the repository. */
async function scanOf(uploader: Caller, division: string): Promise<{ division: string; id: number }> {
  const now = t.deps.clock.now();
  const k = await attachmentsRepo.insertAttachment(db(), { division_code: division, kind: 'business_licence', media_type: 'application/pdf', size_bytes: MATRIX_PDF.length, sha256: 'matrix', content: MATRIX_PDF, uploaded_by: await accountOf(uploader), created_at: now, retain_until: addDays(now.toISOString().slice(0, 10), 30) });
  return { division: k.division_code, id: k.id };
}
/** An attachment the caller may read ('in': officials one in their county, others their own upload), one it may not, or a missing id. */
async function attachmentFor(c: Caller, target: Target): Promise<{ division: string; id: number } | null> {
  if (target === 'missing') return { division: '530102', id: f.MISSING_ID };
  if (c.role && ['province', 'prefecture', 'county'].includes(c.role)) {
    const county = f.countyFor(c, target);
    return county ? scanOf(otherCaller(c), county) : null;
  }
  return scanOf(target === 'in' ? c : otherCaller(c), '530102');
}
/** A pending registration the caller may see ('in'), one it may not, or a missing id (officials by county, others their own). */
async function registrationFor(c: Caller, target: Target): Promise<{ division: string; id: number } | null> {
  if (target === 'missing') return { division: '530102', id: f.MISSING_ID };
  const official = c.role !== null && ['province', 'prefecture', 'county'].includes(c.role);
  const county = official ? f.countyFor(c, target) : '530102';
  if (!county) return null;
  const applicant = official ? otherCaller(c) : target === 'in' ? c : otherCaller(c);
  const scan = await scanOf(applicant, county);
  const k = await registrationsRepo.insertRegistration(db(), {
    division_code: county, account_id: await accountOf(applicant), credit_code: creditCode(county), name: `矩阵自主登记单位${unique()}`, industry_code: '2770', ownership_type: 'private',
    address: '矩阵路 3 号', contact_name: '矩阵申请人', contact_phone: mobile(), licence_attachment_id: scan.id, created_at: t.deps.clock.now(),
  });
  return { division: k.division_code, id: k.id };
}
/** A fresh, untied employer_authorisation document of the demo employer (in its county), straight through the repository. */
async function employerDocument(c: Caller): Promise<number> {
  const now = t.deps.clock.now();
  const k = await attachmentsRepo.insertAttachment(db(), { division_code: c.prefix ?? '530102', kind: 'employer_authorisation', media_type: 'application/pdf', size_bytes: MATRIX_PDF.length, sha256: 'matrix', content: MATRIX_PDF, uploaded_by: await accountOf(c), created_at: now, retain_until: addDays(now.toISOString().slice(0, 10), 30) });
  return k.id;
}
const REGISTRATION_READERS = [...OFFICIALS, 'seeker', 'employer'] as const;

// postings (market, issue 9) ------------------------------------------------------------------------
/** Agency administrators write for the fixture employer of their county, which authorised them in beforeAll (a grant); any other is out of reach. */
const POSTING_WRITERS = [...OFFICIALS, 'employer', 'agency_admin'] as const;
const postingRow = (id: number) => db().selectFrom('postings').select(['title', 'status', 'updated_at']).where('id', '=', id).executeTakeFirst();
const postingsTitled = (title: string) => db().selectFrom('postings').select(['division_code', 'employer_id']).where('title', '=', title).execute();

/** A fresh posting of `e` (written by the province, which reaches every fixture employer), published when asked. */
async function newPosting(e: { division: string; id: number }, publish: boolean): Promise<number> {
  const prov = f.CALLERS.find((x) => x.name === 'prov')?.cookie as string;
  const res = await t.send('POST', `${V1}/postings`, { employerId: e.id, title: `矩阵职位${unique()}`, validUntil: '2099-12-31' }, prov);
  expect(res.statusCode, res.body).toBe(201);
  if (publish) expect((await t.send('POST', `${V1}/postings/${res.json().id}/publish`, undefined, prov)).statusCode).toBe(200);
  return res.json().id;
}

/** A request on one posting: of an employer in the caller's reach ('in'), one beyond it ('out'), or a missing id. */
async function onPosting(c: Caller, target: Target, publish: boolean, build: (id: number) => Req): Promise<Req | null> {
  const e = f.employerFor(fx, c, target);
  if (!e) return null;
  return build(target === 'missing' ? f.MISSING_ID : await newPosting(e, publish));
}


// applications (market, issue 9; decision 0036) ----------------------------------------------------
const APPLICATION_READERS = [...OFFICIALS, 'employer'] as const;
const APPLICATIONS_MATRIX = systemScope('authorization matrix: fixture applications');
const applicationStage = (id: number) => db().selectFrom('applications').select(['stage', 'updated_at']).where('id', '=', id).executeTakeFirst();
const applicationsOfPosting = (postingId: number) => db().selectFrom('applications').select(['division_code', 'seeker_account_id', 'agency_id']).where('posting_id', '=', postingId).execute();
const revealsOf = (id: number) => db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'market.application.phone_reveal').where('target_id', '=', String(id)).executeTakeFirstOrThrow();
/** The account of a fixture seeker profile in 530102 (an applicant with a profile). */
async function applicantAccount(): Promise<number> {
  const s = await seekerProfileIn('530102');
  return (await db().selectFrom('seekers').select('account_id').where('division_code', '=', s.division).where('id', '=', s.id).executeTakeFirstOrThrow()).account_id;
}
/** A fresh application of `accountId` to a fresh open posting of `e`, at `stage`, straight through the repository; returns its id and posting. */
async function newApplication(e: { division: string; id: number }, accountId: number, stage = 'applied'): Promise<{ id: number; postingId: number }> {
  const postingId = await newPosting(e, true);
  const k = await applicationsRepo.insertApplication(db(), systemKey(APPLICATIONS_MATRIX, 'postings', e.division, postingId), { seekerAccountId: accountId, referral: null }, t.deps.clock.now());
  if (!k) throw new Error('fixture application not inserted');
  if (stage !== 'applied') await db().updateTable('applications').set({ stage }).where('division_code', '=', k.division_code).where('id', '=', k.id).execute();
  return { id: k.id, postingId };
}
/** A request on one application: to a posting of an employer in the caller's reach ('in'), one beyond it ('out'), or a missing id. */
async function onApplication(c: Caller, target: Target, stage: string, build: (a: { id: number; postingId: number }) => Req): Promise<Req | null> {
  const e = f.employerFor(fx, c, target);
  if (!e) return null;
  return build(target === 'missing' ? { id: f.MISSING_ID, postingId: f.MISSING_ID } : await newApplication(e, await applicantAccount(), stage));
}

// online interviews (market, issue 13 S2; decision 0049) -------------------------------------------
const INTERVIEW_SIDES = ['employer', 'seeker'] as const;
const INTERVIEW_READERS = [...OFFICIALS, ...INTERVIEW_SIDES] as const;
const interviewRow = (id: number) => db().selectFrom('interviews').select(['status', 'starts_at', 'sequence']).where('id', '=', id).executeTakeFirst();
const interviewsOfApplication = (id: number) => db().selectFrom('interviews').select(['status']).where('application_id', '=', id).execute();
/** Two days after the fixture clock's now: a slot every rule accepts. */
const slot = (days = 2) => new Date(t.deps.clock.now().getTime() + days * 86_400_000).toISOString();
/** A live interview of a fresh application (at the interview stage) of `accountId` to a posting of `e`. */
async function newInterview(e: { division: string; id: number }, accountId: number): Promise<{ id: number; applicationId: number }> {
  const a = await newApplication(e, accountId, 'interview');
  const k = await interviewsRepo.insertInterview(db(), systemKey(APPLICATIONS_MATRIX, 'applications', e.division, a.id), { startsAt: new Date(slot()), durationMinutes: 30, meetingUrl: 'https://meeting.tencent.com/dm/matrix', note: null, by: accountId }, t.deps.clock.now());
  if (!k) throw new Error('fixture interview not inserted');
  return { id: k.id, applicationId: a.id };
}
/** A request on one interview: the seeker's own ('in') or another's ('out'); for the others one of an employer in reach or beyond it; or a missing id. */
async function onInterview(c: Caller, target: Target, build: (i: { id: number; applicationId: number }) => Req): Promise<Req | null> {
  if (target === 'missing') return build({ id: f.MISSING_ID, applicationId: f.MISSING_ID });
  if (c.role === 'seeker') return build(await newInterview(fx.employer['530102'] as { division: string; id: number }, target === 'in' ? await accountOf(c) : await applicantAccount()));
  const e = f.employerFor(fx, c, target);
  if (!e) return null;
  return build(await newInterview(e, await applicantAccount()));
}

// verified placements (issue 13 M6; decision 0051) -------------------------------------------------
const AGENCY_SIDE = ['agency_admin', 'agency_staff'] as const;
const PLACEMENT_READERS = [...OFFICIALS, 'employer', ...AGENCY_SIDE] as const;
const placementRow = (id: number) => db().selectFrom('placements').select(['status', 'updated_at']).where('id', '=', id).executeTakeFirst();
const placementsOfApplication = (id: number) => db().selectFrom('placements').select(['division_code', 'agency_id', 'status']).where('application_id', '=', id).execute();
const insuranceOfPlacement = (id: number) => db().selectFrom('placement_insurance').select(['month', 'insurance_type']).where('placement_id', '=', id).execute();
/** A hired application of a fixture applicant to a fresh posting of `e`, referred by `agency`, straight through the repositories. */
async function hiredReferral(e: { division: string; id: number }, agency: { division: string; id: number }): Promise<{ id: number }> {
  const postingId = await newPosting(e, true);
  const referral = { agencyDivision: agency.division, agencyId: agency.id, agencyName: '矩阵机构', by: await accountOf(f.CALLERS[1] as Caller) };
  const k = await applicationsRepo.insertApplication(db(), systemKey(APPLICATIONS_MATRIX, 'postings', e.division, postingId), { seekerAccountId: await applicantAccount(), referral }, t.deps.clock.now());
  if (!k) throw new Error('fixture referral not inserted');
  await db().updateTable('applications').set({ stage: 'hired' }).where('division_code', '=', k.division_code).where('id', '=', k.id).execute();
  return { id: k.id };
}
/** A placement at `e` recorded by `agency`, awaiting the employer or confirmed (with a fresh ID number); returns its id, ID number and the employer's credit code. */
async function newPlacement(e: { division: string; id: number }, agency: { division: string; id: number }, status: 'pending_employer' | 'confirmed') {
  const a = await hiredReferral(e, agency);
  const employer = await db().selectFrom('employers').select(['credit_code', 'name']).where('division_code', '=', e.division).where('id', '=', e.id).executeTakeFirstOrThrow();
  const by = await accountOf(f.CALLERS[1] as Caller);
  const k = await placementsRepo.insertPlacement(db(), systemKey(APPLICATIONS_MATRIX, 'applications', e.division, a.id), { employerId: e.id, employerName: employer.name, employerCreditCode: employer.credit_code, postingTitle: '矩阵职位', seekerAccountId: await applicantAccount(), agency: { divisionCode: agency.division, agencyId: agency.id, name: '矩阵机构' }, by }, t.deps.clock.now());
  if (!k) throw new Error('fixture placement not inserted');
  const idNumber = citizenIdOf(e.division);
  if (status === 'confirmed') {
    await placementsRepo.confirmPlacement(db(), k, { contractStart: '2020-02-01', contractType: 'labour_contract', idNumberEnc: t.deps.crypto.encrypt(idNumber), idNumberHash: t.deps.crypto.keyedHash(idNumber), idNumberMasked: maskCitizenId(idNumber), by }, t.deps.clock.now());
  }
  return { id: k.id, applicationId: a.id, idNumber, creditCode: employer.credit_code };
}
/** A request on one placement: the caller's own agency's or employer's, or one in its divisions ('in'); another agency's, employer's or county's ('out'); or a missing id. */
async function onPlacement(c: Caller, target: Target, status: 'pending_employer' | 'confirmed', build: (p: Awaited<ReturnType<typeof newPlacement>>) => Req | Promise<Req>): Promise<Req | null> {
  if (target === 'missing') return build({ id: f.MISSING_ID, applicationId: f.MISSING_ID, idNumber: '', creditCode: '' });
  if (c.role === 'agency_admin' || c.role === 'agency_staff') {
    const agency = target === 'in' ? { division: c.prefix as string, id: c.agencyId as number } : (fx.agency[c.prefix as string] as { division: string; id: number });
    return build(await newPlacement(fx.employer['530102'] as { division: string; id: number }, agency, status));
  }
  const e = f.employerFor(fx, c, target);
  if (!e) return null;
  return build(await newPlacement(e, fx.agency['530302'] as { division: string; id: number }, status));
}

let publicPostingId: Promise<number> | null = null;

const caseRow = (id: number) => db().selectFrom('moderation_cases').select(['status', 'updated_at']).where('id', '=', id).executeTakeFirst();
/** A request on one moderation case: a report case on a fresh published posting in the caller's reach ('in'), beyond it ('out'), or a missing id. */
async function onCase(c: Caller, target: Target, build: (id: number) => Req): Promise<Req | null> {
  const e = f.employerFor(fx, c, target);
  if (!e) return null;
  if (target === 'missing') return build(f.MISSING_ID);
  const posting = await newPosting(e, true);
  const filed = await moderationRepo.fileReport(db(), MATRIX, { division_code: e.division, id: posting }, { category: 'other', body: '矩阵举报', contact_phone: null }, t.deps.clock.now());
  return build(filed.case_id);
}

const RESUMPTION_MATRIX = systemScope('authorization matrix: fixture resumption plans, returning employees and transport shares');
const PLAN_READERS_RESUMPTION = [...OFFICIALS, 'employer'] as const;
/** An origin county no fixture and no suite grants otherwise: the matrix's grants to it end at once. */
const MATRIX_ORIGIN = '530181';

/**
 * The plan of employer `e` (created, or updated: one per employer) with one fresh demand line (no
 * posting yet) and one returning employee from MATRIX_ORIGIN needing transport; returns the plan and line ids.
 */
async function newResumptionPlan(e: { division: string; id: number }): Promise<{ id: number; lineId: number }> {
  const now = t.deps.clock.now();
  const accountId = (await db().selectFrom('accounts').select('id').where('username', '=', 'prov').executeTakeFirstOrThrow()).id;
  const saved = await resumptionRepo.upsertPlan(db(), { division_code: e.division, id: e.id }, { resume_on: '2025-03-01', staff_on_post: 10, staff_away: 2, staff_isolated: 0, contact_name: '矩阵联系人', contact_phone: mobile(), note: null }, now, accountId);
  const key = systemKey(RESUMPTION_MATRIX, 'resumption_plans', saved.key.division_code, saved.key.id);
  await resumptionRepo.replaceDemand(db(), key, [], now);
  await resumptionRepo.replaceDemand(db(), key, [{ occupation_code: '6', headcount: 3 }], now);
  const line = await db().selectFrom('resumption_demand').select('id').where('division_code', '=', e.division).where('plan_id', '=', saved.key.id).executeTakeFirstOrThrow();
  const idNumber = citizenId(MATRIX_ORIGIN);
  await resumptionRepo.replaceReturnees(db(), key, [{ name: `矩阵返岗${unique()}`, id_number_enc: t.deps.crypto.encrypt(idNumber), id_number_hash: t.deps.crypto.keyedHash(idNumber), id_number_masked: maskCitizenId(idNumber), phone: mobile(), origin_division: MATRIX_ORIGIN, travel_on: '2025-02-28', needs_transport: true }], now);
  return { id: saved.key.id, lineId: line.id };
}

/** A request on a resumption plan of an employer in the caller's reach ('in'; for an employer its own), beyond it ('out'), or a missing id. */
async function onResumptionPlan(c: Caller, target: Target, build: (p: { id: number; lineId: number; division: string }) => Req): Promise<Req | null> {
  if (target === 'missing') return build({ id: f.MISSING_ID, lineId: f.MISSING_ID, division: '530102' });
  const e = f.employerFor(fx, c, target);
  if (!e) return null;
  return build({ ...(await newResumptionPlan(e)), division: e.division });
}

/** A destination county's share with MATRIX_ORIGIN, in the caller's reach ('in'), beyond it ('out'), or a missing id. */
async function onShare(c: Caller, target: Target, build: (id: number) => Req): Promise<Req | null> {
  if (target === 'missing') return build(f.MISSING_ID);
  const county = f.countyFor(c, target);
  if (!county) return null;
  const accountId = (await db().selectFrom('accounts').select('id').where('username', '=', 'prov').executeTakeFirstOrThrow()).id;
  return build((await resumptionRepo.upsertShare(db(), county, MATRIX_ORIGIN, t.deps.clock.now(), accountId)).id);
}

/** A list of the resumption desk: in → every row in the caller's reach; out → filtered to a county beyond it, empty. */
function resumptionListReq(path: string, c: Caller, target: Target, check?: (items: { divisionCode: string; employerId?: number }[]) => void): Req | null {
  if (target === 'missing') return null;
  const county = target === 'out' ? f.countyFor(c, 'out') : null;
  if (target === 'out' && !county) return null;
  return {
    url: county ? `${path}${path.includes('?') ? '&' : '?'}division=${county}` : path,
    verify: (res) => {
      const items = res.json().items as { divisionCode: string; employerId?: number }[];
      for (const x of items) expect(f.inScope(c, x.divisionCode), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
      if (county) expect(items).toEqual([]);
      else check?.(items);
    },
  };
}

const TABLE: Record<string, Entry> = {
  'POST /auth/login': { access: 'public', ok: 400, out: 'none', req: () => ({ url: '/auth/login', body: {} }) },
  'POST /auth/sms-code': { access: 'public', ok: 202, out: 'none', req: () => ({ url: '/auth/sms-code', body: { phone: mobile() } }) },
  'POST /auth/sms-login': { access: 'public', ok: 400, out: 'none', req: () => ({ url: '/auth/sms-login', body: { phone: 'x', code: '1' } }) },
  'POST /auth/logout': {
    access: 'authenticated',
    ok: 204,
    out: 'none',
    req: async (c) => {
      if (!c.role) return { url: '/auth/logout' };
      const cookie = await t.login(c.name); // a session of its own: the caller's stays usable
      return { url: '/auth/logout', cookie, verify: async () => expect((await t.get(`${V1}/me`, cookie)).statusCode).toBe(401) };
    },
  },
  'POST /auth/membership': {
    access: 'authenticated',
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (!c.role) return { url: '/auth/membership', body: { membershipId: 1 } };
      const me = (await t.get(`${V1}/me`, c.cookie)).json();
      // in scope: one of the caller's own memberships; out of scope: another person's
      const other = await db().selectFrom('memberships').select('id').where('account_id', '<>', (await db().selectFrom('accounts').select('id').where('username', '=', c.name).executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow();
      const membershipId = target === 'in' ? me.membershipId : target === 'out' ? other.id : 2_000_000_000;
      return { url: '/auth/membership', body: { membershipId }, verify: (res) => expect(res.json().membershipId).toBe(me.membershipId) };
    },
  },
  'POST /auth/password': { access: 'authenticated', ok: 400, out: 'none', req: () => ({ url: '/auth/password', body: {} }) },
  'POST /auth/password-reset': { access: 'public', ok: 400, out: 'none', req: () => ({ url: '/auth/password-reset', body: {} }) },
  'POST /accounts/:id/unlock': {
    access: [...OFFICIALS, 'agency_admin'],
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onPerson(c, target, async (id) => {
        if (id === f.MISSING_ID) return { url: `/accounts/${id}/unlock` };
        // the person's number counts three failures: the unlock clears them
        const phone = await phoneOf(id);
        await db().insertInto('login_throttle').values({ login: phone, device: '', failures: 3, window_started_at: t.deps.clock.now(), locked_until: null }).onConflict((oc) => oc.columns(['login', 'device']).doUpdateSet({ failures: 3 })).execute();
        return {
          url: `/accounts/${id}/unlock`,
          probe: () => throttleOf(phone),
          verify: async (res) => {
            expect(res.json().cleared).toBeGreaterThanOrEqual(1);
            expect(await throttleOf(phone)).toEqual([]);
          },
        };
      }),
  },
  'POST /accounts/:id/phone': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onPerson(c, target, async (id) => {
        const phone = mobile();
        if (id === f.MISSING_ID) return { url: `/accounts/${id}/phone`, body: { phone } };
        return { url: `/accounts/${id}/phone`, body: { phone }, probe: () => phoneOf(id), verify: async () => expect(await phoneOf(id)).toBe(phone) };
      }),
  },
  'GET /alerts': { access: ['province'], ok: 200, out: 'none', req: () => ({ url: '/alerts' }) },
  'GET /me': { access: 'authenticated', ok: 200, out: 'none', req: (c) => ({ url: '/me', verify: (res) => expect(res.json().username).toBe(c.name) }) },
  'GET /me/queue-key': { access: 'authenticated', ok: 200, out: 'none', req: () => ({ url: '/me/queue-key', verify: (res) => expect(res.json().keyId).toMatch(/^[0-9a-f]{16}$/) }) },
  'GET /memberships': { access: [...OFFICIALS, 'agency_admin'], ok: 200, out: 'list', req: membershipsReq('/memberships') },
  'GET /memberships/export.xlsx': { access: [...OFFICIALS, 'agency_admin'], ok: 200, out: 'list', req: membershipsReq('/memberships/export.xlsx') },
  'POST /memberships': {
    access: OFFICIALS,
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onAgency(c, target, (a) => {
        const phone = mobile();
        const probe = () => db().selectFrom('memberships as m').innerJoin('accounts as a', 'a.id', 'm.account_id').select(['m.role', 'm.org_division', 'm.agency_id']).where('a.phone', '=', phone).execute();
        return {
          url: '/memberships',
          body: { role: 'agency_admin', agencyId: a.id, person: { phone, displayName: '矩阵管理员', username: `matrix-${unique()}` } },
          probe,
          verify: async (res) => {
            expect(res.json().oneTimePassword).toEqual(expect.any(String));
            expect(await probe()).toEqual([{ role: 'agency_admin', org_division: a.division, agency_id: a.id }]);
          },
        };
      }),
  },
  'POST /memberships/:id/disable': { access: OFFICIALS, ok: 200, out: 'hidden', req: toggleReq('disabled') },
  'POST /memberships/:id/enable': { access: OFFICIALS, ok: 200, out: 'hidden', req: toggleReq('active') },
  'GET /divisions': { access: 'public', ok: 200, out: 'none', req: () => ({ url: '/divisions?parent=5301' }) },
  'GET /code-tables/industries': { access: 'public', ok: 200, out: 'none', req: () => ({ url: '/code-tables/industries?parent=A' }) },
  'GET /code-tables/occupations': { access: 'public', ok: 200, out: 'none', req: () => ({ url: '/code-tables/occupations' }) },
  'GET /code-tables/education-levels': { access: 'public', ok: 200, out: 'none', req: () => ({ url: '/code-tables/education-levels' }) },
  'POST /code-tables/occupations/import': {
    access: ['province'],
    ok: 200,
    out: 'none',
    req: (c) => {
      const code = `8-93-${String(f.CALLERS.indexOf(c) + 10)}`;
      const probe = () => db().selectFrom('occupations').select(['name', 'parent_code']).where('code', '=', code).execute();
      return {
        url: '/code-tables/occupations/import',
        body: { rows: [{ code: '8-93', name: '矩阵中类' }, { code, name: `矩阵小类 ${c.name}` }] },
        probe,
        verify: async () => expect(await probe()).toEqual([{ name: `矩阵小类 ${c.name}`, parent_code: '8-93' }]),
      };
    },
  },
  'GET /registry/summary': {
    access: OFFICIALS,
    ok: 200,
    out: 'none',
    req: (c) => ({
      url: '/registry/summary',
      verify: (res) => {
        const body = res.json();
        expect(f.inScope(c, body.divisionCode)).toBe(true);
        for (const line of body.byDivision) expect(f.inScope(c, line.code), line.code).toBe(true);
        expect(body.byDivision.reduce((n: number, l: { agencies: number }) => n + l.agencies, 0)).toBe(body.agencies);
      },
    }),
  },
  'GET /audit': {
    access: OFFICIALS,
    ok: 200,
    out: 'none',
    req: (c) => ({
      url: '/audit?limit=200',
      verify: (res) => {
        // the province's desk also holds events with no place of their own (000000)
        const seen = (x: { divisionCode: string }) => f.inScope(c, x.divisionCode) || (c.role === 'province' && x.divisionCode === '000000');
        for (const x of res.json().items) expect(seen(x), x.divisionCode).toBe(true);
      },
    }),
  },
  'GET /agencies': { access: AGENCY_READERS, ok: 200, out: 'list', req: (c, target) => listReq('/agencies', c, target, (x) => f.agencyFor(fx, x, 'in')?.id ?? null) },
  'GET /agencies/export.xlsx': { access: OFFICIALS, ok: 200, out: 'list', req: exportReq },
  'GET /agencies/:id': {
    access: AGENCY_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onAgency(c, target, (a) => ({ url: `/agencies/${a.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: a.id, divisionCode: a.division }) })),
  },
  'POST /agencies': {
    access: OFFICIALS,
    ok: 201,
    out: 'division',
    req: (c, target) => {
      const county = f.countyFor(c, target);
      if (!county || target === 'missing') return null;
      const body = f.agencyBody(county);
      return {
        url: '/agencies',
        body,
        probe: () => count('agencies', body.creditCode),
        verify: async (res) => {
          const row = await agencyRow({ division: county, id: res.json().id });
          expect(row?.address).toBe(body.address);
          expect(f.inScope(c, county)).toBe(true);
          expect(await count('agencies', body.creditCode)).toBe(1);
        },
      };
    },
  },
  'PATCH /agencies/:id': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onAgency(c, target, (a) => {
        const address = `矩阵新地址 ${unique()}`;
        return { url: `/agencies/${a.id}`, body: { address }, probe: () => agencyRow(a), verify: async () => expect((await agencyRow(a))?.address).toBe(address) };
      }),
  },
  'GET /agencies/:id/staff': {
    access: ROSTER_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onAgency(c, target, (a) => ({
        url: `/agencies/${a.id}/staff?limit=200`,
        verify: (res) => {
          for (const x of res.json().items) expect(x.agencyId).toBe(a.id);
          expect(res.json().items.map((x: { id: number }) => x.id)).toContain(fx.staff.get(a.id));
        },
      })),
  },
  'POST /agencies/:id/staff': {
    access: AGENCY_ADMIN,
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onAgency(c, target, (a) => {
        const body = f.staffBody();
        return { url: `/agencies/${a.id}/staff`, body, probe: () => staffByName(body.name), verify: async () => expect(await staffByName(body.name)).toEqual([{ division_code: a.division, agency_id: a.id }]) };
      }),
  },
  'PATCH /agencies/:id/staff/:staffId': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'hidden',
    req: (c, target) => {
      const a = f.agencyFor(fx, c, target);
      if (!a) return null;
      const staffOf = (agency: { division: string; id: number }) => fx.staff.get(agency.id) ?? f.MISSING_ID;
      const patch = (agencyId: number, owner: { division: string; id: number }) => {
        const position = `矩阵岗位 ${unique()}`;
        const staffId = staffOf(owner);
        return { url: `/agencies/${agencyId}/staff/${staffId}`, body: { position }, probe: () => staffRow(owner, staffId), verify: async () => expect((await staffRow(owner, staffId))?.position).toBe(position) };
      };
      if (target !== 'out') return patch(a.id, a);
      // out of scope: the other agency's member, and that member under the caller's own agency id
      const own = f.agencyFor(fx, c, 'in');
      return own ? [patch(a.id, a), patch(own.id, a)] : patch(a.id, a);
    },
  },
  'POST /agencies/:id/staff/import': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const a = f.agencyFor(fx, c, target);
      if (!a) return null;
      const name = `矩阵导入${unique()}`;
      return {
        url: `/agencies/${a.id}/staff/import`,
        body: await f.rosterFile(name),
        probe: () => staffByName(name),
        verify: async () => expect(await staffByName(name)).toEqual([{ division_code: a.division, agency_id: a.id }]),
      };
    },
  },
  'GET /agencies/:id/staff/export.xlsx': {
    access: ROSTER_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onAgency(c, target, (a) => ({ url: `/agencies/${a.id}/staff/export.xlsx`, verify: async (res) => expect((await f.sheetRows(res)).length).toBeGreaterThan(0) })),
  },
  'GET /agencies/:id/staff/template.xlsx': {
    access: ROSTER_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onAgency(c, target, (a) => ({ url: `/agencies/${a.id}/staff/template.xlsx` })),
  },
  'GET /employers': {
    access: [...EMPLOYER_READERS, 'agency_admin'],
    ok: 200,
    out: 'list',
    req: (c, target) => {
      if (c.role !== 'agency_admin') return listReq('/employers', c, target, (x) => f.employerFor(fx, x, 'in')?.id ?? null);
      // an agency administrator lists exactly the employers that authorised it (its county's fixture employer)
      if (target !== 'in') return listReq('/employers', c, target, () => null);
      return { url: '/employers', verify: (res) => expect(res.json().items.map((x: { id: number }) => x.id)).toEqual([f.employerFor(fx, c, 'in')?.id]) };
    },
  },
  'GET /employers/:id': {
    access: EMPLOYER_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onEmployer(c, target, (e) => ({ url: `/employers/${e.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: e.id, divisionCode: e.division }) })),
  },
  'POST /employers': {
    access: OFFICIALS,
    ok: 201,
    out: 'division',
    req: (c, target) => {
      const county = f.countyFor(c, target);
      if (!county || target === 'missing') return null;
      const body = f.employerBody(county);
      return {
        url: '/employers',
        body,
        probe: () => count('employers', body.creditCode),
        verify: async (res) => {
          expect((await employerRow({ division: county, id: res.json().id }))?.address).toBe(body.address);
          expect(f.inScope(c, county)).toBe(true);
        },
      };
    },
  },
  'PATCH /employers/:id': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onEmployer(c, target, (e) => {
        const address = `矩阵新地址 ${unique()}`;
        return { url: `/employers/${e.id}`, body: { address }, probe: () => employerRow(e), verify: async () => expect((await employerRow(e))?.address).toBe(address) };
      }),
  },

  // postings (market, issue 9; decision 0033) -------------------------------------------------------
  'GET /postings': {
    access: POSTING_WRITERS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      if (target === 'missing') return null;
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'out' && !county) return null;
      return {
        url: county ? `/postings?division=${county}` : '/postings?limit=200',
        verify: (res) => {
          const items = res.json().items as Array<{ divisionCode: string; employerId: number | null }>;
          // the province also moderates postings placed outside it (decision 0037)
          for (const x of items) expect(f.inScope(c, x.divisionCode) || (c.role === 'province' && !x.divisionCode.startsWith('53')), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
          if (county) expect(items).toEqual([]);
          if (c.role === 'employer') for (const x of items) expect(x.employerId).toBe(c.employerId);
        },
      };
    },
  },
  'POST /postings': {
    access: POSTING_WRITERS,
    ok: 201,
    out: 'hidden',
    req: (c, target) => {
      // an employer writes for itself (no employer to name out of reach: naming another is a 400)
      if (c.role === 'employer' && target !== 'in') return null;
      const e = f.employerFor(fx, c, target);
      if (!e) return null;
      const title = `矩阵新职位${unique()}`;
      const body = c.role === 'employer' ? { title } : { employerId: e.id, title };
      return {
        url: '/postings',
        body,
        probe: () => postingsTitled(title),
        verify: async () => expect(await postingsTitled(title)).toEqual([{ division_code: e.division, employer_id: e.id }]),
      };
    },
  },
  // the form's live check: stores nothing, no target; a role that writes no postings gets 403
  'POST /postings/screen': {
    access: POSTING_WRITERS,
    ok: 200,
    out: 'none',
    req: () => ({ url: '/postings/screen', body: { title: '普工', description: '限男性' }, verify: (res) => expect(res.json()).toMatchObject({ verdict: 'block', hits: [{ category: 'sex', start: 0, end: 3 }] }) }),
  },
  'GET /postings/:id': {
    access: POSTING_WRITERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onPosting(c, target, false, (id) => ({ url: `/postings/${id}`, verify: (res) => expect(res.json()).toMatchObject({ id, status: 'draft' }) })),
  },
  'PATCH /postings/:id': {
    access: POSTING_WRITERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onPosting(c, target, false, (id) => {
        const title = `矩阵改名${unique()}`;
        return { url: `/postings/${id}`, body: { title }, probe: () => postingRow(id), verify: async () => expect((await postingRow(id))?.title).toBe(title) };
      }),
  },
  'POST /postings/:id/publish': {
    access: POSTING_WRITERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onPosting(c, target, false, (id) => ({ url: `/postings/${id}/publish`, probe: () => postingRow(id), verify: async () => expect((await postingRow(id))?.status).toBe('published') })),
  },
  'POST /postings/:id/close': {
    access: POSTING_WRITERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onPosting(c, target, true, (id) => ({ url: `/postings/${id}/close`, probe: () => postingRow(id), verify: async () => expect((await postingRow(id))?.status).toBe('closed') })),
  },
  'POST /postings/:id/take-down': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onPosting(c, target, true, (id) => ({ url: `/postings/${id}/take-down`, body: { reason: '矩阵下架' }, probe: () => postingRow(id), verify: async () => expect((await postingRow(id))?.status).toBe('taken_down') })),
  },
  'GET /public/postings': { access: 'public', ok: 200, out: 'none', req: () => ({ url: '/public/postings?limit=5', verify: (res) => expect(res.json().items.every((x: { open: boolean }) => x.open)).toBe(true) }) },
  // search (issue 10, decision 0041): anyone, no sign-in
  'GET /postings/search': {
    access: 'public',
    ok: 200,
    out: 'none',
    req: () => ({ url: '/postings/search?q=%E6%99%AE%E5%B7%A5%20%E5%8C%85%E5%90%83%E4%BD%8F&limit=5', verify: (res) => expect(Array.isArray(res.json().items) && 'next' in res.json()).toBe(true) }),
  },
  // its facets (decision 0043): anyone, no sign-in
  'GET /postings/search/facets': {
    access: 'public',
    ok: 200,
    out: 'none',
    req: () => ({ url: '/postings/search/facets?q=%E6%99%AE%E5%B7%A5%20%E5%8C%85%E5%90%83%E4%BD%8F', verify: (res) => expect(res.json()).toMatchObject({ approximate: false, prefectures: expect.any(Array) }) }),
  },
  'GET /public/postings/:id': {
    access: 'public',
    ok: 200,
    out: 'none',
    req: async () => {
      publicPostingId ??= newPosting(fx.employer['530102'] as { division: string; id: number }, true);
      const id = await publicPostingId;
      return { url: `/public/postings/${id}`, verify: (res) => expect(res.json()).toMatchObject({ id, open: true }) };
    },
  },
  // moderation and reports (market, decision 0037) ------------------------------------------------
  'GET /moderation/cases': {
    access: OFFICIALS,
    ok: 200,
    out: 'list',
    req: async (c, target) => {
      if (target === 'missing') return null;
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'out' && !county) return null;
      if (!county && (OFFICIALS as readonly string[]).includes(c.role ?? '')) await onCase(c, 'in', (id) => ({ url: String(id) }));
      return {
        url: county ? `/moderation/cases?division=${county}` : '/moderation/cases?limit=200',
        verify: (res) => {
          const items = res.json().items as Array<{ divisionCode: string }>;
          for (const x of items) expect(f.inScope(c, x.divisionCode) || (c.role === 'province' && !x.divisionCode.startsWith('53')), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
          if (county) expect(items).toEqual([]);
          else expect(items.length).toBeGreaterThan(0);
        },
      };
    },
  },
  'GET /moderation/cases/:id': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onCase(c, target, (id) => ({ url: `/moderation/cases/${id}`, verify: (res) => expect(res.json()).toMatchObject({ id, origin: 'report', status: 'open' }) })),
  },
  'POST /moderation/cases/:id/decision': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onCase(c, target, (id) => ({ url: `/moderation/cases/${id}/decision`, body: { outcome: 'dismiss' }, probe: () => caseRow(id), verify: async () => expect((await caseRow(id))?.status).toBe('dismissed') })),
  },
  'POST /public/posting-reports': {
    access: 'public',
    ok: 201,
    out: 'none',
    req: async () => {
      publicPostingId ??= newPosting(fx.employer['530102'] as { division: string; id: number }, true);
      const id = await publicPostingId;
      const code = (await db().selectFrom('postings').select('public_code').where('id', '=', id).executeTakeFirstOrThrow()).public_code;
      return { url: '/public/posting-reports', body: { code, category: 'other', text: '矩阵举报' } };
    },
  },
  'GET /feeds/postings': { access: 'public', ok: 200, out: 'none', req: () => ({ url: '/feeds/postings?limit=5', verify: (res) => expect(typeof res.json().next).toBe('string') }) },

  // applications (market, issue 9; decision 0036) ---------------------------------------------------
  'POST /applications': {
    access: ['seeker'],
    ok: 201,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      const postingId = await newPosting(fx.employer['530102'] as { division: string; id: number }, true);
      return {
        url: '/applications',
        body: { postingId },
        probe: () => applicationsOfPosting(postingId),
        verify: async () => expect(await applicationsOfPosting(postingId)).toEqual([{ division_code: '530102', seeker_account_id: await accountOf(c), agency_id: null }]),
      };
    },
  },
  'POST /applications/referrals': {
    access: ['agency_admin', 'agency_staff'],
    ok: 201,
    out: 'none',
    req: async (c) => {
      // a seeker who authorised the caller's agency (for other callers any profile: they are refused first)
      const s = (await seekerFor(c, 'in')) ?? (await seekerProfileIn('530102'));
      const postingId = await newPosting(fx.employer['530102'] as { division: string; id: number }, true);
      return {
        url: '/applications/referrals',
        body: { postingId, seekerId: s.id },
        probe: () => applicationsOfPosting(postingId),
        verify: async () => expect(await applicationsOfPosting(postingId)).toEqual([expect.objectContaining({ division_code: '530102', agency_id: c.agencyId })]),
      };
    },
  },
  'GET /applications/mine': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      const own = c.role === 'seeker' ? await newApplication(fx.employer['530102'] as { division: string; id: number }, await accountOf(c)) : null;
      return { url: '/applications/mine?limit=200', verify: (res) => expect(res.json().items.map((x: { id: number }) => x.id)).toContain(own?.id) };
    },
  },
  'POST /applications/mine/:id/withdraw': {
    access: ['seeker'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (target === 'missing') return { url: `/applications/mine/${f.MISSING_ID}/withdraw` };
      // in: the caller's own; out: another seeker's
      const account = target === 'in' && c.role === 'seeker' ? await accountOf(c) : await applicantAccount();
      const a = await newApplication(fx.employer['530102'] as { division: string; id: number }, account);
      return { url: `/applications/mine/${a.id}/withdraw`, probe: () => applicationStage(a.id), verify: async () => expect((await applicationStage(a.id))?.stage).toBe('withdrawn') };
    },
  },
  'GET /applications': {
    access: APPLICATION_READERS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      if (target === 'missing') return null;
      return onApplication(c, target, 'applied', (a) => ({
        url: `/applications?postingId=${a.postingId}`,
        verify: (res) => {
          const items = res.json().items as Array<{ id: number; divisionCode: string; applicant: { phoneMasked: string | null } }>;
          if (target === 'out') expect(items).toEqual([]);
          else expect(items.map((x) => x.id)).toEqual([a.id]);
          for (const x of items) expect(x.applicant.phoneMasked).toContain('*');
        },
      }));
    },
  },
  'GET /applications/export.xlsx': {
    access: APPLICATION_READERS,
    ok: 200,
    out: 'none',
    req: (c) => onApplication(c, 'in', 'applied', (a) => ({ url: `/applications/export.xlsx?postingId=${a.postingId}`, verify: (res) => expect(String(res.headers['content-type'])).toContain('spreadsheetml') })),
  },
  'GET /applications/:id': {
    access: APPLICATION_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onApplication(c, target, 'applied', (a) => ({ url: `/applications/${a.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: a.id, stage: 'applied' }) })),
  },
  'POST /applications/:id/stage': {
    access: ['employer'],
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onApplication(c, target, 'applied', (a) => ({ url: `/applications/${a.id}/stage`, body: { stage: 'shortlisted' }, probe: () => applicationStage(a.id), verify: async () => expect((await applicationStage(a.id))?.stage).toBe('shortlisted') })),
  },
  'POST /applications/:id/phone': {
    access: ['employer'],
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onApplication(c, target, 'shortlisted', (a) => ({
        url: `/applications/${a.id}/phone`,
        probe: () => revealsOf(a.id),
        verify: async (res) => {
          expect(res.json()).toMatchObject({ applicationId: a.id, phone: expect.stringMatching(/^1\d{10}$/) });
          expect(Number((await revealsOf(a.id)).n)).toBe(1);
        },
      })),
  },

  'POST /applications/:id/interviews': {
    access: ['employer'],
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onApplication(c, target, 'shortlisted', (a) => ({
        url: `/applications/${a.id}/interviews`,
        body: { startsAt: slot(), meetingUrl: 'https://meeting.tencent.com/dm/abc' },
        probe: () => interviewsOfApplication(a.id),
        verify: async (res) => {
          expect(res.json()).toMatchObject({ applicationId: a.id, status: 'scheduled', sequence: 0 });
          expect(await interviewsOfApplication(a.id)).toEqual([{ status: 'scheduled' }]);
          expect((await applicationStage(a.id))?.stage).toBe('interview');
        },
      })),
  },
  'GET /interviews': {
    access: INTERVIEW_READERS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      if (target === 'missing') return null;
      return onInterview(c, target, (i) => ({
        url: `/interviews?applicationId=${i.applicationId}`,
        verify: (res) => expect(res.json().items.map((x: { id: number }) => x.id)).toEqual(target === 'out' ? [] : [i.id]),
      }));
    },
  },
  'GET /interviews/:id': {
    access: INTERVIEW_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onInterview(c, target, (i) => ({ url: `/interviews/${i.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: i.id, applicationId: i.applicationId, status: 'scheduled' }) })),
  },
  'PATCH /interviews/:id': {
    access: INTERVIEW_SIDES,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onInterview(c, target, (i) => ({
        url: `/interviews/${i.id}`,
        body: { startsAt: slot(3) },
        probe: () => interviewRow(i.id),
        verify: async () => expect(await interviewRow(i.id)).toMatchObject({ status: 'scheduled', sequence: 1, starts_at: new Date(slot(3)) }),
      })),
  },
  'POST /interviews/:id/cancel': {
    access: INTERVIEW_SIDES,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onInterview(c, target, (i) => ({ url: `/interviews/${i.id}/cancel`, body: { reason: '时间冲突' }, probe: () => interviewRow(i.id), verify: async () => expect(await interviewRow(i.id)).toMatchObject({ status: 'cancelled', sequence: 1 }) })),
  },
  'GET /interviews/:id/invite.ics': {
    access: INTERVIEW_SIDES,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onInterview(c, target, (i) => ({
        url: `/interviews/${i.id}/invite.ics`,
        verify: (res) => {
          expect(String(res.headers['content-type'])).toContain('text/calendar');
          expect(res.body).toContain(`UID:interview-`);
          expect(res.body).toContain('METHOD:PUBLISH');
        },
      })),
  },

  // consent and daily check-ins (prevention, decision 0026) --------------------------------------
  'GET /prevention/consent': {
    access: ['agency_staff'],
    ok: 200,
    out: 'none',
    req: () => ({ url: '/prevention/consent', verify: (res) => expect(res.json()).toMatchObject({ retentionDays: 30, textVersion: expect.any(String) }) }),
  },
  'POST /prevention/consent': {
    access: ['agency_staff'],
    ok: 201,
    out: 'none',
    req: async (c) => {
      const staff = staffCaller();
      // start with no consent in force, so the allowed call gives one (201)
      if (c.role === 'agency_staff') await t.send('DELETE', `${V1}/prevention/consent`, undefined, staff.cookie);
      const probe = () => db().selectFrom('prevention_consents').select(['id', 'withdrawn_at']).where('given_by', '=', staffAccountId).orderBy('id').execute();
      return { url: '/prevention/consent', body: {}, probe, verify: async () => expect((await probe()).at(-1)?.withdrawn_at).toBeNull() };
    },
  },
  'DELETE /prevention/consent': {
    access: ['agency_staff'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      if (c.role === 'agency_staff') await t.send('POST', `${V1}/prevention/consent`, {}, staffCaller().cookie);
      const probe = () => db().selectFrom('prevention_consents').select(['id', 'withdrawn_at']).where('given_by', '=', staffAccountId).orderBy('id').execute();
      return { url: '/prevention/consent', probe, verify: async (res) => expect(res.json().status).toBe('withdrawn') };
    },
  },
  'POST /prevention/consent/paper': {
    access: ['agency_admin'],
    ok: 201,
    out: 'hidden',
    req: async (c, target) => {
      const staffId = await staffTarget(c, target);
      if (staffId === null) return null;
      const probe = () => db().selectFrom('prevention_consents').select(['division_code', 'agency_id']).where('staff_id', '=', staffId).execute();
      return { url: '/prevention/consent/paper', body: { staffId, textVersion: CONSENT_TEXT_VERSION, signedOn: '2020-02-10', reference: '矩阵档案 1 号' }, probe, verify: async () => expect(await probe()).toEqual([{ division_code: c.prefix, agency_id: c.agencyId }]) };
    },
  },
  'GET /prevention/consent/staff/:id': {
    access: ['agency_admin'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const staffId = await staffTarget(c, target);
      return staffId === null ? null : { url: `/prevention/consent/staff/${staffId}`, verify: (res) => expect(res.json().staffId).toBe(staffId) };
    },
  },
  'DELETE /prevention/consent/staff/:id': {
    access: ['agency_admin'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const staffId = await staffTarget(c, target, { paper: true });
      if (staffId === null) return null;
      const probe = () => db().selectFrom('prevention_consents').select(['withdrawn_at']).where('staff_id', '=', staffId).execute();
      return { url: `/prevention/consent/staff/${staffId}`, probe, verify: async () => expect((await probe())[0]?.withdrawn_at).toBeInstanceOf(Date) };
    },
  },
  'GET /prevention/symptoms': {
    access: ['agency_admin', 'agency_staff'],
    ok: 200,
    out: 'none',
    req: () => ({ url: '/prevention/symptoms', verify: (res) => expect(res.json().items.map((i: { code: string }) => i.code)).toContain('loss_of_smell') }),
  },
  'POST /prevention/checkins': {
    access: ['agency_admin', 'agency_staff'],
    ok: 201,
    out: 'hidden',
    req: async (c, target) => {
      const clientId = `matrix-${unique()}`;
      const probe = () => db().selectFrom('prevention_checkins').select(['division_code', 'agency_id', 'staff_id']).where('client_id', '=', clientId).execute();
      if (c.role !== 'agency_admin') {
        if (target !== 'in') return null;
        if (c.role === 'agency_staff') await t.send('POST', `${V1}/prevention/consent`, {}, staffCaller().cookie);
        return { url: '/prevention/checkins', body: { clientId, temperature: 36.5, symptoms: [] }, probe, verify: async () => expect((await probe()).map((r) => r.agency_id)).toEqual([c.agencyId]) };
      }
      const staffId = await staffTarget(c, target, { paper: true });
      if (staffId === null) return null;
      return { url: '/prevention/checkins', body: { clientId, temperature: '36,6', symptoms: [], staffId }, probe, verify: async () => expect(await probe()).toEqual([{ division_code: c.prefix, agency_id: c.agencyId, staff_id: staffId }]) };
    },
  },
  'GET /prevention/checkins': {
    access: ['agency_admin', 'agency_staff'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (c.role !== 'agency_admin') return target === 'in' ? { url: '/prevention/checkins', verify: (res) => expect(res.json().name).toBeTruthy() } : null;
      const staffId = await staffTarget(c, target);
      return staffId === null ? null : { url: `/prevention/checkins?staffId=${staffId}`, verify: (res) => expect(res.json().staffId).toBe(staffId) };
    },
  },
  'GET /prevention/day': {
    access: ['agency_admin'],
    ok: 200,
    out: 'none',
    req: (c) => ({
      url: '/prevention/day',
      verify: async (res) => {
        const ids = res.json().items.map((i: { staffId: number }) => i.staffId) as number[];
        expect(ids.length).toBeGreaterThan(0);
        const rows = await db().selectFrom('agency_staff').select(['agency_id']).where('id', 'in', ids).execute();
        for (const r of rows) expect(r.agency_id).toBe(c.agencyId);
      },
    }),
  },
  'GET /prevention/settings': {
    access: ['agency_admin', 'agency_staff'],
    ok: 200,
    out: 'none',
    req: () => ({ url: '/prevention/settings', verify: (res) => expect(res.json().cutoff).toMatch(/^\d{2}:\d{2}$/) }),
  },
  'PUT /prevention/settings': {
    access: ['agency_admin'],
    ok: 200,
    out: 'none',
    req: (c) => {
      const probe = () => db().selectFrom('prevention_settings').select(['division_code', 'agency_id', 'cutoff_minutes']).orderBy('agency_id').execute();
      return { url: '/prevention/settings', body: { cutoff: '10:00' }, probe, verify: async () => expect((await probe()).filter((r) => r.agency_id === c.agencyId)).toEqual([{ division_code: c.prefix, agency_id: c.agencyId, cutoff_minutes: 600 }]) };
    },
  },
  'GET /prevention/daily-counts': {
    access: [...OFFICIALS, 'agency_admin'],
    ok: 200,
    out: 'list',
    req: (c, target) => {
      if (target === 'missing') return null;
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'out' && !county) return null;
      return {
        url: `/prevention/daily-counts?from=2020-02-01&to=2020-03-01${county ? `&division=${county}` : ''}`,
        verify: (res) => {
          const items = res.json().items as { divisionCode: string; agencyId: number }[];
          if (county) return expect(items).toEqual([]);
          for (const x of items) expect(f.inScope(c, x.divisionCode), x.divisionCode).toBe(true);
          if (c.role === 'agency_admin') for (const x of items) expect(x.agencyId).toBe(c.agencyId);
        },
      };
    },
  },

  'GET /prevention/venues': {
    access: [...VENUE_READERS, 'seeker', 'employer'],
    ok: 200,
    out: 'list',
    req: async (c, target) => {
      if (target === 'missing') return null;
      const own = await venueFor(c, 'in', { directory: true });
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'out' && (!county || c.role === 'seeker' || c.role === 'employer')) return null;
      return {
        url: county ? `/prevention/venues?division=${county}` : '/prevention/venues?limit=200',
        verify: async (res) => {
          const items = res.json().items as { id: number; divisionCode: string; agencyId: number; status: string }[];
          if (county) return expect(items).toEqual([]);
          if (c.role === 'seeker' || c.role === 'employer') {
            for (const x of items) expect(x.status).toBe('active');
            return;
          }
          for (const x of items) expect(f.inScope(c, x.divisionCode), x.divisionCode).toBe(true);
          if (c.role === 'agency_admin' || c.role === 'agency_staff') for (const x of items) expect(x.agencyId).toBe(c.agencyId);
          const all = await f.pageAll<{ id: number }>(t, `${V1}/prevention/venues`, c.cookie);
          expect(all.map((x) => x.id)).toContain(own?.id);
        },
      };
    },
  },
  'POST /prevention/venues': {
    access: ['agency_admin'],
    ok: 201,
    out: 'none',
    req: (c) => {
      const name = `矩阵新场所${unique()}`;
      const probe = () => db().selectFrom('venues').select(['division_code', 'agency_id']).where('name', '=', name).execute();
      return { url: '/prevention/venues', body: { name, address: '矩阵路 4 号', areaM2: 120 }, probe, verify: async () => expect(await probe()).toEqual([{ division_code: c.prefix, agency_id: c.agencyId }]) };
    },
  },
  'GET /prevention/venues/:id': {
    access: VENUE_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onVenue(c, target, (v) => ({ url: `/prevention/venues/${v.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: v.id, divisionCode: v.division }) })),
  },
  'PATCH /prevention/venues/:id': {
    access: ['agency_admin'],
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onVenue(c, target, (v) => {
        const address = `矩阵新地址 ${unique()}`;
        return { url: `/prevention/venues/${v.id}`, body: { address }, probe: () => venueField(v, 'address'), verify: async () => expect((await venueField(v, 'address'))?.address).toBe(address) };
      }),
  },
  'POST /prevention/venues/:id/code': {
    access: ['agency_admin'],
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onVenue(c, target, async (v) => {
        const before = (await venueField(v, 'code'))?.code;
        return { url: `/prevention/venues/${v.id}/code`, probe: () => venueField(v, 'code'), verify: async (res) => expect(res.json().code).not.toBe(before) };
      }),
  },
  'GET /prevention/venues/:id/qr': {
    access: VENUE_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onVenue(c, target, (v) => ({ url: `/prevention/venues/${v.id}/qr`, verify: (res) => expect(res.json().url).toMatch(/^https:\/\/yq\.example\.gov\.cn\/m\/v\/[0-9A-Z]{12}$/) })),
  },
  'GET /prevention/venues/:id/hygiene': {
    access: VENUE_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onVenue(c, target, (v) => ({ url: `/prevention/venues/${v.id}/hygiene`, verify: (res) => expect(res.json().venueId).toBe(v.id) })),
  },
  'POST /prevention/venues/:id/hygiene': {
    access: AGENCY_PEOPLE,
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onVenue(c, target, (v) => {
        const note = `矩阵消毒 ${unique()}`;
        const probe = () => db().selectFrom('hygiene_logs').select(['division_code', 'venue_id']).where('note', '=', note).execute();
        return { url: `/prevention/venues/${v.id}/hygiene`, body: { kind: 'disinfection', note }, probe, verify: async () => expect(await probe()).toEqual([{ division_code: v.division, venue_id: v.id }]) };
      }),
  },
  'POST /prevention/venues/:id/entry-checks': {
    access: AGENCY_PEOPLE,
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onVenue(c, target, (v) => {
        const name = `矩阵查验 ${unique()}`;
        const probe = () => db().selectFrom('visits').select(['division_code', 'venue_id', 'outcome']).where('name', '=', name).execute();
        return {
          url: `/prevention/venues/${v.id}/entry-checks`,
          body: { visitorType: 'seeker', name, mask: true, temperature: '36.5' },
          probe,
          verify: async () => expect(await probe()).toEqual([{ division_code: v.division, venue_id: v.id, outcome: 'admitted' }]),
        };
      }),
  },
  'GET /prevention/venues/:id/visits': {
    access: VENUE_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onVenue(c, target, (v) => ({ url: `/prevention/venues/${v.id}/visits`, verify: (res) => { for (const x of res.json().items) expect(x.venueId).toBe(v.id); } })),
  },
  'GET /prevention/venues/:id/visits/export.xlsx': {
    access: ['agency_admin'],
    ok: 200,
    out: 'hidden',
    req: (c, target) => onVenue(c, target, (v) => ({ url: `/prevention/venues/${v.id}/visits/export.xlsx` })),
  },
  'GET /prevention/visits/:id': {
    access: AGENCY_PEOPLE,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (target === 'missing') return { url: `/prevention/visits/${f.MISSING_ID}` };
      return onVenue(c, target, async (v) => {
        const id = await visitAt(v);
        return { url: `/prevention/visits/${id}`, verify: (res) => expect(res.json()).toMatchObject({ id, venueId: v.id }) };
      });
    },
  },
  'POST /prevention/visits/:id/check-out': {
    access: AGENCY_PEOPLE,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (target === 'missing') return { url: `/prevention/visits/${f.MISSING_ID}/check-out` };
      return onVenue(c, target, async (v) => {
        const id = await visitAt(v);
        return { url: `/prevention/visits/${id}/check-out`, probe: () => visitOut(id), verify: async () => expect((await visitOut(id))?.checked_out_at).toBeInstanceOf(Date) };
      });
    },
  },
  'GET /prevention/venues/:id/counts': {
    access: VENUE_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onVenue(c, target, (v) => ({ url: `/prevention/venues/${v.id}/counts?from=2020-02-01&to=2020-02-07`, verify: (res) => expect(res.json().days).toHaveLength(7) })),
  },
  'GET /prevention/venue-codes/:code': {
    access: 'public',
    ok: 200,
    out: 'none',
    req: async () => {
      const v = await venueOf(fx.agency['530102'] as { division: string; id: number });
      return { url: `/prevention/venue-codes/${v.code}`, verify: (res) => expect(res.json()).toMatchObject({ status: 'active', retentionDays: 28 }) };
    },
  },
  'POST /prevention/venue-codes/:code/visits': {
    access: 'public',
    ok: 201,
    out: 'none',
    req: async () => {
      const v = await venueOf(fx.agency['530103'] as { division: string; id: number });
      const name = `矩阵扫码 ${unique()}`;
      const probe = () => db().selectFrom('visits').select(['venue_id', 'source']).where('name', '=', name).execute();
      return { url: `/prevention/venue-codes/${v.code}/visits`, body: { name, phone: mobile(), consent: true }, probe, verify: async () => expect(await probe()).toEqual([{ venue_id: v.id, source: 'qr' }]) };
    },
  },
  'POST /prevention/visits/check-out': {
    access: 'public',
    ok: 200,
    out: 'none',
    req: async () => {
      const v = await venueOf(fx.agency['530103'] as { division: string; id: number });
      const reg = await t.send('POST', `${V1}/prevention/venue-codes/${v.code}/visits`, { name: `矩阵签退 ${unique()}`, phone: mobile(), consent: true });
      const { token, visitId } = reg.json();
      return { url: '/prevention/visits/check-out', body: { token }, probe: () => visitOut(visitId), verify: async () => expect((await visitOut(visitId))?.checked_out_at).toBeInstanceOf(Date) };
    },
  },
  'GET /prevention/venues/:id/slots': {
    access: [...VENUE_READERS, 'seeker', 'employer'],
    ok: 200,
    out: 'hidden',
    req: (c, target) => onVenue(c, target, (v) => ({ url: `/prevention/venues/${v.id}/slots`, verify: (res) => expect(res.json().venueId).toBe(v.id) }), { directory: true }),
  },
  'POST /prevention/venues/:id/slots': {
    access: ['agency_admin'],
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onVenue(c, target, (v) => {
        const startsAt = new Date(t.deps.clock.now().getTime() + (unique() % 10_000 + 1) * 3_600_000 + 60_000).toISOString();
        const probe = () => db().selectFrom('venue_slots').select(['venue_id']).where('division_code', '=', v.division).where('venue_id', '=', v.id).where('starts_at', '=', new Date(startsAt)).execute();
        return { url: `/prevention/venues/${v.id}/slots`, body: { startsAt, capacity: 5 }, probe, verify: async () => expect(await probe()).toEqual([{ venue_id: v.id }]) };
      }),
  },
  'POST /prevention/slots/:id/bookings': {
    access: BOOKERS,
    ok: 201,
    out: 'hidden',
    req: async (c, target) => {
      if (target === 'missing') return { url: `/prevention/slots/${f.MISSING_ID}/bookings`, body: {} };
      return onVenue(c, target, async (v) => {
        const slot = await slotOf(v);
        const desk = c.role === 'agency_admin' || c.role === 'agency_staff';
        const phone = mobile();
        const probe = () => db().selectFrom('bookings').select(['slot_id', 'status']).where('slot_id', '=', slot).where(desk ? 'phone' : 'account_id', '=', desk ? phone : -1).execute();
        return {
          url: `/prevention/slots/${slot}/bookings`,
          body: desk ? { name: '矩阵代约', phone } : {},
          probe,
          verify: async (res) => {
            expect(res.json()).toMatchObject({ slotId: slot, venueId: v.id, status: 'active', source: desk ? 'desk' : 'self' });
            if (desk) expect(await probe()).toEqual([{ slot_id: slot, status: 'active' }]);
          },
        };
      }, { directory: true });
    },
  },
  'GET /prevention/slots/:id/bookings': {
    access: AGENCY_PEOPLE,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (target === 'missing') return { url: `/prevention/slots/${f.MISSING_ID}/bookings` };
      return onVenue(c, target, async (v) => {
        const slot = await slotOf(v);
        return { url: `/prevention/slots/${slot}/bookings`, verify: (res) => { for (const b of res.json().items) expect(b.slotId).toBe(slot); } };
      });
    },
  },
  'GET /prevention/bookings': {
    access: ['seeker', 'employer'],
    ok: 200,
    out: 'none',
    req: (c) => ({
      url: '/prevention/bookings',
      verify: async (res) => {
        const mine = await accountIdOf(c.name);
        for (const b of res.json().items) expect((await db().selectFrom('bookings').select('account_id').where('id', '=', b.id).executeTakeFirstOrThrow()).account_id).toBe(mine);
      },
    }),
  },
  'DELETE /prevention/bookings/:id': {
    access: BOOKERS,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (target === 'missing') return { url: `/prevention/bookings/${f.MISSING_ID}` };
      const self = c.role === 'seeker' || c.role === 'employer';
      if (self) {
        // in: the caller's own booking; out: another person's booking at the same venue
        const v = await venueOf(fx.agency['530102'] as { division: string; id: number });
        const owner = target === 'in' ? await accountIdOf(c.name) : await accountIdOf('prov');
        const id = await bookingAt(v, owner);
        return { url: `/prevention/bookings/${id}`, probe: () => bookingStatus(id), verify: async () => expect((await bookingStatus(id))?.status).toBe('cancelled') };
      }
      return onVenue(c, target, async (v) => {
        const id = await bookingAt(v, null);
        return { url: `/prevention/bookings/${id}`, probe: () => bookingStatus(id), verify: async () => expect((await bookingStatus(id))?.status).toBe('cancelled') };
      });
    },
  },

  'GET /prevention/incidents': { access: INCIDENT_DESKS, ok: 200, out: 'list', req: incidentsReq('/prevention/incidents') },
  'GET /prevention/incidents/export.xlsx': { access: INCIDENT_DESKS, ok: 200, out: 'list', req: incidentsReq('/prevention/incidents/export.xlsx') },
  'GET /prevention/incidents/:id': {
    access: INCIDENT_DESKS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onIncident(c, target, (id) => ({ url: `/prevention/incidents/${id}`, verify: (res) => expect(res.json()).toMatchObject({ id, stage: 'detected' }) })),
  },
  'POST /prevention/incidents/:id/steps': {
    access: ['agency_admin', 'county'],
    ok: 201,
    out: 'hidden',
    req: (c, target) => {
      // the agency confirms the report of a detected incident; the county records the isolation of a reported one
      const county = c.role === 'county';
      return onIncident(
        c,
        target,
        (id) => ({
          url: `/prevention/incidents/${id}/steps`,
          body: { stage: county ? 'isolated' : 'reported' },
          probe: () => stepsOf(id),
          verify: async (res) => {
            expect(res.json()).toMatchObject({ id, stage: county ? 'isolated' : 'reported' });
            expect((await stepsOf(id)).map((x) => x.stage)).toEqual([county ? 'isolated' : 'reported']);
          },
        }),
        county ? 'reported' : 'detected',
      );
    },
  },
  'GET /prevention/inbox': {
    access: INCIDENT_DESKS,
    ok: 200,
    out: 'none',
    req: async (c) => {
      const mine = await noticeFor(c, 'in');
      return {
        url: '/prevention/inbox?limit=200',
        verify: async (res) => {
          const ids: number[] = res.json().items.map((x: { id: number }) => x.id);
          expect(ids).toContain(mine);
          const rows = ids.length ? await db().selectFrom('prevention_inbox').select(['division_code', 'desk', 'agency_id']).where('id', 'in', ids).execute() : [];
          for (const r of rows) {
            if (c.role === 'agency_admin') expect(r).toEqual({ division_code: c.prefix, desk: 'agency', agency_id: c.agencyId });
            else expect(r).toEqual({ division_code: deskCode(c.prefix as string), desk: 'bureau', agency_id: null });
          }
        },
      };
    },
  },
  'POST /prevention/inbox/:id/read': {
    access: INCIDENT_DESKS,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const id = await noticeFor(c, target);
      if (id === null) return null;
      return { url: `/prevention/inbox/${id}/read`, probe: () => noticeRead(id), verify: async () => expect((await noticeRead(id))?.read_at).toBeInstanceOf(Date) };
    },
  },
  'GET /prevention/duty-phone': {
    access: OFFICIALS,
    ok: 200,
    out: 'none',
    req: (c) => ({ url: '/prevention/duty-phone', verify: (res) => expect(res.json().divisionCode).toBe(deskCode(c.prefix as string)) }),
  },
  'PUT /prevention/duty-phone': {
    access: OFFICIALS,
    ok: 200,
    out: 'none',
    req: (c) => {
      const phone = mobile();
      return { url: '/prevention/duty-phone', body: { phone }, probe: dutyPhones, verify: async (res) => expect(res.json()).toMatchObject({ divisionCode: deskCode(c.prefix as string), phone }) };
    },
  },
  'DELETE /prevention/duty-phone': {
    access: OFFICIALS,
    ok: 200,
    out: 'none',
    req: async (c) => {
      if (c.prefix && (c.role === 'province' || c.role === 'prefecture' || c.role === 'county')) await db().insertInto('prevention_duty_phones').values({ division_code: deskCode(c.prefix), phone: mobile(), updated_at: t.deps.clock.now() }).onConflict((oc) => oc.column('division_code').doNothing()).execute();
      return { url: '/prevention/duty-phone', probe: dutyPhones, verify: async (res) => expect(res.json()).toMatchObject({ divisionCode: deskCode(c.prefix as string), phone: null }) };
    },
  },
  'GET /prevention/plans': {
    access: PLAN_FIGURE_READERS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      if (target === 'missing') return null;
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'out' && !county) return null;
      return {
        url: county ? `/prevention/plans?division=${county}` : '/prevention/plans',
        verify: (res) => {
          const items = res.json().items as { agencyId: number; divisionCode: string }[];
          if (county) return expect(items).toEqual([]);
          for (const x of items) expect(f.inScope(c, x.divisionCode), x.divisionCode).toBe(true);
          if (c.role === 'agency_admin') expect(items.map((x) => x.agencyId)).toEqual([c.agencyId]);
          else expect(items.map((x) => x.agencyId)).toContain(f.agencyFor(fx, c, 'in')?.id);
        },
      };
    },
  },
  // resumption plans (issue 13 M2, decision 0050) -----------------------------------------------
  'GET /resumption/plan': {
    access: ['employer'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      if (c.role === 'employer') await newResumptionPlan({ division: c.prefix as string, id: c.employerId as number });
      return { url: '/resumption/plan', verify: (res) => expect(res.json()).toMatchObject({ employerId: c.employerId, divisionCode: c.prefix }) };
    },
  },
  'PUT /resumption/plan': {
    access: ['employer'],
    ok: 200,
    out: 'none',
    req: (c) => ({
      url: '/resumption/plan',
      body: { resumeOn: '2025-03-02', staffOnPost: 5, staffAway: 1, staffIsolated: 0, contactName: '矩阵', contactPhone: mobile(), demand: [{ occupationCode: '6', headcount: 2 }] },
      verify: (res) => expect(res.json()).toMatchObject({ employerId: c.employerId, divisionCode: c.prefix, resumeOn: '2025-03-02' }),
    }),
  },
  'GET /resumption/plans': {
    access: PLAN_READERS_RESUMPTION,
    ok: 200,
    out: 'list',
    req: async (c, target) => {
      const e = target === 'in' ? f.employerFor(fx, c, 'in') : null;
      const mine = e ? await newResumptionPlan(e) : null;
      return resumptionListReq('/resumption/plans?limit=200', c, target, (items) => {
        if (c.role === 'employer') for (const x of items) expect(x.employerId).toBe(c.employerId);
        if (mine) expect((items as unknown as { id: number }[]).map((x) => x.id)).toContain(mine.id);
      });
    },
  },
  'GET /resumption/plans/export.xlsx': {
    access: OFFICIALS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'missing' || (target === 'out' && !county)) return null;
      return { url: `/resumption/plans/export.xlsx${county ? `?division=${county}` : ''}`, verify: async (res) => { if (county) expect(await f.sheetRows(res)).toEqual([]); } };
    },
  },
  'GET /resumption/plans/:id': {
    access: PLAN_READERS_RESUMPTION,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onResumptionPlan(c, target, (p) => ({ url: `/resumption/plans/${p.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: p.id, divisionCode: p.division }) })),
  },
  'GET /resumption/returnees/template.xlsx': { access: ['employer'], ok: 200, out: 'none', req: () => ({ url: '/resumption/returnees/template.xlsx' }) },
  'POST /resumption/plans/:id/returnees/import': {
    access: ['employer'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const wb = await writeSheet('返岗员工', ['姓名', '身份证号', '手机号', '始发县代码', '出行日期', '需要点对点运输'].map((h, i) => ({ header: h, value: (r: string[]) => r[i] ?? '' })), [[`矩阵导入${unique()}`, citizenId(MATRIX_ORIGIN), mobile(), MATRIX_ORIGIN, '2025-02-28', '是']]);
      return onResumptionPlan(c, target, (p) => {
        const names = () => db().selectFrom('resumption_returnees').select('name').where('division_code', '=', p.division).where('plan_id', '=', p.id).orderBy('id').execute();
        return { url: `/resumption/plans/${p.id}/returnees/import`, raw: { payload: wb, contentType: XLSX_TYPE }, probe: names, verify: async () => expect((await names()).map((r) => r.name)).toEqual([expect.stringMatching(/^矩阵导入/)]) };
      });
    },
  },
  'GET /resumption/plans/:id/returnees': {
    access: PLAN_READERS_RESUMPTION,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onResumptionPlan(c, target, (p) => ({ url: `/resumption/plans/${p.id}/returnees`, verify: (res) => expect(res.json().items).toEqual([expect.objectContaining({ originDivision: MATRIX_ORIGIN, phone: expect.stringMatching(/\*{4}/) })]) })),
  },
  'GET /resumption/plans/:id/returnees/export.xlsx': {
    access: PLAN_READERS_RESUMPTION,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onResumptionPlan(c, target, (p) => ({ url: `/resumption/plans/${p.id}/returnees/export.xlsx`, verify: async (res) => expect(await f.sheetRows(res)).toHaveLength(1) })),
  },
  'POST /resumption/plans/:id/demand/:lineId/posting': {
    access: ['employer', 'county'],
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onResumptionPlan(c, target, (p) => {
        const line = () => db().selectFrom('resumption_demand').select('posting_id').where('division_code', '=', p.division).where('id', '=', p.lineId).executeTakeFirst();
        return { url: `/resumption/plans/${p.id}/demand/${p.lineId}/posting`, body: {}, probe: line, verify: async (res) => expect((await line())?.posting_id).toBe(res.json().postingId) };
      }),
  },
  'GET /resumption/demand': { access: OFFICIALS, ok: 200, out: 'list', req: (c, target) => resumptionListReq('/resumption/demand', c, target) },
  'GET /resumption/demand/export.xlsx': {
    access: OFFICIALS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'missing' || (target === 'out' && !county)) return null;
      return { url: `/resumption/demand/export.xlsx${county ? `?division=${county}` : ''}`, verify: async (res) => { if (county) expect(await f.sheetRows(res)).toEqual([]); } };
    },
  },
  'GET /resumption/transport': { access: OFFICIALS, ok: 200, out: 'list', req: (c, target) => resumptionListReq('/resumption/transport', c, target) },
  'GET /resumption/transport/workers': { access: OFFICIALS, ok: 200, out: 'list', req: (c, target) => resumptionListReq(`/resumption/transport/workers?origin=${MATRIX_ORIGIN}`, c, target) },
  'GET /resumption/transport/export.xlsx': {
    access: OFFICIALS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'missing' || (target === 'out' && !county)) return null;
      return { url: `/resumption/transport/export.xlsx?origin=${MATRIX_ORIGIN}${county ? `&division=${county}` : ''}`, verify: async (res) => { if (county) expect(await f.sheetRows(res)).toEqual([]); } };
    },
  },
  'POST /resumption/transport/shares': {
    access: OFFICIALS,
    ok: 200,
    out: 'division',
    req: (c, target) => {
      const county = f.countyFor(c, target);
      if (!county || target === 'missing') return null;
      const grants = () => db().selectFrom('access_grants').select('id').where('division_code', '=', county).where('grantee', '=', `division:${MATRIX_ORIGIN}`).where('expires_at', 'is', null).execute();
      return {
        url: '/resumption/transport/shares',
        body: { originDivision: MATRIX_ORIGIN, divisionCode: county },
        probe: grants,
        verify: async (res) => {
          expect(res.json()).toMatchObject({ divisionCode: county, originDivision: MATRIX_ORIGIN });
          // no lasting grant: ended at once
          await db().updateTable('access_grants').set({ expires_at: t.deps.clock.now() }).where('division_code', '=', county).where('grantee', '=', `division:${MATRIX_ORIGIN}`).where('expires_at', 'is', null).execute();
        },
      };
    },
  },
  'POST /resumption/transport/shares/:id/end': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onShare(c, target, (id) => ({ url: `/resumption/transport/shares/${id}/end`, verify: (res) => expect(res.json()).toEqual({ ended: false }) })),
  },
  'GET /resumption/departures': { access: OFFICIALS, ok: 200, out: 'none', req: () => ({ url: '/resumption/departures', verify: (res) => expect(Array.isArray(res.json().items)).toBe(true) }) },
  'GET /resumption/departures/export.xlsx': { access: OFFICIALS, ok: 200, out: 'none', req: () => ({ url: '/resumption/departures/export.xlsx' }) },
  'GET /prevention/plans/:agencyId': {
    access: PLAN_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onAgency(c, target, (a) => ({ url: `/prevention/plans/${a.id}`, verify: (res) => expect(res.json()).toMatchObject({ agencyId: a.id, divisionCode: a.division }) })),
  },
  'PUT /prevention/plans/:agencyId': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onAgency(c, target, (a) => {
        const name = `矩阵责任人${unique()}`;
        return { url: `/prevention/plans/${a.id}`, body: { measures: ['masks'], responsibleName: name }, probe: () => planOfAgency(a), verify: async () => expect((await planOfAgency(a))?.responsible_name).toBe(name) };
      }),
  },
  'POST /prevention/plans/:agencyId/stock': {
    access: AGENCY_ADMIN,
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onAgency(c, target, (a) => ({
        url: `/prevention/plans/${a.id}/stock`,
        body: { kind: 'disinfectant', name: `矩阵消毒液${unique()}`, quantity: 1, minimum: 5 },
        probe: () => stockOf(a),
        verify: async (res) => expect((await stockOf(a)).map((x) => x.id)).toContain(res.json().id),
      })),
  },
  'PATCH /prevention/plans/:agencyId/stock/:itemId': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const a = f.agencyFor(fx, c, target);
      if (!a) return null;
      const id = target === 'missing' ? f.MISSING_ID : await newStockItem(a);
      return { url: `/prevention/plans/${a.id}/stock/${id}`, body: { quantity: 99 }, probe: () => stockRow(a, id), verify: async () => expect((await stockRow(a, id))?.quantity).toBe(99) };
    },
  },
  'DELETE /prevention/plans/:agencyId/stock/:itemId': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const a = f.agencyFor(fx, c, target);
      if (!a) return null;
      const id = target === 'missing' ? f.MISSING_ID : await newStockItem(a);
      return { url: `/prevention/plans/${a.id}/stock/${id}`, probe: () => stockRow(a, id), verify: async () => expect(await stockRow(a, id)).toBeUndefined() };
    },
  },
  'POST /prevention/plans/:agencyId/education': {
    access: AGENCY_ADMIN,
    ok: 201,
    out: 'hidden',
    req: (c, target) =>
      onAgency(c, target, (a) => {
        const topic = `矩阵宣传${unique()}`;
        const probe = () => db().selectFrom('prevention_education_sessions').select(['division_code', 'agency_id']).where('topic', '=', topic).execute();
        return { url: `/prevention/plans/${a.id}/education`, body: { heldOn: '2020-02-01', topic, attendees: [] }, probe, verify: async () => expect(await probe()).toEqual([{ division_code: a.division, agency_id: a.id }]) };
      }),
  },
  'DELETE /prevention/plans/:agencyId/education/:sessionId': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const a = f.agencyFor(fx, c, target);
      if (!a) return null;
      const id = target === 'missing' ? f.MISSING_ID : await newSession(a);
      return { url: `/prevention/plans/${a.id}/education/${id}`, probe: () => sessionRow(a, id), verify: async () => expect(await sessionRow(a, id)).toBeUndefined() };
    },
  },

  'GET /prevention/risk-areas': {
    access: PLAN_READERS,
    ok: 200,
    out: 'none',
    req: async () => {
      const id = await riskAreaId();
      return { url: '/prevention/risk-areas?limit=200', verify: (res) => expect(res.json().items.map((x: { id: number }) => x.id)).toContain(id) };
    },
  },
  'POST /prevention/risk-areas': {
    access: ['province'],
    ok: 201,
    out: 'none',
    req: () => {
      const note = `矩阵风险地区${unique()}`;
      const probe = () => db().selectFrom('risk_areas').select(['division_code', 'area_code']).where('note', '=', note).execute();
      return { url: '/prevention/risk-areas', body: { code: '4201', level: 'high', from: '2020-01-23', note }, probe, verify: async () => expect(await probe()).toEqual([{ division_code: '530000', area_code: '420100' }]) };
    },
  },
  'GET /prevention/risk-areas/template.xlsx': { access: ['province'], ok: 200, out: 'none', req: () => ({ url: '/prevention/risk-areas/template.xlsx' }) },
  'POST /prevention/risk-areas/import': {
    access: ['province'],
    ok: 200,
    out: 'none',
    req: async () => {
      const note = `矩阵导入${unique()}`;
      const probe = () => db().selectFrom('risk_areas').select(['area_code']).where('note', '=', note).execute();
      const body = await writeSheet('风险地区', [{ header: '区划代码', text: true, value: () => '5329' }, { header: '等级', value: () => '中' }, { header: '起', value: () => '2020-02-01' }, { header: '备注', value: () => note }], [1]);
      return { url: '/prevention/risk-areas/import', body, probe, verify: async () => expect(await probe()).toEqual([{ area_code: '532900' }]) };
    },
  },
  'GET /prevention/risk-areas/:id': {
    access: ['province'],
    ok: 200,
    out: 'none',
    req: async () => {
      const id = await riskAreaId();
      return { url: `/prevention/risk-areas/${id}`, verify: (res) => expect(res.json()).toMatchObject({ id, divisionCode: '532901' }) };
    },
  },
  'PATCH /prevention/risk-areas/:id': {
    access: ['province'],
    ok: 200,
    out: 'none',
    req: async () => {
      const id = await riskAreaId();
      const note = `矩阵修改${unique()}`;
      return { url: `/prevention/risk-areas/${id}`, body: { note }, probe: () => areaRow(id), verify: async () => expect((await areaRow(id))?.note).toBe(note) };
    },
  },
  'POST /prevention/declarations': {
    access: ['agency_staff'],
    ok: 201,
    out: 'none',
    req: (c) => {
      const probe = () => db().selectFrom('screening_declarations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return { url: '/prevention/declarations', body: { stays: [], closeContact: false, selfCase: 'none', relativeCase: 'none' }, probe, verify: (res) => {
          expect(c.role).toBe('agency_staff');
          expect(res.json().findings).toEqual([]);
        } };
    },
  },
  'GET /prevention/declarations/mine': { access: ['agency_staff'], ok: 200, out: 'none', req: () => ({ url: '/prevention/declarations/mine', verify: (res) => expect(res.json()).toMatchObject({ staleDays: 14 }) }) },
  'GET /prevention/declarations': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'none',
    req: (c) => ({ url: '/prevention/declarations', verify: (res) => expect(res.json().agencyId).toBe(c.agencyId) }),
  },
  'GET /prevention/declarations/findings': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'none',
    req: (c) => ({
      url: '/prevention/declarations/findings?withCleared=true',
      verify: async (res) => {
        const own = await db().selectFrom('agency_staff').select('id').where('agency_id', '=', c.agencyId as number).execute();
        for (const x of res.json().items as { staffId: number }[]) expect(own.map((r) => r.id)).toContain(x.staffId);
      },
    }),
  },
  'POST /prevention/declarations/findings/:id/clear': {
    access: AGENCY_ADMIN,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (target === 'missing') return { url: `/prevention/declarations/findings/${f.MISSING_ID}/clear`, body: { note: '矩阵' } };
      const a = f.agencyFor(fx, c, target);
      if (!a) return null;
      const id = await newFollowUp(a);
      return { url: `/prevention/declarations/findings/${id}/clear`, body: { note: '矩阵核查' }, probe: () => followUpRow(a, id), verify: async () => expect((await followUpRow(a, id))?.cleared_at).toBeInstanceOf(Date) };
    },
  },
  // the prevention desk (issue 8 R1/G4; oversight) ------------------------------------------------
  'GET /prevention/desk': { access: OFFICIALS, ok: 200, out: 'hidden', req: deskReq('/prevention/desk') },
  'GET /prevention/desk/export.xlsx': { access: OFFICIALS, ok: 200, out: 'hidden', req: deskReq('/prevention/desk/export.xlsx') },
  'GET /prevention/desk/map': { access: OFFICIALS, ok: 200, out: 'hidden', req: deskReq('/prevention/desk/map') },
  // job seekers (issue 9) ------------------------------------------------------------------------
  'GET /seekers/notice': { access: 'public', ok: 200, out: 'none', req: () => ({ url: '/seekers/notice', verify: (res) => expect(res.json().noticeVersion).toMatch(/^2020-02-v2-/) }) },
  'POST /seekers/register': { access: 'public', ok: 400, out: 'none', req: () => ({ url: '/seekers/register', body: { phone: 'x', code: '1', name: '', noticeVersion: 'x', consent: true } }) },
  'DELETE /seekers/me': {
    access: ['seeker'],
    ok: 204,
    out: 'none',
    req: async (c) => {
      // refused callers: every seeker membership stays
      if (c.role !== 'seeker') return { url: '/seekers/me', probe: () => db().selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'seeker').executeTakeFirstOrThrow() };
      // a seeker of its own: closing the demo seeker's registration would end it for every later test
      const username = await createAccount(t.deps, { role: 'seeker', phone: mobile(), password: 'Matrix-password-2020' });
      const cookie = await t.login(username, 'Matrix-password-2020');
      expect((await t.send('PUT', `${V1}/seekers/me`, seekerProfileBody(), cookie)).statusCode).toBe(200);
      return {
        url: '/seekers/me',
        cookie,
        verify: async () => {
          expect((await t.get(`${V1}/me`, cookie)).statusCode).toBe(401);
          expect(await db().selectFrom('memberships as m').innerJoin('accounts as a', 'a.id', 'm.account_id').select('m.id').where('a.username', '=', username).execute()).toEqual([]);
        },
      };
    },
  },
  'POST /seekers/me/renewal': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      return { url: '/seekers/me/renewal', verify: (res) => expect(res.json()).toMatchObject({ name: '矩阵求职者', expired: false }) };
    },
  },
  'GET /seekers/me': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      return { url: '/seekers/me', verify: (res) => expect(res.json()).toMatchObject({ divisionCode: '530102', name: '矩阵求职者' }) };
    },
  },
  'PUT /seekers/me': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: () => ({
      url: '/seekers/me',
      body: { ...seekerProfileBody(), residenceDivision: '530103' },
      probe: () => db().selectFrom('seekers').select((eb) => eb.fn.countAll<number>().as('n')).where('residence_division', '=', '530103').where('name', '=', '矩阵求职者').executeTakeFirstOrThrow(),
      verify: (res) => expect(res.json()).toMatchObject({ divisionCode: '530103', salaryUnit: 'month' }),
    }),
  },
  'GET /seekers/me/authorisations': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      return { url: '/seekers/me/authorisations', verify: (res) => expect(Array.isArray(res.json().items)).toBe(true) };
    },
  },
  'POST /seekers/me/authorisations': {
    access: ['seeker'],
    ok: 201,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      const agency = fx.agency['530102'] as { division: string; id: number };
      // a live authorisation of this agency would answer 409: revoke what an earlier run left
      if (c.role === 'seeker') {
        for (const g of (await t.get(`${V1}/seekers/me/authorisations`, c.cookie)).json().items) if (!g.revokedAt) await t.send('DELETE', `${V1}/seekers/me/authorisations/${g.id}`, undefined, c.cookie);
      }
      return {
        url: '/seekers/me/authorisations',
        body: { agencyId: agency.id },
        probe: () => db().selectFrom('access_grants').select((eb) => eb.fn.countAll<number>().as('n')).where('grantee', '=', `agency:${agency.division}:${agency.id}`).executeTakeFirstOrThrow(),
        verify: (res) => expect(res.json()).toMatchObject({ agencyId: agency.id, agencyDivision: agency.division, revokedAt: null }),
      };
    },
  },
  'DELETE /seekers/me/authorisations/:id': {
    access: ['seeker'],
    ok: 204,
    out: 'none',
    req: async (c) => {
      if (c.role !== 'seeker') return { url: '/seekers/me/authorisations/1' };
      await ensureOwnProfile(c);
      const agency = fx.agency['530303'] as { division: string; id: number };
      const made = await t.send('POST', `${V1}/seekers/me/authorisations`, { agencyId: agency.id }, c.cookie);
      expect(made.statusCode, made.body).toBe(201);
      const id = made.json().id as number;
      return {
        url: `/seekers/me/authorisations/${id}`,
        verify: async () => expect((await db().selectFrom('access_grants').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow()).expires_at).not.toBeNull(),
      };
    },
  },
  'GET /seekers': {
    access: SEEKER_READERS,
    ok: 200,
    out: 'list',
    req: async (c, target) => {
      if (target === 'missing') return null;
      const seen = await seekerFor(c, 'in');
      const county = target === 'out' ? f.countyFor(c, 'out') : null;
      if (target === 'out' && (!county || c.role === 'agency_admin' || c.role === 'agency_staff')) return null;
      return {
        url: county ? `/seekers?division=${county}&limit=200` : '/seekers?limit=200',
        verify: async (res) => {
          const items = res.json().items as { id: number; divisionCode: string }[];
          if (county) return expect(items).toEqual([]);
          if (c.role === 'agency_admin' || c.role === 'agency_staff') {
            const granted = await db().selectFrom('access_grants').select('target_id').where('grantee', '=', `agency:${c.prefix}:${c.agencyId}`).where('target_table', '=', 'seekers').where('expires_at', 'is', null).execute();
            for (const x of items) expect(granted.map((g) => g.target_id)).toContain(x.id);
          } else for (const x of items) expect(f.inScope(c, x.divisionCode), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
          // other files' rows share the database (the scale generator's 600 seekers in 五华区): look past the first page
          if (seen && c.role !== 'province') expect((await f.pageAll<{ id: number }>(t, `${V1}/seekers`, c.cookie)).map((x) => x.id)).toContain(seen.id);
        },
      };
    },
  },
  'GET /seekers/:id': {
    access: SEEKER_READERS,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const s = (await seekerFor(c, target)) ?? (target === 'in' ? await seekerProfileIn('530102') : null);
      return s ? { url: `/seekers/${s.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: s.id, divisionCode: s.division, phone: expect.stringContaining('*') }) } : null;
    },
  },
  // the matchmaker (issue 12, decision 0046) ------------------------------------------------------
  'GET /matches/for-seeker/:id': {
    access: ['seeker', 'agency_admin', 'agency_staff'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      if (c.role === 'seeker') {
        await ensureOwnProfile(c);
        const own = (await t.get(`${V1}/me`, c.cookie)).json().seekerId as number;
        expect(own).toEqual(expect.any(Number));
        // 'out': another person's profile (the other demo seeker's, or a fixture one)
        const id = target === 'in' ? own : target === 'missing' ? f.MISSING_ID : (await seekerProfileIn('530102')).id;
        return { url: `/matches/for-seeker/${id}`, verify: (res) => expect(res.json()).toMatchObject({ recommendations: true, items: expect.any(Array) }) };
      }
      const s = (await seekerFor(c, target)) ?? (target === 'in' ? await seekerProfileIn('530102') : null);
      return s ? { url: `/matches/for-seeker/${s.id}?limit=5`, verify: (res) => expect(res.json().items.length).toBeLessThanOrEqual(5) } : null;
    },
  },
  'GET /matches/for-posting/:id': {
    access: ['employer', 'agency_admin'],
    ok: 200,
    out: 'hidden',
    req: (c, target) => onPosting(c, target, true, (id) => ({ url: `/matches/for-posting/${id}`, verify: (res) => expect(Array.isArray(res.json().items)).toBe(true) })),
  },
  // job alerts (issue 12, decision 0047): a job seeker's own subscription, digests and WeChat binding; nobody else's
  'GET /alerts/me': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      return { url: '/alerts/me', verify: (res) => expect(res.json()).toMatchObject({ recommendations: expect.any(Boolean), channels: expect.any(Array) }) };
    },
  },
  'PUT /alerts/me': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      return {
        url: '/alerts/me',
        body: { active: true, channels: ['in_app'], quietHours: { start: '21:00', end: '08:00' } },
        probe: () => db().selectFrom('alert_subscriptions').select(['division_code', 'seeker_id', 'active', 'channels', 'updated_at']).orderBy('seeker_id').execute(),
        verify: (res) => expect(res.json()).toMatchObject({ subscribed: true, active: true, channels: ['in_app'], quietHours: { start: '21:00', end: '08:00' } }),
      };
    },
  },
  'GET /alerts/me/digests': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      return { url: '/alerts/me/digests?limit=5', verify: (res) => expect(Array.isArray(res.json().items)).toBe(true) };
    },
  },
  'GET /alerts/wechat/authorize': {
    access: ['seeker'],
    ok: 200,
    out: 'none',
    req: async (c) => {
      await ensureOwnProfile(c);
      return { url: '/alerts/wechat/authorize', verify: (res) => expect(res.json()).toMatchObject({ mode: 'simulated', url: expect.stringContaining('/api/v1/alerts/wechat/callback?code=') }) };
    },
  },
  'GET /alerts/wechat/callback': {
    access: ['seeker'],
    ok: 303,
    out: 'none',
    req: async (c) => {
      const bound = () => db().selectFrom('alert_subscriptions').select(['seeker_id', 'wechat_openid', 'wechat_bound_at']).where('wechat_openid', 'is not', null).orderBy('seeker_id').execute();
      if (c.role !== 'seeker') return { url: '/alerts/wechat/callback?code=dev0&state=1T1S000000000000000000000000', probe: bound };
      await ensureOwnProfile(c);
      const url = new URL((await t.get(`${V1}/alerts/wechat/authorize`, c.cookie)).json().url as string);
      return {
        url: `/alerts/wechat/callback${url.search}`,
        probe: bound,
        verify: async (res) => {
          expect(res.headers.location).toBe('/m/alerts?wechat=bound');
          expect((await t.get(`${V1}/alerts/me`, c.cookie)).json().wechat.bound).toBe(true);
        },
      };
    },
  },
  // attachments and employers' own registrations (issue 9) -------------------------------------
  'POST /attachments': {
    access: ['seeker', 'employer', 'agency_admin'],
    ok: 201,
    out: 'none',
    // each role its own kind (UPLOAD_KINDS): an agency files paper consents in its own county
    req: (c) => {
      const [kind, county] = c.role === 'agency_admin' ? ['paper_consent', c.prefix as string] : ['business_licence', '530102'];
      return { url: `/attachments?kind=${kind}&divisionCode=${county}`, raw: { payload: MATRIX_PDF, contentType: 'application/pdf' }, verify: (res) => expect(res.json()).toMatchObject({ kind, divisionCode: county, mediaType: 'application/pdf' }) };
    },
  },
  'GET /attachments/:id': {
    access: [...OFFICIALS, 'seeker', 'employer', 'agency_admin'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const a = await attachmentFor(c, target);
      return a ? { url: `/attachments/${a.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: a.id, divisionCode: a.division }) } : null;
    },
  },
  'GET /attachments/:id/content': {
    access: [...OFFICIALS, 'seeker', 'employer', 'agency_admin'],
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const a = await attachmentFor(c, target);
      return a ? { url: `/attachments/${a.id}/content`, verify: (res) => expect(res.rawPayload.equals(MATRIX_PDF)).toBe(true) } : null;
    },
  },
  'POST /employer-registrations': {
    access: ['seeker', 'employer'],
    ok: 201,
    out: 'none',
    req: async (c) => {
      const scan = await scanOf(c.role ? c : otherCaller(c), '530102');
      const code = creditCode('530102');
      return {
        url: '/employer-registrations',
        body: { creditCode: code, name: `矩阵自主登记单位${unique()}`, industryCode: '2770', ownershipType: 'private', divisionCode: '530102', address: '矩阵路 3 号', contactName: '矩阵申请人', contactPhone: mobile(), licenceAttachmentId: scan.id },
        probe: () => db().selectFrom('employer_registrations').select('id').where('credit_code', '=', code).execute(),
        verify: async (res) => {
          expect(res.json()).toMatchObject({ status: 'pending', creditCode: code });
          expect(await db().selectFrom('credit_code_claims').select('kind').where('credit_code', '=', code).execute()).toEqual([]);
        },
      };
    },
  },
  'GET /employer-registrations': {
    access: REGISTRATION_READERS,
    ok: 200,
    out: 'list',
    req: async (c, target) => {
      if (target === 'missing') return null;
      const official = c.role !== null && ['province', 'prefecture', 'county'].includes(c.role);
      const county = target === 'out' ? (official ? f.countyFor(c, 'out') : null) : null;
      if (target === 'out' && !county) return null;
      const seen = await registrationFor(c, 'in');
      return {
        url: county ? `/employer-registrations?division=${county}&limit=200` : '/employer-registrations?limit=200',
        verify: async (res) => {
          const items = res.json().items as { id: number; divisionCode: string }[];
          if (county) return expect(items).toEqual([]);
          if (official) for (const x of items) expect(f.inScope(c, x.divisionCode), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
          else {
            const own = await db().selectFrom('employer_registrations').select('id').where('account_id', '=', await accountOf(c)).execute();
            for (const x of items) expect(own.map((o) => o.id)).toContain(x.id);
          }
          if (seen && c.role !== 'province') expect(items.map((x) => x.id)).toContain(seen.id);
        },
      };
    },
  },
  'GET /employer-registrations/:id': {
    access: REGISTRATION_READERS,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const r = await registrationFor(c, target);
      return r ? { url: `/employer-registrations/${r.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: r.id, divisionCode: r.division, status: 'pending' }) } : null;
    },
  },
  'POST /employer-registrations/:id/decision': {
    access: OFFICIALS,
    ok: 200,
    out: 'hidden',
    req: async (c, target) => {
      const r = await registrationFor(c, target);
      if (!r) return null;
      return {
        url: `/employer-registrations/${r.id}/decision`,
        body: { decision: 'refuse', reason: '矩阵测试' },
        probe: () => db().selectFrom('employer_registrations').select('status').where('id', '=', r.id).execute(),
        verify: (res) => expect(res.json()).toMatchObject({ id: r.id, status: 'refused', reason: '矩阵测试' }),
      };
    },
  },
  'GET /employers/me/authorisations': { access: ['employer'], ok: 200, out: 'none', req: () => ({ url: '/employers/me/authorisations', verify: (res) => expect(Array.isArray(res.json().items)).toBe(true) }) },
  'POST /employers/me/authorisations': {
    access: ['employer'],
    ok: 201,
    out: 'none',
    req: async (c) => {
      const agency = fx.agency['530303'] as { division: string; id: number };
      if (c.role === 'employer') {
        for (const g of (await t.get(`${V1}/employers/me/authorisations`, c.cookie)).json().items) if (!g.revokedAt) await t.send('DELETE', `${V1}/employers/me/authorisations/${g.id}`, undefined, c.cookie);
      }
      const documentId = await employerDocument(c.role === 'employer' ? c : (f.CALLERS.find((x) => x.name === 'employer-km') as Caller));
      return {
        url: '/employers/me/authorisations',
        body: { agencyId: agency.id, documentId },
        probe: () => db().selectFrom('attachments').select(['owner_table', 'owner_id']).where('id', '=', documentId).execute(),
        verify: (res) => expect(res.json()).toMatchObject({ agencyId: agency.id, documentId, revokedAt: null }),
      };
    },
  },
  'DELETE /employers/me/authorisations/:id': {
    access: ['employer'],
    ok: 204,
    out: 'none',
    req: async (c) => {
      if (c.role !== 'employer') return { url: '/employers/me/authorisations/1' };
      const agency = fx.agency['532801'] as { division: string; id: number };
      const made = await t.send('POST', `${V1}/employers/me/authorisations`, { agencyId: agency.id, documentId: await employerDocument(c) }, c.cookie);
      expect(made.statusCode, made.body).toBe(201);
      const id = made.json().id as number;
      return { url: `/employers/me/authorisations/${id}`, verify: async () => expect((await db().selectFrom('access_grants').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow()).expires_at).not.toBeNull() };
    },
  },
  // verified placements (issue 13 M6; decision 0051) -------------------------------------------------
  'GET /applications/referred': {
    access: AGENCY_SIDE,
    ok: 200,
    out: 'none',
    req: async (c) => {
      const agency = c.agencyId !== undefined ? { division: c.prefix as string, id: c.agencyId } : (fx.agency['530102'] as { division: string; id: number });
      const a = await hiredReferral(fx.employer['530102'] as { division: string; id: number }, agency);
      return {
        url: '/applications/referred?stage=hired&limit=200',
        verify: async () => {
          const items = await f.pageAll<{ id: number; referral: { agencyId: number; agencyDivision: string } }>(t, `${V1}/applications/referred?stage=hired`, c.cookie);
          expect(items.map((x) => x.id)).toContain(a.id);
          for (const x of items) expect(x.referral).toMatchObject({ agencyId: c.agencyId, agencyDivision: c.prefix });
        },
      };
    },
  },
  'GET /placements': {
    access: PLACEMENT_READERS,
    ok: 200,
    out: 'list',
    req: (c, target) => {
      if (target === 'missing') return null;
      return onPlacement(c, target, 'pending_employer', (p) => ({
        url: '/placements?status=pending_employer&limit=1',
        verify: async () => {
          const items = await f.pageAll<{ id: number; divisionCode: string; agencyId: number }>(t, `${V1}/placements?status=pending_employer`, c.cookie);
          if (target === 'out') expect(items.map((x) => x.id)).not.toContain(p.id);
          else expect(items.map((x) => x.id)).toContain(p.id);
          for (const x of items) {
            if (c.role === 'agency_admin' || c.role === 'agency_staff') expect(x.agencyId).toBe(c.agencyId);
            else expect(f.inScope(c, x.divisionCode), `${x.divisionCode} outside ${c.prefix}`).toBe(true);
          }
        },
      }));
    },
  },
  'GET /placements/counts': {
    access: PLACEMENT_READERS,
    ok: 200,
    out: 'none',
    req: (c) =>
      onPlacement(c, 'in', 'pending_employer', () => ({
        url: '/placements/counts',
        verify: (res) => {
          const items = res.json().items as Array<{ agencyId: number; pendingEmployer: number }>;
          expect(items.length).toBeGreaterThan(0);
          if (c.role === 'agency_admin' || c.role === 'agency_staff') expect(items.map((x) => x.agencyId)).toEqual([c.agencyId]);
        },
      })),
  },
  'POST /placements': {
    access: AGENCY_SIDE,
    ok: 201,
    out: 'none',
    req: async (c) => {
      const agency = c.agencyId !== undefined ? { division: c.prefix as string, id: c.agencyId } : (fx.agency['530102'] as { division: string; id: number });
      const a = await hiredReferral(fx.employer['530102'] as { division: string; id: number }, agency);
      return {
        url: '/placements',
        body: { applicationId: a.id },
        probe: () => placementsOfApplication(a.id),
        verify: async () => expect(await placementsOfApplication(a.id)).toEqual([{ division_code: '530102', agency_id: c.agencyId, status: 'pending_employer' }]),
      };
    },
  },
  'POST /placements/insurance/import': {
    access: OFFICIALS,
    ok: 200,
    out: 'none',
    req: (c) =>
      onPlacement(c, 'in', 'confirmed', async (p) => ({
        url: '/placements/insurance/import',
        body: await insuranceSheet([{ idNumber: p.idNumber, creditCode: p.creditCode, month: '2020-03', insuranceType: '110' }]),
        probe: () => insuranceOfPlacement(p.id),
        verify: async (res) => {
          expect(res.json()).toMatchObject({ imported: 1, matched: 1, verified: 1, unmatched: [] });
          expect(await placementRow(p.id)).toMatchObject({ status: 'verified' });
        },
      })),
  },
  'GET /placements/:id': {
    access: PLACEMENT_READERS,
    ok: 200,
    out: 'hidden',
    req: (c, target) => onPlacement(c, target, 'pending_employer', (p) => ({ url: `/placements/${p.id}`, verify: (res) => expect(res.json()).toMatchObject({ id: p.id, status: 'pending_employer', worker: { idNumberMasked: null } }) })),
  },
  'POST /placements/:id/confirm': {
    access: ['employer'],
    ok: 200,
    out: 'hidden',
    req: (c, target) =>
      onPlacement(c, target, 'pending_employer', (p) => ({
        url: `/placements/${p.id}/confirm`,
        body: { contractStart: '2020-02-01', contractType: 'labour_contract', idNumber: citizenIdOf('530102') },
        probe: () => placementRow(p.id),
        verify: async () => expect(await placementRow(p.id)).toMatchObject({ status: 'confirmed' }),
      })),
  },
};

const allowed = (access: Access | undefined, c: Caller) =>
  access === 'public' || (c.role !== null && (access === 'authenticated' || (Array.isArray(access) && access.includes(c.role))));

function call(method: string, req: Req, c: Caller) {
  const cookie = req.cookie ?? c.cookie;
  if (req.raw) return t.app.inject({ method: method as 'POST', url: V1 + req.url, payload: req.raw.payload, headers: { ...(cookie ? { cookie } : {}), 'content-type': req.raw.contentType, 'x-requested-with': 'fetch' } });
  return method === 'GET' ? t.get(V1 + req.url, cookie) : t.send(method as 'POST' | 'PATCH' | 'DELETE', V1 + req.url, req.body, cookie);
}

const first = (r: Req | Req[] | null) => (Array.isArray(r) ? r[0] : r) ?? null;

/** Runs one route for every caller and target; returns every mismatch as one line. */
async function runRoute(key: string, entry: Entry): Promise<string[]> {
  const problems: string[] = [];
  const [method = '', path = ''] = key.split(' ');
  const access = routes.get(key);
  for (const c of f.CALLERS) {
    const may = allowed(access, c);
    for (const target of (entry.out === 'none' ? ['in'] : ['in', 'out']) as Target[]) {
      const built = await entry.req(c, target);
      for (const req of built === null ? [] : [built].flat()) {
        const label = `${c.name} × ${target} × ${method} ${req.url}`;
        try {
          const before = req.probe ? await req.probe() : undefined;
          const res = await call(method, req, c);
          const status = res.statusCode;
          if (!may) {
            // refused before anything else: the same answer for a malformed request (no field names leak)
            const malformed = await call(method, { url: `${req.url.replace(/\/\d+/g, '/x')}${req.url.includes('?') ? '&' : '?'}limit=x`, ...(method === 'GET' ? {} : { body: { bogus: 1 } }), ...(req.cookie ? { cookie: req.cookie } : {}) }, c);
            for (const r of [res, malformed]) {
              expect(r.statusCode, r.body).toBe(c.role ? 403 : 401);
              expect(r.json().error.code).toBe(c.role ? 'forbidden' : 'unauthenticated');
            }
          } else if (target === 'in') {
            expect(status, res.body).toBe(entry.ok);
            await req.verify?.(res);
          } else if (entry.out === 'hidden') {
            const missing = first(await entry.req(c, 'missing'));
            if (!missing) throw new Error(`no missing-id request for ${path}`);
            const gone = await call(method, missing, c);
            expect(status, res.body).toBe(404);
            expect(gone.statusCode, gone.body).toBe(404);
            expect(res.json(), 'out of scope answers exactly as a missing id').toEqual(gone.json());
          } else if (entry.out === 'list') {
            expect(status, res.body).toBe(200);
            await req.verify?.(res);
          } else if (entry.out === 'division') {
            expect(status, res.body).toBe(400);
            expect(res.json().error.details?.map((d: { field?: string }) => d.field)).toEqual(['divisionCode']);
          }
          if (req.probe && !(may && target === 'in')) expect(await req.probe(), 'a refused write changed data').toEqual(before);
        } catch (e) {
          problems.push(`${label}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
  }
  return problems;
}

beforeAll(async () => {
  t = await createTestApp({
    env: { YUNQIAO_PUBLIC_BASE_URL: 'https://yq.example.gov.cn' },
    onRoute: (r) => {
      if (!r.url.startsWith(`${V1}/`)) return;
      for (const m of [r.method].flat()) routes.set(`${m} ${r.url.slice(V1.length)}`, r.config?.access);
    },
  });
  // HEAD answers come with every GET; they are the GET's own route
  for (const k of [...routes.keys()]) if (k.startsWith('HEAD ') && routes.has(`GET ${k.slice(5)}`)) routes.delete(k);
  await f.signIn(t);
  fx = await f.createFixtures(t);
  // each agency administrator is authorised by its county's fixture employer (人力资源市场暂行条例 第二十六条)
  for (const c of f.CALLERS.filter((x) => x.role === 'agency_admin')) {
    const e = f.employerFor(fx, c, 'in') as { division: string; id: number };
    await employerGrantsRepo.insertAuthorisation(db(), systemKey(systemScope('matrix fixture: an employer authorises an agency'), 'employers', e.division, e.id), { divisionCode: c.prefix as string, id: c.agencyId as number }, t.deps.clock.now());
  }
  staffAccountId = (await db().selectFrom('accounts').select('id').where('username', '=', 'staff-wh').executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(() => t?.close());

describe('authorization matrix', () => {
  it('the table covers every /api/v1 route and names only routes that exist', () => {
    const live = [...routes.keys()].sort();
    expect(live.length).toBeGreaterThan(20);
    expect(live.filter((k) => !(k in TABLE)), 'routes missing from TABLE').toEqual([]);
    expect(Object.keys(TABLE).filter((k) => !routes.has(k)).sort(), 'TABLE names routes that no longer exist').toEqual([]);
  });

  it("each route's config.access is the one TABLE pins", () => {
    const norm = (a: Access | undefined) => (Array.isArray(a) ? [...a].sort() : a);
    const differ = Object.entries(TABLE).filter(([k, e]) => routes.has(k) && JSON.stringify(norm(routes.get(k))) !== JSON.stringify(norm(e.access)));
    expect(differ.map(([k]) => `${k}: app says ${JSON.stringify(routes.get(k))}`)).toEqual([]);
  });

  it('the callers cover all 7 roles and anonymous', () => {
    expect(new Set(f.CALLERS.map((c) => c.role))).toEqual(new Set([null, 'province', 'prefecture', 'county', 'agency_admin', 'agency_staff', 'employer', 'seeker']));
  });

  for (const [key, entry] of Object.entries(TABLE)) {
    it(key, async () => {
      expect(routes.has(key), `${key} is not a route of the app`).toBe(true);
      expect(await runRoute(key, entry)).toEqual([]);
    });
  }
});
