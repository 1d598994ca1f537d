// The password-check budget (issue 6 §2): beyond the verifier queue, a token bucket of argon2
// verifications per second (YUNQIAO_PASSWORD_CHECKS_PER_SECOND), so a flood from many addresses
// cannot keep a core busy with hashing; what exceeds it is a 503 with Retry-After, answered
// before any counter is written.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { MAX_VERIFICATIONS_WAITING } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  // default limits but a wide per-address one: the flood stands for one from many addresses
  t = await createTestApp({ env: { YUNQIAO_LIMITS: 'default', YUNQIAO_SIGN_IN_PER_ADDRESS: '100000', YUNQIAO_PASSWORD_CHECKS_PER_SECOND: '1' } });
});
afterAll(() => t.close());

it('checks at most the burst plus one password a second; the rest are 503 with Retry-After', async () => {
  const started = performance.now();
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 80; i++) {
    const res = await t.send('POST', '/api/v1/auth/login', { username: `stranger-${i}`, password: 'wrong-password-1' });
    statuses.push(res.statusCode);
    if (res.statusCode === 503) retryAfter = String(res.headers['retry-after']);
  }
  const seconds = (performance.now() - started) / 1000;
  const checked = statuses.filter((s) => s === 401).length;
  expect(statuses.every((s) => s === 401 || s === 503), statuses.join(',')).toBe(true);
  // the bucket holds the queue's size (verifiers + MAX_VERIFICATIONS_WAITING); one more a second
  expect(checked).toBeLessThanOrEqual(1 + MAX_VERIFICATIONS_WAITING + Math.ceil(seconds) + 1);
  expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
  expect(retryAfter).toBe('1');
});
