// The desk map (decision 0031): the outlines of the divisions below the one opened, each feature
// carrying the current division code its name maps to (map.ts). The file is read from
// YUNQIAO_DESK_MAP (default: the shipped data/maps/yunnan.geo.json) once per process.
import type { z } from 'zod';
import type { Actor } from '../../actor.ts';
import { reachOf } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { levelOf, prefixOf, toFullCode } from '../../../shared/division.ts';
import * as reference from '../reference/service.ts';
import { mayOpenDesk } from './access.ts';
import { type DivisionIndex, loadMapFile, type MapFile, type MappedFeature, mapFeatureNames } from './map.ts';
import type { deskMap } from './schemas.ts';

/** The division table as the name mapping needs it: active prefectures and counties of the province, abolished codes with their successor. */
export async function divisionIndex(deps: Deps): Promise<DivisionIndex> {
  const prefectures = await reference.childDivisions(deps, deps.config.province);
  const counties = (await Promise.all(prefectures.map((p) => reference.childDivisions(deps, p.code)))).flatMap((list, i) =>
    list.map((c) => ({ code: c.code, name: c.name, prefecture: (prefectures[i] as { code: string }).code })),
  );
  const successors = await reference.currentSuccessors(deps);
  const abolished = (await Promise.all([...successors.keys()].map((c) => reference.findDivision(deps, c)))).flatMap((d) =>
    d ? [{ code: d.code, name: d.name, current: successors.get(d.code) as string }] : [],
  );
  return { prefectures, counties, abolished };
}

/** Every feature of the configured map with its mapped code (for the operator's check and the tests). */
export async function mappedFeatures(deps: Deps, file?: MapFile): Promise<MappedFeature[]> {
  return mapFeatureNames(file ?? (await readMap(deps)), await divisionIndex(deps));
}

async function readMap(deps: Deps): Promise<MapFile> {
  try {
    return await loadMapFile(deps.config.deskMap);
  } catch (e) {
    deps.log.error({ err: e, path: deps.config.deskMap }, 'desk map unreadable');
    throw new AppError('desk_map_unavailable');
  }
}

/**
 * The outlines below `division` (default: the official's own): the prefectures for the province,
 * a prefecture's counties, a county's own outline. 404 outside the official's jurisdiction; 503
 * when the configured file cannot be read. Features whose name maps to no current division are
 * left off and named in `unmapped`.
 */
export async function deskMapOf(deps: Deps, actor: Actor, division: string | undefined): Promise<z.infer<typeof deskMap>> {
  const code = division === undefined ? (actor.divisionCode as string) : division.length === 6 ? division : toFullCode(division);
  const reach = reachOf(actor.scope);
  if (reach === 'all' || !mayOpenDesk(reach, prefixOf(code))) throw notFound();
  const file = await readMap(deps);
  const features = await mappedFeatures(deps, file);
  const level = levelOf(code);
  const prefix = prefixOf(code);
  // a county's outline belongs here by its code, or (unmapped) by its prefecture's
  const wanted = features.filter((f) =>
    level === 'province'
      ? f.properties.level === 'prefecture'
      : f.properties.level === 'county' && (f.code !== null ? f.code.startsWith(prefix) : level === 'prefecture' && (f.parentCode === null || f.parentCode === code)),
  );
  const inside = wanted.filter((f) => f.code?.startsWith(prefix));
  return {
    level: level === 'province' ? 'prefecture' : 'county',
    attribution: file.attribution,
    reviewNumber: file.reviewNumber,
    geojson: {
      type: 'FeatureCollection',
      features: inside.map((f) => ({ type: 'Feature' as const, properties: { name: f.properties.name, code: f.code as string }, geometry: f.geometry })),
    },
    unmapped: wanted.filter((f) => f.code === null).map((f) => f.properties.name),
  };
}
