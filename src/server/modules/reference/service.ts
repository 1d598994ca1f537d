// Reference data: the division tree, code tables, and the province's import of the full
// occupational classification. Other modules ask here whether a code exists (a county for a new
// agency, an industry for an employer).
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { AppError, type RawDetail } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import { toFullCode } from '../../../shared/division.ts';
import * as repo from './repository.ts';

export type { DivisionRow } from './repository.ts';

/** The province this deployment serves (config), or the children of `parent` ('53', '5301', '530100'). */
export async function listDivisions(deps: Deps, parent: string | undefined) {
  if (!parent) {
    const province = await repo.findDivision(deps.db, deps.config.province);
    return province ? [province] : [];
  }
  return repo.childDivisions(deps.db, toFullCode(parent));
}

/** One division by its six-digit code, or undefined. */
export const findDivision = (deps: Pick<Deps, 'db'>, code: string) => repo.findDivision(deps.db, code);
/** The divisions directly below a six-digit code. */
export const childDivisions = (deps: Pick<Deps, 'db'>, code: string) => repo.childDivisions(deps.db, code);

export const listIndustries = (deps: Deps, parent: string | undefined) => repo.industriesUnder(deps.db, parent ?? null);
/** One GB/T 4754-2017 industry (any level), or undefined. */
export const findIndustry = (deps: Pick<Deps, 'db'>, code: string) => repo.findIndustry(deps.db, code);
export const listOccupations = (deps: Deps, parent: string | undefined) => repo.occupationsUnder(deps.db, parent ?? null);
export const listEducationLevels = (deps: Deps) => repo.educationLevels(deps.db);

/** The code one level up: '2-02-01' → '2-02'; a major group ('2') has none. */
const occupationParent = (code: string) => (code.includes('-') ? code.slice(0, code.lastIndexOf('-')) : null);

/**
 * Upserts occupation rows (the full 大典 2022 or a subtree). Every parent must be in the file or
 * the table already, and a given parent must be the code's own; any bad row rejects the whole
 * file (400 import_failed, details by row and column). Returns the number of rows written.
 */
export async function importOccupations(deps: Deps, actor: Actor | null, rows: { code: string; name: string; parent?: string | null }[], ctx: RequestContext | null) {
  const errors: RawDetail[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((r, i) => {
    const first = firstRow.get(r.code);
    if (first !== undefined) errors.push({ row: i + 1, column: 'code', key: 'duplicate_in_file', params: { row: first } });
    else firstRow.set(r.code, i + 1);
  });
  const needed = [...new Set(rows.map((r) => occupationParent(r.code)).filter((p): p is string => p !== null && !firstRow.has(p)))];
  const known = await repo.knownOccupationCodes(deps.db, needed);
  rows.forEach((r, i) => {
    const own = occupationParent(r.code);
    if (r.parent && r.parent !== own) errors.push({ row: i + 1, column: 'parent', key: 'occupation_parent_mismatch', params: { parent: own ?? '—' } });
    else if (own && !firstRow.has(own) && !known.has(own)) errors.push({ row: i + 1, column: 'parent', key: 'unknown_occupation_parent', params: { parent: own } });
  });
  if (errors.length) throw new AppError('import_failed', { count: errors.length }, errors.sort((x, y) => (x.row ?? 0) - (y.row ?? 0)));
  const values = rows
    .map((r) => ({ code: r.code, name: r.name, level: r.code.split('-').length, parent_code: occupationParent(r.code) }))
    .sort((x, y) => x.level - y.level);
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.upsertOccupations(tx, values);
    audit({ action: 'registry.occupations.import', divisionCode: deps.config.province, targetType: 'occupations', detail: { rows: values.length } });
  });
  return values.length;
}
