import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform smoke', () => {
  it('answers /healthz once migrated', async () => {
    const res = await t.get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('signs in a demo official and reports scope', async () => {
    const cookie = await t.login('km');
    const me = await t.get('/api/v1/me', cookie);
    expect(me.json()).toMatchObject({ username: 'km', role: 'prefecture', scope: '5301', divisionCode: '530100' });
  });
});
