// The scope rules as a table: for each kind of scope, which rows of a small relation inScope lets
// through (run on PostgreSQL, so the SQL itself is what is tested), and which divisions a write
// may target (scopeCovers). Grants add single rows; owner columns hold organisations to their own.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { inScope, reachOf, type Scope, type ScopeRef, scopeCovers, systemKey, systemScope } from './scope.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// rows: id, division, agency, staff, employer, account
const ROWS: [number, string, number | null, number | null, number | null, number | null][] = [
  [1, '530102', 10, 100, null, 1000],
  [2, '530102', 11, 101, null, 1001],
  [3, '530103', 12, 102, null, 1002],
  [4, '530302', 13, 103, 20, 1003],
  [5, '530102', null, null, 21, 1000],
  [6, '110101', null, null, 22, 1004],
];

const REF: ScopeRef = { division: 'r.division_code', id: 'r.id', table: 'things', owner: { agency: 'r.agency_id', staff: 'r.staff_id', employer: 'r.employer_id', account: 'r.account_id' } };

async function visible(scope: Scope, ref: ScopeRef = REF): Promise<number[]> {
  const values = sql.join(ROWS.map((r) => sql`(${r[0]}::bigint, ${r[1]}::text collate "C", ${r[2]}::bigint, ${r[3]}::bigint, ${r[4]}::bigint, ${r[5]}::bigint)`));
  const res = await sql<{ id: number }>`
    select r.id from (values ${values}) as r(id, division_code, agency_id, staff_id, employer_id, account_id)
    where ${inScope(scope, ref)} order by r.id`.execute(t.deps.db);
  return res.rows.map((r) => r.id);
}

const none = { grants: [] as const };
const cases: [string, Scope, number[]][] = [
  ['the province sees every row in 53', { kind: 'official', prefixes: ['53'], ...none }, [1, 2, 3, 4, 5]],
  ['a prefecture its subtree', { kind: 'official', prefixes: ['5301'], ...none }, [1, 2, 3, 5]],
  ['a county its county', { kind: 'official', prefixes: ['530102'], ...none }, [1, 2, 5]],
  ['a re-coded county also its predecessor code', { kind: 'official', prefixes: ['530103', '530302'], ...none }, [3, 4]],
  ['the province with a grant on a row outside the province', { kind: 'official', prefixes: ['53'], grants: [{ table: 'things', divisionCode: '110101', id: 6 }] }, [1, 2, 3, 4, 5, 6]],
  ['an agency its own rows only', { kind: 'agency', divisionCode: '530102', agencyId: 10, ...none }, [1]],
  ['an agency with a grant (a seeker\'s authorisation)', { kind: 'agency', divisionCode: '530102', agencyId: 10, grants: [{ table: 'things', divisionCode: '530103', id: 3 }] }, [1, 3]],
  ['a grant on another table does not apply', { kind: 'agency', divisionCode: '530102', agencyId: 10, grants: [{ table: 'other', divisionCode: '530103', id: 3 }] }, [1]],
  ['staff their own rows', { kind: 'staff', divisionCode: '530102', agencyId: 11, staffId: 101, ...none }, [2]],
  ['an employer its own rows', { kind: 'employer', divisionCode: '530302', employerId: 20, ...none }, [4]],
  ['an employer whose id is in another county sees nothing there', { kind: 'employer', divisionCode: '530102', employerId: 20, ...none }, []],
  ['a seeker their own rows, wherever they are', { kind: 'seeker', accountId: 1000, ...none }, [1, 5]],
  ['another seeker none of them', { kind: 'seeker', accountId: 1005, ...none }, []],
  ['the system every row', systemScope('test: every division'), [1, 2, 3, 4, 5, 6]],
];

describe('inScope', () => {
  it.each(cases)('%s', async (_name, scope, expected) => {
    expect(await visible(scope)).toEqual(expected);
  });

  it('a seeker reaches no division: besides their own rows only grants show rows to them', async () => {
    expect(await visible({ kind: 'seeker', accountId: 1005, grants: [{ table: 'things', divisionCode: '530102', id: 2 }] })).toEqual([2]);
    expect(await visible({ kind: 'seeker', accountId: 1000, ...none }, 'r.division_code')).toEqual([]);
  });

  it('without owner columns only officials and the system see rows (a forgotten owner filter shows nothing)', async () => {
    expect(await visible({ kind: 'agency', divisionCode: '530102', agencyId: 10, ...none }, 'r.division_code')).toEqual([]);
    expect(await visible({ kind: 'employer', divisionCode: '530302', employerId: 20, ...none }, 'r.division_code')).toEqual([]);
    expect(await visible({ kind: 'official', prefixes: ['530102'], ...none }, 'r.division_code')).toEqual([1, 2, 5]);
  });

  it('an official with no prefixes sees nothing', async () => {
    expect(await visible({ kind: 'official', prefixes: [], ...none })).toEqual([]);
  });
});

describe('scopeCovers (the write rule) and reachOf', () => {
  const writes: [string, Scope, string, boolean][] = [
    ['province in a county', { kind: 'official', prefixes: ['53'], ...none }, '530102', true],
    ['province outside Yunnan', { kind: 'official', prefixes: ['53'], ...none }, '110101', false],
    ['prefecture in another prefecture', { kind: 'official', prefixes: ['5301'], ...none }, '530302', false],
    ['county in its predecessor code', { kind: 'official', prefixes: ['530481', '530422'], ...none }, '530422', true],
    ['agency in its county', { kind: 'agency', divisionCode: '530102', agencyId: 1, ...none }, '530102', true],
    ['agency in the next county', { kind: 'agency', divisionCode: '530102', agencyId: 1, ...none }, '530103', false],
    ['a grant gives no write', { kind: 'agency', divisionCode: '530102', agencyId: 1, grants: [{ table: 'things', divisionCode: '530103', id: 3 }] }, '530103', false],
    ['seeker anywhere', { kind: 'seeker', accountId: 1, ...none }, '530102', false],
    ['system anywhere', systemScope('test'), '110101', true],
  ];
  it.each(writes)('%s', (_name, scope, division, expected) => {
    expect(scopeCovers(scope, division)).toBe(expected);
  });

  it('reach: prefixes for officials, the own county for organisations, none for seekers, all for the system', () => {
    expect(reachOf({ kind: 'official', prefixes: ['5301'], ...none })).toEqual(['5301']);
    expect(reachOf({ kind: 'staff', divisionCode: '530102', agencyId: 1, staffId: 2, ...none })).toEqual(['530102']);
    expect(reachOf({ kind: 'seeker', accountId: 1, ...none })).toEqual([]);
    expect(reachOf(systemScope('test'))).toBe('all');
  });

  it('system keys carry the division and id they were minted with', () => {
    expect(systemKey(systemScope('test'), 'agencies', '530102', 7)).toEqual({ division_code: '530102', id: 7 });
  });
});
