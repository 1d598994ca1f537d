// Divisions and code tables: public reference data, and the province's import of the full
// occupational classification (职业分类大典).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Item = { code: string; name: string; level: number | string; parentCode: string | null };
const items = async (url: string, cookie?: string): Promise<Item[]> => {
  const res = await t.get(url, cookie);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().next).toBeNull();
  return res.json().items;
};

describe('divisions', () => {
  it('without parent: the province', async () => {
    expect(await items('/api/v1/divisions')).toEqual([{ code: '530000', name: '云南省', level: 'province', parentCode: null }]);
  });

  it('parent=53 gives the 16 prefectures', async () => {
    const rows = await items('/api/v1/divisions?parent=53');
    expect(rows).toHaveLength(16);
    expect(rows.every((d) => d.level === 'prefecture' && d.parentCode === '530000' && /^53\d\d00$/.test(d.code))).toBe(true);
    expect(rows[0]).toEqual({ code: '530100', name: '昆明市', level: 'prefecture', parentCode: '530000' });
    expect(await items('/api/v1/divisions?parent=530000')).toEqual(rows);
  });

  it("parent=5301 gives Kunming's 14 counties", async () => {
    const rows = await items('/api/v1/divisions?parent=5301');
    expect(rows).toHaveLength(14);
    expect(rows.map((d) => d.code)).toContain('530102');
    expect(rows.find((d) => d.code === '530102')).toEqual({ code: '530102', name: '五华区', level: 'county', parentCode: '530100' });
    expect(rows.every((d) => d.level === 'county' && d.code.startsWith('5301'))).toBe(true);
  });

  it('a county has no children; a malformed parent is 400 naming parent', async () => {
    expect(await items('/api/v1/divisions?parent=530102')).toEqual([]);
    for (const p of ['5', '530', 'abc', '5301021']) {
      const res = await t.get(`/api/v1/divisions?parent=${p}`);
      expect(res.statusCode, p).toBe(400);
      expect(res.json().error.details[0].field).toBe('parent');
    }
  });
});

describe('code tables', () => {
  it('industries: the 20 sections A–T, and a section\'s divisions', async () => {
    const sections = await items('/api/v1/code-tables/industries');
    expect(sections.map((s) => s.code)).toEqual('ABCDEFGHIJKLMNOPQRST'.split(''));
    expect(sections.every((s) => s.level === 1 && s.parentCode === null)).toBe(true);
    const a = await items('/api/v1/code-tables/industries?parent=A');
    expect(a.map((x) => x.code)).toEqual(['01', '02', '03', '04', '05']);
    const classes = await items('/api/v1/code-tables/industries?parent=277');
    expect(classes).toEqual([{ code: '2770', name: '卫生材料及医药用品制造', level: 4, parentCode: '277' }]);
  });

  it('occupations: the 8 major groups', async () => {
    const groups = await items('/api/v1/code-tables/occupations');
    expect(groups.map((g) => g.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(groups[1]).toMatchObject({ name: '专业技术人员', level: 1 });
  });

  it('education levels, highest first, in the request\'s language', async () => {
    const zh = await t.get('/api/v1/code-tables/education-levels');
    expect(zh.json().items[0]).toEqual({ code: '10', name: '博士研究生', rank: 8 });
    const en = await t.get('/api/v1/code-tables/education-levels', undefined, { 'accept-language': 'en' });
    expect(en.json().items.at(-1)).toEqual({ code: '80', name: 'Primary school or less', rank: 1 });
  });
});

describe('importing the occupational classification', () => {
  const url = '/api/v1/code-tables/occupations/import';

  it('the province imports a subtree (parents in the file or already known); children list under their parent', async () => {
    const prov = await t.login('prov');
    const res = await t.send('POST', url, {
      rows: [
        { code: '8-97-01', name: '测试小类甲' }, // parent later in the file: order does not matter
        { code: '8-97', name: '测试中类' },
        { code: '8-97-01-01', name: '测试细类', parent: '8-97-01' },
      ],
    }, prov);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
    expect(await items('/api/v1/code-tables/occupations?parent=8-97')).toEqual([{ code: '8-97-01', name: '测试小类甲', level: 3, parentCode: '8-97' }]);
    expect(await items('/api/v1/code-tables/occupations?parent=8-97-01')).toEqual([{ code: '8-97-01-01', name: '测试细类', level: 4, parentCode: '8-97-01' }]);

    // a second file adds under a parent that is already in the table, and renames in place
    const more = await t.send('POST', url, { rows: [{ code: '8-97-02', name: '测试小类乙' }, { code: '8-97-01', name: '测试小类甲（新名）' }] }, prov);
    expect(more.statusCode, more.body).toBe(200);
    expect((await items('/api/v1/code-tables/occupations?parent=8-97')).map((x) => x.name)).toEqual(['测试小类甲（新名）', '测试小类乙']);

    const audit = await t.deps.db.selectFrom('audit_log').select('actor_username').where('action', '=', 'registry.occupations.import').where('actor_username', '=', 'prov').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    // the major groups are untouched
    expect((await items('/api/v1/code-tables/occupations')).map((g) => g.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('rejects a file with an unknown parent, a duplicate code or a parent that is not the code\'s own, naming rows; writes nothing', async () => {
    const prov = await t.login('prov');
    const cases = [
      { rows: [{ code: '8-96-01', name: '无上级' }], row: 1, column: '上级代码' },
      { rows: [{ code: '8-96', name: '甲' }, { code: '9-01', name: '没有第 9 大类' }], row: 2, column: '上级代码' },
      { rows: [{ code: '8-96', name: '甲' }, { code: '8-96', name: '乙' }], row: 2, column: '职业代码' },
      { rows: [{ code: '8-96', name: '甲' }, { code: '8-96-01', name: '乙', parent: '7' }], row: 2, column: '上级代码' },
    ];
    for (const c of cases) {
      const res = await t.send('POST', url, { rows: c.rows }, prov);
      expect(res.statusCode, JSON.stringify(c.rows)).toBe(400);
      expect(res.json().error.code).toBe('import_failed');
      expect(res.json().error.details[0]).toMatchObject({ row: c.row, column: c.column });
      expect(res.json().error.details[0].message).toMatch(new RegExp(`^第 ${c.row} 行，`));
    }
    const one = await t.send('POST', url, { rows: [{ code: '8-96-01', name: '无上级' }] }, prov);
    // the column named by its label in the caller's language, never the field's key
    expect(one.json().error.details).toEqual([{ row: 1, column: '上级代码', message: '第 1 行，上级代码：上级职业代码 8-96 不存在（不在文件中，也不在现有分类中）' }]);
    const en = await t.send('POST', url, { rows: [{ code: '8-96-01', name: '无上级' }] }, prov, { 'accept-language': 'en' });
    expect(en.json().error.details).toEqual([{ row: 1, column: 'parent code', message: 'row 1, parent code: the parent occupation code 8-96 exists neither in the file nor in the table' }]);
    expect(await items('/api/v1/code-tables/occupations?parent=8-96')).toEqual([]);
    expect(await t.deps.db.selectFrom('occupations').select('code').where('code', 'like', '8-96%').execute()).toEqual([]);
  });

  it('a malformed code is 400; a county official gets 403; anonymous gets 401', async () => {
    const prov = await t.login('prov');
    const bad = await t.send('POST', url, { rows: [{ code: '8-9', name: '坏代码' }] }, prov);
    expect(bad.statusCode).toBe(400);
    const body = { rows: [{ code: '8-95', name: '县里不能导' }] };
    expect((await t.send('POST', url, body, await t.login('wh'))).statusCode).toBe(403);
    expect((await t.send('POST', url, body, await t.login('km'))).statusCode).toBe(403);
    expect((await t.send('POST', url, body)).statusCode).toBe(401);
    expect(await t.deps.db.selectFrom('occupations').select('code').where('code', '=', '8-95').execute()).toEqual([]);
  });
});
