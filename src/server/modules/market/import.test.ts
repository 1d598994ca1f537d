// The postings import beyond case 03: two imports of one file at once make one posting per source
// key; a refused row (min > max) is reported by the line where its record starts while the good
// rows load; batches of any size give the same result; an unresolved 地区 keeps its text and loads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { unique } from '../../../../test/helpers/factories.ts';
import { readUpload } from '../../platform/sheets/read.ts';
import * as market from './service.ts';

const CTX = { requestId: 'import-test', ip: 'local', locale: 'zh-CN' as const };
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const HEADER = '职位自编号,发布平台,职位,公司,地区,职位描述,最低薪资,最高薪资\r\n';
async function read(rows: string[]) {
  const r = await readUpload({ format: 'csv', data: Buffer.from(HEADER + rows.map((x) => `${x}\r\n`).join('')), spec: market.POSTINGS_SPEC });
  if (!r.ok) throw new Error(r.refused);
  return r;
}
const ofPlatform = (platform: string) => t.deps.db.selectFrom('postings').select(['source_id', 'division_code', 'region_text', 'salary_min', 'status']).where('source_platform', '=', platform).orderBy('source_id').execute();

describe('importing postings', () => {
  it('two imports of one file at once make one posting per source key', async () => {
    const platform = `RACE${unique()}`;
    const file = await read(Array.from({ length: 300 }, (_, i) => `R${i},${platform},分拣员${i},昆明测试物流有限公司,昆明·五华区,负责分拣${i}。,4000,5000`));
    const [a, b] = await Promise.all([market.importPostings(t.deps, null, file, CTX, { batch: 50 }), market.importPostings(t.deps, null, file, CTX, { batch: 50 })]);
    expect(a.new + b.new).toBe(300);
    expect(await ofPlatform(platform)).toHaveLength(300);
    const changes = await t.deps.db.selectFrom('posting_changes as c').innerJoin('postings as p', (j) => j.onRef('p.id', '=', 'c.posting_id').onRef('p.division_code', '=', 'c.division_code')).select('c.kind').where('p.source_platform', '=', platform).execute();
    expect(changes).toHaveLength(300);
  }, 60_000);

  it('a re-import keeps an unchanged row\'s search document as it was and remakes a changed row\'s', async () => {
    const platform = `DOC${unique()}`;
    const docs = async () =>
      Object.fromEntries(
        (await t.deps.db.selectFrom('postings').select(['source_id', (eb) => eb.cast<string>('search_document', 'text').as('doc')]).where('source_platform', '=', platform).execute()).map((r) => [r.source_id, r.doc]),
      );
    await market.importPostings(t.deps, null, await read([`D1,${platform},叉车工,昆明测试物流有限公司,昆明·五华区,负责装卸。,4000,5000`, `D2,${platform},缝纫工,昆明测试服装有限公司,昆明·盘龙区,缝制防护服。,4000,5000`]), CTX);
    const first = await docs();
    expect(first.D1).toContain("'叉车工':");
    const again = await market.importPostings(t.deps, null, await read([`D1,${platform},叉车工,昆明测试物流有限公司,昆明·五华区,负责装卸。,4000,5000`, `D2,${platform},电焊工,昆明测试服装有限公司,昆明·盘龙区,缝制防护服。,4000,5000`]), CTX);
    expect(again).toMatchObject({ new: 0, updated: 1, unchanged: 1 });
    const second = await docs();
    expect(second.D1).toBe(first.D1);
    expect(second.D2).toContain("'电焊工':");
    expect(second.D2).not.toContain("'缝纫工':");
  });

  it('a row with min > max is refused naming its line; the others load, in batches of any size alike', async () => {
    for (const batch of [1, 2, 1000]) {
      const platform = `BAD${unique()}`;
      const file = await read([
        `B1,${platform},收银员,玉溪测试百货有限公司,玉溪·红塔区,"负责收银。\n两班倒。",3500,4500`,
        `B2,${platform},理货员,玉溪测试百货有限公司,玉溪·红塔区,负责理货。,9000,6000`,
        `B3,${platform},保洁员,玉溪测试百货有限公司,全国,负责保洁。,,`,
      ]);
      const r = await market.importPostings(t.deps, null, file, CTX, { batch });
      expect(r.new, `batch ${batch}`).toBe(2);
      expect(r.problems.map((p) => ({ row: p.row, key: p.key }))).toEqual([{ row: 4, key: 'posting_salary_min_over_max' }]);
      expect(await ofPlatform(platform)).toEqual([
        { source_id: 'B1', division_code: '530402', region_text: '玉溪·红塔区', salary_min: '3500.00', status: 'published' },
        { source_id: 'B3', division_code: '000000', region_text: '全国', salary_min: null, status: 'published' },
      ]);
    }
  });

  it('an unresolved place reads as no division (null) with the source text, in the public API and the feed', async () => {
    const platform = `NOWHERE${unique()}`;
    const r = await market.importPostings(t.deps, null, await read([`N1,${platform},保洁员,某某保洁服务有限公司,全国,负责保洁。,3000,3500`]), CTX);
    expect(r.new).toBe(1);
    const row = await t.deps.db.selectFrom('postings').select(['id', 'public_code']).where('source_platform', '=', platform).executeTakeFirstOrThrow();
    const page = await t.get(`/api/v1/public/postings/${row.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ divisionCode: null, divisionName: null, regionText: '全国' });
    const feed = (await t.get('/api/v1/feeds/postings?limit=500')).json() as { items: Array<{ postingId: number; divisionCode: string; posting: Record<string, unknown> | null }> };
    let items = feed.items;
    for (let next = (feed as unknown as { next: string }).next; items.every((x) => x.postingId !== row.id); ) {
      const more = (await t.get(`/api/v1/feeds/postings?limit=500&after=${next}`)).json() as { items: typeof items; next: string };
      if (!more.items.length) break;
      items = more.items;
      next = more.next;
    }
    expect(items.find((x) => x.postingId === row.id)).toMatchObject({ divisionCode: null, posting: { divisionCode: null, regionText: '全国' } });
  });
});
