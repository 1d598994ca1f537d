import { it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
it('repro', async () => {
  const t = await createTestApp({});
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-code', headers: { 'x-requested-with': 'x', 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: 'a=1' });
  console.log((await t.send('POST', '/api/v1/auth/sms-code', { phone: '13800138000', toString: 1, constructor: 2, hasOwnProperty: 3 })).body);
  console.log(res.statusCode, res.body);
  await t.close();
});
