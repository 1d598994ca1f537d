// The demo's resumption plan (issue 13 M2; src/server/seed/resumption-demo.ts): employer-km's plan
// with its demand and seven returning employees, and 五华区's transport board grouped by origin and
// day with 镇雄县's list shared — checked through the API as the employer and the bureau see them,
// on a clone of the seeded template (other files of this worker change the demo's rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUMPTION_DEMO_ORIGINS } from '../../src/server/seed/resumption-demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { cloneTemplate } from '../helpers/db.ts';

const V1 = '/api/v1';
let t: TestApp;
let clone: Awaited<ReturnType<typeof cloneTemplate>>;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  clone = await cloneTemplate('resumptiondemo');
  t = await createTestApp({ database: clone });
  for (const u of ['employer-km', 'wh']) cookies[u] = await t.login(u);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await clone?.drop();
});

describe('the demo resumption plan', () => {
  it("employer-km's 复工计划: the day, staff counts, demand by occupation and seven returning employees, masked", async () => {
    const plan = await t.get(`${V1}/resumption/plan`, cookies['employer-km']);
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json()).toMatchObject({ staffOnPost: 46, staffAway: 31, staffIsolated: 4, contactPhone: '13888100001' });
    const demand = (plan.json().demand as Array<{ occupationCode: string; headcount: number }>).map((l) => [l.occupationCode, l.headcount]);
    expect(demand).toEqual(expect.arrayContaining([['6', 40], ['2', 3]]));
    expect(demand).toHaveLength(2);
    const list = await t.get(`${V1}/resumption/plans/${plan.json().id}/returnees`, cookies['employer-km']);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as Array<{ name: string; phone: string; idNumber: string; originDivision: string; needsTransport: boolean }>;
    expect(items).toHaveLength(7);
    expect(items.filter((r) => r.needsTransport)).toHaveLength(6);
    expect(list.body).not.toContain('13987010001');
  });

  it("五华区's 点对点运输 groups the waiting workers by origin and day; 镇雄县's list is shared, 广安区's is outside Yunnan", async () => {
    const res = await t.get(`${V1}/resumption/transport`, cookies.wh);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items as Array<{ originDivision: string; travelOn: string; workers: number; shared: boolean; originInProvince: boolean }>;
    const of = (origin: string) => rows.filter((r) => r.originDivision === origin);
    expect(of(RESUMPTION_DEMO_ORIGINS.zhenxiong).map((r) => r.workers).sort()).toEqual([1, 2]);
    expect(of(RESUMPTION_DEMO_ORIGINS.zhenxiong).every((r) => r.shared && r.originInProvince)).toBe(true);
    expect(of(RESUMPTION_DEMO_ORIGINS.xuanwei).map((r) => r.workers)).toEqual([1]); // 李春生 needs no transport
    expect(of(RESUMPTION_DEMO_ORIGINS.guang_an)).toEqual([expect.objectContaining({ workers: 2, originInProvince: false, shared: false })]);
  });
});
