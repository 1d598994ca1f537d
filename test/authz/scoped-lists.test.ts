// The list rules of the matrix, spelled out for the demo accounts: a prefecture sees its own
// counties only, a county its own, an agency its own row, an employer itself; job seekers none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import * as f from './fixtures.ts';
import type { Caller } from './fixtures.ts';

const V1 = '/api/v1';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await f.signIn(t);
});
afterAll(() => t?.close());

describe('scoped lists, spelled out', () => {
  const caller = (name: string) => f.CALLERS.find((c) => c.name === name) as Caller;
  type Row = { id: number; divisionCode: string };

  it("km's agencies hold no 5303xx rows; wh sees only 530102", async () => {
    const km = await f.pageAll<Row>(t, `${V1}/agencies`, caller('km').cookie);
    expect(km.some((a) => a.divisionCode.startsWith('5303'))).toBe(false);
    expect(km.every((a) => a.divisionCode.startsWith('5301'))).toBe(true);
    expect(new Set(km.map((a) => a.divisionCode)).size).toBeGreaterThan(1);
    const wh = await f.pageAll<Row>(t, `${V1}/agencies`, caller('wh').cookie);
    expect(new Set(wh.map((a) => a.divisionCode))).toEqual(new Set(['530102']));
  });

  it('agency-wh and staff-wh see only their own agency; employer-km sees only itself', async () => {
    const own = caller('agency-wh').agencyId;
    expect((await f.pageAll<Row>(t, `${V1}/agencies`, caller('agency-wh').cookie)).map((a) => a.id)).toEqual([own]);
    expect((await f.pageAll<Row>(t, `${V1}/agencies`, caller('staff-wh').cookie)).map((a) => a.id)).toEqual([own]);
    expect((await f.pageAll<Row>(t, `${V1}/employers`, caller('employer-km').cookie)).map((e) => e.id)).toEqual([caller('employer-km').employerId]);
  });

  it('job seekers get 403 on registry lists and exports', async () => {
    for (const name of ['seeker', 'graduate']) {
      for (const url of ['/agencies', '/employers', '/agencies/export.xlsx', '/audit', `/agencies/${caller('agency-wh').agencyId}/staff`]) {
        expect((await t.get(V1 + url, caller(name).cookie)).statusCode, `${name} ${url}`).toBe(403);
      }
    }
  });
});
