// The registry in an official's jurisdiction, for the desk: one request at any scale.
import type { z } from 'zod';
import type { Actor } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { levelOf } from '../../../shared/division.ts';
import * as reference from '../reference/service.ts';
import * as repo from './repository/summary.ts';
import type * as s from './schemas.ts';

type Counts = z.infer<typeof s.registrySummary>['byDivision'][number];

const zeroCounts = () => ({ agencies: 0, agenciesActive: 0, agenciesSuspended: 0, agenciesPublic: 0, staff: 0, employers: 0, epidemicSuppliesProducers: 0 });

/**
 * Agencies, staff and employers counted per county in SQL and rolled up here to the divisions
 * directly below the official's own (prefectures for the province, counties for a prefecture, the
 * county itself for a county). Rows still under an abolished code count for its successor (decision
 * 0022: 530422's rows on 530481's line).
 */
export async function summariseRegistry(deps: Deps, actor: Actor) {
  const root = actor.divisionCode as string;
  const level = levelOf(root);
  const children = level === 'county' ? [await reference.findDivision(deps, root)] : await reference.childDivisions(deps, root);
  const childOf = (county: string) => (level === 'province' ? `${county.slice(0, 4)}00` : county);
  const lines = new Map<string, Counts>(
    children.filter((d) => d !== undefined).map((d) => [d.code, { code: d.code, name: d.name, ...zeroCounts() }]),
  );
  const [agencies, staff, employers, successors] = await Promise.all([
    repo.agencyCountsByCounty(deps.db, actor.scope),
    repo.staffCountsByCounty(deps.db, actor.scope),
    repo.employerCountsByCounty(deps.db, actor.scope),
    reference.currentSuccessors(deps),
  ]);
  const line = (county: string) => lines.get(childOf(successors.get(county) ?? county));
  for (const r of agencies) {
    const l = line(r.division_code);
    if (!l) continue;
    l.agencies += r.total;
    l.agenciesActive += r.active;
    l.agenciesSuspended += r.suspended;
    l.agenciesPublic += r.public;
  }
  for (const r of staff) {
    const l = line(r.division_code);
    if (l) l.staff += r.total;
  }
  for (const r of employers) {
    const l = line(r.division_code);
    if (!l) continue;
    l.employers += r.total;
    l.epidemicSuppliesProducers += r.producers;
  }
  const byDivision = [...lines.values()];
  const total = zeroCounts();
  for (const l of byDivision) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += l[k];
  return { divisionCode: root, ...total, byDivision };
}
