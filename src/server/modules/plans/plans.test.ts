// P1 through the API: the agency administrator keeps the plan, stock and education log; a stock
// item below its minimum is flagged low on the agency's page and on the desks above; officials in
// scope read, officials beside it get 404; every change audited; attendees come from the roster.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseApp, caseApp, json, V1 } from '../../../../test/cases/venues-helpers.ts';
import { planFigures } from './service.ts';

let t: CaseApp;
let agencyId: number;
let admin: string;
const audits = async (action: string) => (await sql<{ n: number }>`select count(*)::int as n from audit_entries where action = ${action}`.execute(t.deps.db)).rows[0]?.n;

beforeAll(async () => {
  t = await caseApp('plans', '2020-02-17T09:00:00+08:00');
  agencyId = (await sql<{ id: number }>`select id from agencies where name = '昆明五华人力资源服务有限公司'`.execute(t.deps.db)).rows[0]?.id as number;
  admin = await t.login('agency-wh');
}, 60_000);
afterAll(() => t?.close());

describe('prevention plans', () => {
  it('saves a plan with measures and a responsible person, audited', async () => {
    const res = await t.send('PUT', `${V1}/prevention/plans/${agencyId}`, { measures: ['entry_checks', 'masks', 'disinfection', 'masks'], measuresText: '大厅每日消毒两次', responsibleName: '李建华', responsiblePosition: '总经理' }, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ hasPlan: true, measures: ['entry_checks', 'masks', 'disinfection'], responsibleName: '李建华' });
    expect(await audits('plans.plan.save')).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['an unknown measure', { measures: ['prayer'], responsibleName: '李建华' }, 'measures.0'],
    ['no responsible person', { measures: [] }, 'responsibleName'],
    ['a responsible staff id not on the roster', { measures: [], responsibleName: '李建华', responsibleStaffId: 999999 }, 'responsibleStaffId'],
  ])('refuses %s naming the field', async (_, body, field) => {
    const res = await t.send('PUT', `${V1}/prevention/plans/${agencyId}`, body, admin);
    expect(res.statusCode, res.body).toBe(400);
    expect(json(res).error?.details?.map((d) => d.field)).toEqual([field]);
  });

  it('flags an item below its minimum as low, on the agency page and on the county desk', async () => {
    const county = await t.login('wh');
    // the demo seed's plan has one low item already (一次性医用口罩)
    const lowBefore = (await t.get(`${V1}/prevention/plans/${agencyId}`, county)).json().lowStockItems as number;
    const masks = await t.send('POST', `${V1}/prevention/plans/${agencyId}/stock`, { kind: 'mask', name: '医用外科口罩', unit: '只', quantity: 40, minimum: 200 }, admin);
    expect(masks.statusCode, masks.body).toBe(201);
    expect(masks.json()).toMatchObject({ low: true });
    const thermo = await t.send('POST', `${V1}/prevention/plans/${agencyId}/stock`, { kind: 'thermometer', name: '水银体温计', unit: '支', quantity: 3, minimum: 2 }, admin);
    expect(thermo.json()).toMatchObject({ low: false });
    const dup = await t.send('POST', `${V1}/prevention/plans/${agencyId}/stock`, { kind: 'mask', name: '医用外科口罩', quantity: 1, minimum: 1 }, admin);
    expect(dup.statusCode).toBe(409);

    const plan = (await t.get(`${V1}/prevention/plans/${agencyId}`, county)).json();
    expect(plan).toMatchObject({ lowStockItems: lowBefore + 1, responsibleName: '李建华' });
    const desk = (await t.get(`${V1}/prevention/plans`, county)).json() as { items: { agencyId: number; lowStockItems: number; lowStock: { name: string }[]; hasPlan: boolean }[] };
    expect(desk.items.find((i) => i.agencyId === agencyId)).toMatchObject({ hasPlan: true, lowStockItems: lowBefore + 1, lowStock: expect.arrayContaining([expect.objectContaining({ name: '医用外科口罩', quantity: 40, minimum: 200 })]) });

    // restocking clears the warning
    const fixed = await t.send('PATCH', `${V1}/prevention/plans/${agencyId}/stock/${masks.json().id}`, { quantity: 500 }, admin);
    expect(fixed.json()).toMatchObject({ low: false });
    expect(await audits('plans.stock.update')).toBe(1);
  });

  it('officials beside the agency see nothing: 404 on the plan, absent from their figures', async () => {
    const other = await t.login('pl');
    expect((await t.get(`${V1}/prevention/plans/${agencyId}`, other)).statusCode).toBe(404);
    const figures = await planFigures(t.deps, { kind: 'official', prefixes: ['530103'], grants: [] });
    expect(figures.map((f) => f.agencyId)).not.toContain(agencyId);
    const mine = await planFigures(t.deps, { kind: 'official', prefixes: ['5301'], grants: [] });
    expect(mine.map((f) => f.agencyId)).toContain(agencyId);
  });

  it('logs education sessions with attendees from the active roster only', async () => {
    const staff = await sql<{ id: number }>`select id from agency_staff where agency_id = ${agencyId} and status = 'active' order by id limit 2`.execute(t.deps.db);
    const ids = staff.rows.map((r) => r.id);
    const ok = await t.send('POST', `${V1}/prevention/plans/${agencyId}/education`, { heldOn: '2020-02-10', topic: '口罩正确佩戴与手卫生', attendees: ids }, admin);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().attendees).toHaveLength(2);
    const bad = await t.send('POST', `${V1}/prevention/plans/${agencyId}/education`, { heldOn: '2020-02-10', topic: '测试', attendees: [999999] }, admin);
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error?.details?.map((d) => d.field)).toEqual(['attendees']);
    const future = await t.send('POST', `${V1}/prevention/plans/${agencyId}/education`, { heldOn: '2020-02-18', topic: '测试', attendees: [] }, admin);
    expect(json(future).error?.details?.map((d) => d.field)).toEqual(['heldOn']);
    const staffView = (await t.get(`${V1}/prevention/plans/${agencyId}`, await t.login('staff-wh'))).json();
    expect(staffView.education.map((e: { topic: string }) => e.topic)).toContain('口罩正确佩戴与手卫生');
  });

  it('staff and officials cannot edit', async () => {
    expect((await t.send('POST', `${V1}/prevention/plans/${agencyId}/stock`, { kind: 'mask', name: 'x', quantity: 1, minimum: 1 }, await t.login('staff-wh'))).statusCode).toBe(403);
    expect((await t.send('PUT', `${V1}/prevention/plans/${agencyId}`, { measures: [], responsibleName: 'x' }, await t.login('wh'))).statusCode).toBe(403);
  });
});
