// The desk map (decision 0031): every outline of the shipped map file maps to a current division
// code through the reference tables (a name that maps to nothing is reported by name here, never
// dropped in silence); the map route gives each official the outlines below its own division;
// a deployment's own map (YUNQIAO_DESK_MAP) is served instead, its unknown names listed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_DESK_MAP } from '../../config.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { loadMapFile, mapFeatureNames } from './map.ts';
import { divisionIndex, mappedFeatures } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type MapAnswer = { level: string; attribution: string; geojson: { features: { properties: { name: string; code: string } }[] }; unmapped: string[] };

describe('the shipped map file: names → current division codes', () => {
  it('every feature maps; each active prefecture and county of Yunnan has exactly one outline', async () => {
    const features = await mappedFeatures(t.deps);
    const unmapped = features.filter((f) => f.code === null).map((f) => `${f.properties.parent ?? ''}${f.properties.name}`);
    expect(unmapped, `names in ${SHIPPED_DESK_MAP} that map to no current division`).toEqual([]);
    const index = await divisionIndex(t.deps);
    const codes = (level: string) => features.filter((f) => f.properties.level === level).map((f) => f.code).sort();
    expect(codes('prefecture')).toEqual(index.prefectures.map((p) => p.code).sort());
    expect(codes('county')).toEqual(index.counties.map((c) => c.code).sort());
  });

  it('an old name is followed to its successor; a short prefecture name to the full one; a stranger stays unmapped', async () => {
    const file = await loadMapFile(SHIPPED_DESK_MAP);
    const geometry = { type: 'Polygon' as const, coordinates: [] };
    const features = mapFeatureNames(
      {
        ...file,
        features: [
          { type: 'Feature', properties: { name: '曲靖', level: 'prefecture' }, geometry },
          { type: 'Feature', properties: { name: '马龙县', level: 'county', parent: '曲靖' }, geometry },
          { type: 'Feature', properties: { name: '澄江县', level: 'county', parent: '玉溪市' }, geometry },
          { type: 'Feature', properties: { name: '不存在县', level: 'county', parent: '曲靖' }, geometry },
          { type: 'Feature', properties: { name: '五华区', level: 'county', parent: '不存在州' }, geometry },
        ],
      },
      await divisionIndex(t.deps),
    );
    expect(features.map((f) => f.code)).toEqual(['530300', '530304', '530481', null, null]);
  });
});

describe('GET /api/v1/prevention/desk/map', () => {
  it("the province gets the 16 prefectures, a prefecture its counties, a county its own outline; nothing outside the official's own", async () => {
    const prov = await t.login('prov');
    const all = await t.get('/api/v1/prevention/desk/map', prov);
    expect(all.statusCode, all.body).toBe(200);
    const a = all.json() as MapAnswer;
    expect(a.level).toBe('prefecture');
    expect(a.geojson.features).toHaveLength(16);
    expect(a.attribution).toContain('MIT');
    const km = (await t.get('/api/v1/prevention/desk/map', await t.login('km'))).json() as MapAnswer;
    expect(km.level).toBe('county');
    expect(km.geojson.features.map((f) => f.properties.code)).toContain('530102');
    expect(km.geojson.features.every((f) => f.properties.code.startsWith('5301'))).toBe(true);
    expect(km.geojson.features).toHaveLength(14);
    const wh = await t.login('wh');
    expect(((await t.get('/api/v1/prevention/desk/map', wh)).json() as MapAnswer).geojson.features.map((f) => f.properties.code)).toEqual(['530102']);
    expect((await t.get('/api/v1/prevention/desk/map?division=5301', wh)).statusCode).toBe(404);
    expect((await t.get('/api/v1/prevention/desk/map?division=530300', await t.login('km'))).statusCode).toBe(404);
  });

  it("a deployment's own map (YUNQIAO_DESK_MAP) is served instead; names it cannot map are listed, not dropped in silence", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yq-map-'));
    const path = join(dir, 'approved.geo.json');
    const square = { type: 'Polygon', coordinates: [[[102, 25], [103, 25], [103, 26], [102, 25]]] };
    writeFileSync(
      path,
      JSON.stringify({
        type: 'FeatureCollection',
        attribution: '云南省标准地图',
        reviewNumber: '云S(2024)001号',
        features: [
          { type: 'Feature', properties: { name: '昆明市', level: 'prefecture' }, geometry: square },
          { type: 'Feature', properties: { name: '五华区', level: 'county', parent: '昆明市' }, geometry: square },
          { type: 'Feature', properties: { name: '滇中新区', level: 'county', parent: '昆明市' }, geometry: square },
        ],
      }),
    );
    const other = await createTestApp({ env: { YUNQIAO_DESK_MAP: path } });
    try {
      const res = await other.get('/api/v1/prevention/desk/map', await other.login('km'));
      expect(res.statusCode, res.body).toBe(200);
      const m = res.json() as MapAnswer & { reviewNumber: string };
      expect(m.reviewNumber).toBe('云S(2024)001号');
      expect(m.geojson.features.map((f) => f.properties.code)).toEqual(['530102']);
      expect(m.unmapped).toEqual(['滇中新区']);
      const broken = await createTestApp({ env: { YUNQIAO_DESK_MAP: join(dir, 'missing.json') } });
      try {
        const r = await broken.get('/api/v1/prevention/desk/map', await broken.login('km'));
        expect(r.statusCode).toBe(503);
        expect(r.json().error.code).toBe('desk_map_unavailable');
      } finally {
        await broken.close();
      }
    } finally {
      await other.close();
    }
  });
});
