// int8 comes back as a number on the app's pools, set per pool: importing the connection module
// leaves pg's global parsers alone, so pg-boss's pool and plain clients see what pg gives them,
// whatever else ran in the same process before (vitest runs files without module isolation).
// A value a number cannot hold exactly is refused, not rounded (decision 0010).
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { appDbUrl } from '../../../test/helpers/db.ts';
import { connect, parseInt8 } from './connection.ts';

describe('connect', () => {
  it("parses int8 as a number on its pool and leaves pg's global parser as it was", async () => {
    expect(pg.types.getTypeParser(pg.types.builtins.INT8, 'text')('12')).toBe('12');
    const handle = connect(appDbUrl(), { max: 1 });
    const plain = new pg.Client(appDbUrl());
    try {
      const ours = await sql<{ n: unknown }>`select 9007199254740991::int8 as n`.execute(handle.db);
      expect(ours.rows).toEqual([{ n: 9007199254740991 }]);
      await plain.connect();
      const theirs = await plain.query('select 12::int8 as n');
      expect(theirs.rows).toEqual([{ n: '12' }]);
    } finally {
      await plain.end();
      await handle.close();
    }
  });

  it('refuses an int8 beyond 2^53 - 1 on every query instead of rounding it', async () => {
    const handle = connect(appDbUrl(), { max: 1 });
    try {
      await expect(sql`select 9007199254740993::int8 as n`.execute(handle.db)).rejects.toThrow(/exceeds 2\^53/);
    } finally {
      await handle.close();
    }
  });
});

describe('parseInt8', () => {
  it('keeps every safe integer exact', () => {
    expect(parseInt8('0')).toBe(0);
    expect(parseInt8('-42')).toBe(-42);
    expect(parseInt8(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses 2^53 and beyond', () => {
    expect(() => parseInt8('9007199254740992')).toThrow(/exceeds 2\^53/);
    expect(() => parseInt8('9223372036854775807')).toThrow(RangeError);
  });
});
