// int8 values come back as numbers, and a value that a number cannot hold exactly is refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { parseInt8 } from './connection.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('int8 parsing', () => {
  it('keeps every safe integer exact', () => {
    expect(parseInt8('0')).toBe(0);
    expect(parseInt8('-42')).toBe(-42);
    expect(parseInt8(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses 2^53 and beyond instead of rounding', () => {
    expect(() => parseInt8('9007199254740992')).toThrow(/exceeds 2\^53/);
    expect(() => parseInt8('9223372036854775807')).toThrow(RangeError);
  });

  it('applies to every query: a bigint id comes back as a number, a huge one as an error', async () => {
    const ok = await sql<{ n: number }>`select 9007199254740991::int8 as n`.execute(t.deps.db);
    expect(ok.rows[0]?.n).toBe(Number.MAX_SAFE_INTEGER);
    await expect(sql`select 9007199254740993::int8 as n`.execute(t.deps.db)).rejects.toThrow(/exceeds 2\^53/);
  });
});
