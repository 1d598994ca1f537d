// Reference data: the division tree, code tables, and the province's import of the full
// occupational classification. Other modules ask here whether a code exists (a county for a new
// agency, an industry for an employer).
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { command } from '../../platform/command.ts';
import { applyImportRule, type RowProblem } from '../../platform/import-rules.ts';
import type { SheetSpec } from '../../platform/sheets/types.ts';
import { AppError } from '../../http/errors.ts';
import { levelOf, toFullCode } from '../../../shared/division.ts';
import { recordOccupationImport } from './loader.ts';
import * as repo from './repository.ts';
import { isExcelDate, OCCUPATION_CODE, OCCUPATION_LABELS } from './schemas.ts';

export type { DivisionRow } from './repository.ts';
export { applyReferenceEditions, type EditionOutcome } from './loader.ts';

/** The edition of each reference table now loaded (table_name, edition, edition_date, checksum, source, loaded_at, detail). */
export const loadedEditions = (deps: Pick<Deps, 'db'>) => repo.loadedEditions(deps.db);

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
/** The active divisions directly below a six-digit code. */
export const childDivisions = (deps: Pick<Deps, 'db'>, code: string) => repo.childDivisions(deps.db, code);

/**
 * Every abolished code with a successor, mapped to the active division at the end of its chain
 * (530422 → 530481; a code re-coded twice maps to the last). Small: one line per change.
 */
export async function currentSuccessors(deps: Pick<Deps, 'db'>): Promise<Map<string, string>> {
  const rows = await repo.divisionsWithSuccessors(deps.db);
  const next = new Map(rows.map((r) => [r.code, r.successor_code as string]));
  const out = new Map<string, string>();
  for (const code of next.keys()) {
    let at = code;
    for (let hops = 0; next.has(at) && hops < 20; hops++) at = next.get(at) as string;
    out.set(code, at);
  }
  return out;
}

export type DivisionCheck =
  | { ok: true; division: repo.DivisionRow }
  | { ok: false; key: 'invalid_division_code' | 'division_abolished' | 'division_abolished_no_successor'; params: Record<string, string>; division?: repo.DivisionRow };

/**
 * The one rule for a division code someone types or imports (forms, imports, account creation):
 * unknown → invalid_division_code; abolished → division_abolished naming the active successor at
 * the end of its chain ("530422 已撤销，请使用 530481（澄江市）"), or, gone without one,
 * division_abolished_no_successor with the day; else the division. The caller names the field.
 */
export async function checkDivision(deps: Pick<Deps, 'db'>, code: string): Promise<DivisionCheck> {
  const d = await repo.findDivision(deps.db, code);
  if (!d) return { ok: false, key: 'invalid_division_code', params: {} };
  if (d.active) return { ok: true, division: d };
  const to = (await currentSuccessors(deps)).get(code);
  const successor = to ? await repo.findDivision(deps.db, to) : undefined;
  if (successor?.active) return { ok: false, key: 'division_abolished', params: { code, successor: successor.code, successorName: successor.name }, division: d };
  return { ok: false, key: 'division_abolished_no_successor', params: { code, date: d.abolished_on ?? '' }, division: d };
}

/**
 * Checks a re-coding (`yunqiao reference recode FROM TO`, decision 0022) before any row moves:
 * both codes exist, FROM is abolished, TO is the active division at the end of FROM's successor
 * chain, and both are of one level. Throws 400 recode_unknown_division, recode_not_abolished,
 * recode_not_successor or recode_same_level.
 */
export async function requireRecodable(deps: Pick<Deps, 'db'>, from: string, to: string): Promise<void> {
  const [a, b] = await Promise.all([repo.findDivision(deps.db, from), repo.findDivision(deps.db, to)]);
  if (!a) throw new AppError('recode_unknown_division', { code: from });
  if (!b) throw new AppError('recode_unknown_division', { code: to });
  if (a.active) throw new AppError('recode_not_abolished', { code: from });
  const successors = await currentSuccessors(deps);
  const last = successors.get(from);
  if (!b.active || last !== to) throw new AppError('recode_not_successor', { from, to, successor: last ?? '—' });
  if (levelOf(from) !== levelOf(to)) throw new AppError('recode_same_level', { from, to });
}

export const listIndustries = (deps: Deps, parent: string | undefined) => repo.industriesUnder(deps.db, parent ?? null);
/** One GB/T 4754-2017 industry (any level), or undefined. */
export const findIndustry = (deps: Pick<Deps, 'db'>, code: string) => repo.findIndustry(deps.db, code);
export const listOccupations = (deps: Deps, parent: string | undefined) => repo.occupationsUnder(deps.db, parent ?? null);
export const listEducationLevels = (deps: Deps) => repo.educationLevels(deps.db);
/** Which of `codes` are in the occupation table (any level). */
export const knownOccupationCodes = (deps: Pick<Deps, 'db'>, codes: string[]) => repo.knownOccupationCodes(deps.db, codes);

/** The code one level up: '2-02-01' → '2-02'; a major group ('2') has none. */
const occupationParent = (code: string) => (code.includes('-') ? code.slice(0, code.lastIndexOf('-')) : null);

/**
 * The one rule for an occupation code on every entry point (HTTP, CLI): after NFKC and removing
 * spaces, it must be a 大典 code; a code Excel turned into a date is named as such. Returns the
 * normalised code, or the problem's message key.
 */
export function checkOccupationCode(raw: string): { code: string } | { problem: 'occupation_code_is_date' | 'occupation_code_malformed' } {
  // spaces and invisible characters out, but dots and slashes kept: they show a date (2002/2/1)
  const code = raw.normalize('NFKC').replace(/[\s\u200B-\u200D\uFEFF]/g, '');
  if (OCCUPATION_CODE.test(code)) return { code };
  return { problem: isExcelDate(code) ? 'occupation_code_is_date' : 'occupation_code_malformed' };
}

/**
 * The occupation CSV as the sheet reader reads it (`yunqiao import occupations`): columns
 * code,name[,parent] (docs/operations.md), or headed in words (职业代码, 职业名称, 上级代码); problems
 * name a column by its label in the reader's language (第 2 行，职业代码：…), never `code`.
 */
export const OCCUPATION_SPEC: SheetSpec = {
  columns: [
    { key: 'code', header: 'code', aliases: [OCCUPATION_LABELS.code.zh, OCCUPATION_LABELS.code.en], label: OCCUPATION_LABELS.code, kind: 'code' },
    { key: 'name', header: 'name', aliases: [OCCUPATION_LABELS.name.zh, OCCUPATION_LABELS.name.en], label: OCCUPATION_LABELS.name, kind: 'text' },
    { key: 'parent', header: 'parent', aliases: [OCCUPATION_LABELS.parent.zh, '上级职业代码', OCCUPATION_LABELS.parent.en], label: OCCUPATION_LABELS.parent, kind: 'code', optional: true },
  ],
  maxRows: 5_000,
};

export type OccupationRow = { code: string; name: string; parent?: string | null; /** File line or row number; the position in `rows` (1-based) when absent. */ row?: number };

/**
 * Upserts occupation rows (the full 大典 2022 or a subtree), by the reference-table import rule
 * (all-or-nothing, platform/import-rules.ts): every code and parent must be a 大典 code (an
 * Excel-mangled date is named as such), every parent must be in the file or the table already,
 * and a given parent must be the code's own; `readProblems` (what the file reader found) join the
 * list. Any problem rejects the whole file (400 import_failed, details by row and column, rows
 * numbered by `row` — the CSV's file line — or by position). Returns the number of rows written.
 */
export async function importOccupations(deps: Deps, actor: Actor | null, input: OccupationRow[], ctx: RequestContext | null, readProblems: RowProblem[] = []) {
  const problems: RowProblem[] = [...readProblems];
  const refusedRows = new Set(readProblems.map((p) => p.row));
  const rows: { row: number; code: string; name: string; parent: string | null }[] = [];
  input.forEach((r, i) => {
    const row = r.row ?? i + 1;
    const code = checkOccupationCode(r.code);
    const parent = r.parent ? checkOccupationCode(r.parent) : null;
    let bad = refusedRows.has(row);
    if ('problem' in code) {
      problems.push({ row, column: OCCUPATION_LABELS.code, key: code.problem, params: { value: r.code } });
      bad = true;
    }
    if (parent && 'problem' in parent) {
      problems.push({ row, column: OCCUPATION_LABELS.parent, key: parent.problem, params: { value: r.parent as string } });
      bad = true;
    }
    if (!r.name.trim()) {
      problems.push({ row, column: OCCUPATION_LABELS.name, key: 'required' });
      bad = true;
    }
    if (!bad && 'code' in code) rows.push({ row, code: code.code, name: r.name.trim(), parent: parent && 'code' in parent ? parent.code : null });
  });
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const first = firstRow.get(r.code);
    if (first !== undefined) problems.push({ row: r.row, column: OCCUPATION_LABELS.code, key: 'duplicate_in_file', params: { row: first } });
    else firstRow.set(r.code, r.row);
  }
  const needed = [...new Set(rows.map((r) => occupationParent(r.code)).filter((p): p is string => p !== null && !firstRow.has(p)))];
  const known = await repo.knownOccupationCodes(deps.db, needed);
  for (const r of rows) {
    const own = occupationParent(r.code);
    if (r.parent && r.parent !== own) problems.push({ row: r.row, column: OCCUPATION_LABELS.parent, key: 'occupation_parent_mismatch', params: { parent: own ?? '—' } });
    else if (own && !firstRow.has(own) && !known.has(own)) problems.push({ row: r.row, column: OCCUPATION_LABELS.parent, key: 'unknown_occupation_parent', params: { parent: own } });
  }
  const { accepted } = applyImportRule('reference', rows.map((r) => ({ row: r.row, value: r })), problems);
  const values = accepted
    .map(({ value: r }) => ({ code: r.code, name: r.name, level: r.code.split('-').length, parent_code: occupationParent(r.code) }))
    .sort((x, y) => x.level - y.level);
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.upsertOccupations(tx, values);
    await recordOccupationImport(tx, deps.clock.now(), values);
    audit({ action: 'registry.occupations.import', divisionCode: deps.config.province, targetType: 'occupations', detail: { rows: values.length } });
  });
  return values.length;
}
