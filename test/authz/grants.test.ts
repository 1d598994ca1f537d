// Grants through the whole stack: a row of access_grants, loaded with the session, puts one agency
// of another county in a county official's scope — that one only: readable, and changeable as far
// as the route allows an official — and an expired grant lets nothing through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let target: { division_code: string; id: number };
let other: { division_code: string; id: number };
beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('division_code', '=', '530302').orderBy('id').execute();
  target = rows[0] as typeof target;
  other = (await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('division_code', '=', '530303').executeTakeFirstOrThrow()) as typeof other;
});
afterAll(() => t.close());

const grant = (grantee: string, expires: Date | null) =>
  t.deps.db
    .insertInto('access_grants')
    .values({ division_code: target.division_code, grantee, target_table: 'agencies', target_id: target.id, reason: 'test', granted_at: t.clock.now(), expires_at: expires })
    .returning('id')
    .executeTakeFirstOrThrow();

describe('grants', () => {
  it('a county official reaches the granted agency of another county, and no other', async () => {
    const pl = await t.login('pl'); // 530103
    expect((await t.get(`/api/v1/agencies/${target.id}`, pl)).statusCode).toBe(404);
    const g = await grant('division:530103', null);
    try {
      const res = await t.get(`/api/v1/agencies/${target.id}`, pl);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().divisionCode).toBe('530302');
      expect((await t.get(`/api/v1/agencies/${other.id}`, pl)).statusCode).toBe(404);
      const list = (await t.get('/api/v1/agencies?limit=200', pl)).json().items as { id: number; divisionCode: string }[];
      expect(list.filter((a) => a.divisionCode !== '530103').map((a) => a.id)).toEqual([target.id]);
      // the row is in scope, so a route that lets officials change rows in scope lets this one change
      const address = res.json().address as string;
      const patch = await t.send('PATCH', `/api/v1/agencies/${target.id}`, { address }, pl);
      expect(patch.statusCode, patch.body).toBe(200);
      expect((await t.send('PATCH', `/api/v1/agencies/${other.id}`, { address }, pl)).statusCode).toBe(404);
    } finally {
      await t.deps.db.deleteFrom('access_grants').where('division_code', '=', target.division_code).where('id', '=', g.id).execute();
    }
    expect((await t.get(`/api/v1/agencies/${target.id}`, pl)).statusCode).toBe(404);
  });

  it('an expired grant lets nothing through', async () => {
    const pl = await t.login('pl');
    const g = await grant('division:530103', new Date(t.clock.now().getTime() - 1000));
    try {
      expect((await t.get(`/api/v1/agencies/${target.id}`, pl)).statusCode).toBe(404);
    } finally {
      await t.deps.db.deleteFrom('access_grants').where('division_code', '=', target.division_code).where('id', '=', g.id).execute();
    }
  });
});
