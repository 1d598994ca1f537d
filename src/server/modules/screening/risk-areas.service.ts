// Risk areas (疫区) the province keeps (P2; decision 0027): a division of the national table at any
// level, optionally a street or community inside it, a level and from/to dates. Provincial
// officials create, edit (lifting = setting the end date; nothing is deleted) and import them from
// .xlsx (all-or-nothing, the shared sheet reader); every change audited. Everyone signed in reads
// the published list.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { scopeCovers } from '../../db/scope.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { decodeCursor, toPage } from '../../http/pagination.ts';
import { command } from '../../platform/command.ts';
import type { MessageKey } from '../../platform/i18n.ts';
import { applyImportRule, type RowProblem } from '../../platform/import-rules.ts';
import { readUploadOffThread } from '../../platform/sheets/pool.ts';
import type { SheetSpec } from '../../platform/sheets/types.ts';
import { writeSheet } from '../../platform/spreadsheet.ts';
import { beijingDate } from '../../../shared/beijing-day.ts';
import { z as zod } from 'zod';
import { checkDivision } from '../reference/service.ts';
import { readDay, readDivisionCode, readRiskLevel } from './matching.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';

const areaCursor = zod.tuple([zod.string().regex(/^\d{6}$/), zod.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

/** A risk-area row as the API shows it; `today` decides `inForce`. */
export function presentArea(r: repo.RiskAreaRow, today: string) {
  return {
    id: r.id,
    keeper: r.division_code,
    divisionCode: r.area_code,
    divisionName: r.area_name,
    divisionLevel: r.area_level as 'province' | 'prefecture' | 'county',
    sub: r.sub_kind ? { kind: r.sub_kind as 'street' | 'community', code: r.sub_code, name: r.sub_name } : null,
    level: r.risk_level as repo.RiskLevel,
    from: r.valid_from,
    to: r.valid_to,
    inForce: r.valid_from <= today && (r.valid_to === null || r.valid_to >= today),
    note: r.note,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The published list (every signed-in role), newest first; filters: in force on a day, under a division, a level. */
export async function listRiskAreas(deps: Deps, q: z.infer<typeof s.riskAreasQuery>) {
  const before = decodeCursor(q.cursor, areaCursor);
  const today = beijingDate(deps.clock.now());
  const rows = await repo.listRiskAreas(deps.db, { ...(q.on ? { on: q.on } : {}), ...(q.area ? { area: q.area } : {}), ...(q.level ? { level: q.level } : {}) }, { limit: q.limit, before });
  return toPage(rows, q.limit, (r) => presentArea(r, today), (r) => [r.division_code, r.id]);
}

/** A checked area, ready to insert: six-digit division, optional street/community, level, days. */
type AreaInput = { areaCode: string; sub: { kind: 'street' | 'community'; code: string | null; name: string | null } | null; level: repo.RiskLevel; from: string; to: string | null; note: string };

type Problem = { field: 'code' | 'subName' | 'level' | 'from' | 'to'; key: MessageKey; params?: Record<string, string | number> };

/**
 * The one rule for a risk area's place, from a form or a sheet row: the code read at any level
 * (5323 = 532300), the division found in the national table (unknown, or abolished naming its
 * successor: reference.checkDivision), a street or community only under a prefecture or county.
 * A name without a code is refused: areas are never matched by name.
 */
async function checkPlace(deps: Deps, rawCode: string, subName: string | undefined, nameHint: string | undefined): Promise<{ ok: Pick<AreaInput, 'areaCode' | 'sub'> } | { problem: Problem }> {
  if (!rawCode.trim()) return { problem: { field: 'code', key: nameHint ? 'risk_area_code_required' : 'required', ...(nameHint ? { params: { name: nameHint } } : {}) } };
  const read = readDivisionCode(rawCode);
  if (!read) return { problem: { field: 'code', key: 'risk_area_code' } };
  const check = await checkDivision(deps, read.division);
  if (!check.ok) return { problem: { field: 'code', key: check.key, params: check.params } };
  const name = subName?.trim() ? subName.trim() : null;
  if ((read.sub || name) && check.division.level === 'province') return { problem: { field: read.sub ? 'code' : 'subName', key: 'risk_area_sub_in_province' } };
  const sub = read.sub ? { kind: read.sub.kind, code: read.sub.code, name } : name ? { kind: 'street' as const, code: null, name } : null;
  return { ok: { areaCode: check.division.code, sub } };
}

function requireKeeper(deps: Deps, actor: Actor) {
  if (!scopeCovers(actor.scope, deps.config.province)) throw new AppError('forbidden');
  return deps.config.province;
}

/** Creates one area (provincial officials); audited `screening.risk_area.create`. 400 naming the field on a bad code. */
export async function createRiskArea(deps: Deps, actor: Actor, input: z.infer<typeof s.riskAreaCreate>, ctx: RequestContext) {
  const keeper = requireKeeper(deps, actor);
  const place = await checkPlace(deps, input.code, input.subName, undefined);
  if ('problem' in place) throw fieldError(place.problem.field, place.problem.key, place.problem.params ?? {});
  const [key] = await insertAreas(deps, actor, ctx, keeper, [{ ...place.ok, level: input.level, from: input.from, to: input.to ?? null, note: input.note ?? '' }], 'form');
  return getRiskArea(deps, actor, (key as { id: number }).id);
}

async function insertAreas(deps: Deps, actor: Actor, ctx: RequestContext, keeper: string, areas: AreaInput[], source: 'form' | 'import') {
  const now = deps.clock.now();
  return command(deps, { actor, ctx }, async ({ tx, audit }) => {
    const keys = await repo.insertRiskAreas(
      tx,
      areas.map((a) => ({
        division_code: keeper,
        area_code: a.areaCode,
        sub_kind: a.sub?.kind ?? null,
        sub_code: a.sub?.code ?? null,
        sub_name: a.sub?.name ?? null,
        risk_level: a.level,
        valid_from: a.from,
        valid_to: a.to,
        note: a.note,
        created_at: now,
        created_by: actor.accountId,
      })),
    );
    keys.forEach((k, i) => {
      const a = areas[i] as AreaInput;
      audit({ action: 'screening.risk_area.create', divisionCode: keeper, targetType: 'risk_area', targetId: k.id, detail: { source, areaCode: a.areaCode, sub: a.sub, level: a.level, from: a.from, to: a.to } });
    });
    return keys;
  });
}

export async function getRiskArea(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findRiskArea(deps.db, actor.scope, id);
  if (!row) throw notFound();
  return presentArea(row, beijingDate(deps.clock.now()));
}

/** Changes an area's level, dates, street name or note (lifting sets `to`); audited with the values before and after. */
export async function updateRiskArea(deps: Deps, actor: Actor, id: number, input: z.infer<typeof s.riskAreaUpdate>, ctx: RequestContext) {
  requireKeeper(deps, actor);
  const row = await repo.findRiskArea(deps.db, actor.scope, id);
  if (!row) throw notFound();
  const from = input.from ?? row.valid_from;
  const to = input.to === undefined ? row.valid_to : input.to;
  if (to !== null && to < from) throw fieldError(input.to !== undefined ? 'to' : 'from', 'day_order');
  if (input.subName !== undefined && !row.sub_kind && input.subName) {
    if (row.area_level === 'province') throw fieldError('subName', 'risk_area_sub_in_province');
  }
  const set: repo.RiskAreaChanges = {
    ...(input.level !== undefined ? { risk_level: input.level } : {}),
    ...(input.from !== undefined ? { valid_from: input.from } : {}),
    ...(input.to !== undefined ? { valid_to: input.to } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.subName !== undefined
      ? input.subName
        ? { sub_name: input.subName, sub_kind: (row.sub_kind as 'street' | 'community' | null) ?? 'street' }
        : row.sub_code
          ? { sub_name: null }
          : { sub_name: null, sub_kind: null }
      : {}),
  };
  await command(deps, { actor, ctx }, async ({ tx, audit }) => {
    await repo.updateRiskArea(tx, row.key, set, deps.clock.now(), actor.accountId);
    const before = { level: row.risk_level, from: row.valid_from, to: row.valid_to, subName: row.sub_name };
    audit({ action: 'screening.risk_area.update', divisionCode: row.division_code, targetType: 'risk_area', targetId: id, detail: { before, changes: input } });
  });
  return getRiskArea(deps, actor, id);
}

// import -------------------------------------------------------------------------------------

const L = {
  code: { zh: '区划代码', en: 'division code' },
  name: { zh: '名称', en: 'name' },
  sub: { zh: '街道（社区）', en: 'street or community' },
  level: { zh: '等级', en: 'level' },
  from: { zh: '起', en: 'from' },
  to: { zh: '止', en: 'to' },
  note: { zh: '备注', en: 'note' },
} as const;

/** The sheet's columns (the template's headers, then what real notices use). Cells read as text: a code typed as a number is its digits. */
export const RISK_AREA_SPEC: SheetSpec = {
  columns: [
    { key: 'code', header: '区划代码', aliases: ['行政区划代码', '地区代码', '代码', 'code'], label: L.code, kind: 'text' },
    { key: 'name', header: '名称', aliases: ['地区名称', '地区', 'name'], label: L.name, kind: 'text', optional: true },
    { key: 'sub', header: '街道（社区）', aliases: ['街道', '社区', '街道社区', '街道/社区', 'street'], label: L.sub, kind: 'text', optional: true },
    { key: 'level', header: '等级', aliases: ['风险等级', 'level'], label: L.level, kind: 'text' },
    { key: 'from', header: '起', aliases: ['开始日期', '起始日期', '生效日期', 'from'], label: L.from, kind: 'text' },
    { key: 'to', header: '止', aliases: ['结束日期', '截止日期', '解除日期', 'to'], label: L.to, kind: 'text', optional: true },
    { key: 'note', header: '备注', aliases: ['note'], label: L.note, kind: 'text', optional: true },
  ],
  maxRows: 5_000,
};

export const MAX_AREA_ROWS = 5_000;

/** The empty template (the headers the importer reads first; codes as text so 532300 keeps its zeros). */
export function riskAreaTemplate(): Promise<Buffer> {
  return writeSheet(
    '风险地区',
    RISK_AREA_SPEC.columns.map((c) => ({ header: c.header, width: c.key === 'name' || c.key === 'sub' ? 24 : 16, text: c.key === 'code', value: () => '' })),
    [],
  );
}

/**
 * Imports risk areas from an .xlsx body (provincial officials), by the risk-area rule: all or
 * nothing (platform/import-rules.ts). Every row is checked as the form checks it: a code at any
 * level (a row with only a name is refused, naming row and column: never matched by name), a level
 * (高/中/低, high/medium/low), a start day and an optional end day not before it. Any problem → 400
 * import_failed listing each by row and column, nothing stored. Returns how many areas were stored,
 * each audited.
 */
export async function importRiskAreas(deps: Deps, actor: Actor, data: Buffer, ctx: RequestContext) {
  const keeper = requireKeeper(deps, actor);
  const sheet = await readUploadOffThread({ format: 'xlsx', data, spec: RISK_AREA_SPEC });
  if (sheet.tooMany) throw new AppError('import_too_many_rows', { max: MAX_AREA_ROWS });
  if (!sheet.rows.length) throw new AppError('import_empty');
  const problems: RowProblem[] = [];
  const good: { row: number; value: AreaInput }[] = [];
  for (const { row, cells, problems: cellProblems } of sheet.rows) {
    const found: RowProblem[] = [...cellProblems];
    const refused = new Set(cellProblems.map((p) => JSON.stringify(p.column)));
    const add = (column: { zh: string; en: string }, key: MessageKey, params?: Record<string, string | number>) => {
      if (!refused.has(JSON.stringify(column))) found.push({ row, column, key, ...(params ? { params } : {}) });
    };
    const place = await checkPlace(deps, cells.code ?? '', cells.sub, cells.name?.trim() || undefined);
    if ('problem' in place) add(place.problem.field === 'subName' ? L.sub : L.code, place.problem.key, place.problem.params);
    const level = readRiskLevel(cells.level ?? '');
    if (!cells.level?.trim()) add(L.level, 'required');
    else if (!level) add(L.level, 'risk_level_unknown');
    const from = readDay(cells.from ?? '');
    if (!cells.from?.trim()) add(L.from, 'required');
    else if (!from) add(L.from, 'day_unreadable');
    const to = cells.to?.trim() ? readDay(cells.to) : null;
    if (cells.to?.trim() && !to) add(L.to, 'day_unreadable');
    else if (from && to && to < from) add(L.to, 'day_order');
    if (found.length || 'problem' in place || !level || !from) {
      problems.push(...found);
      continue;
    }
    good.push({ row, value: { ...place.ok, level, from, to, note: cells.note?.trim() ?? '' } });
  }
  const { accepted } = applyImportRule('risk_areas', good, problems);
  const keys = await insertAreas(deps, actor, ctx, keeper, accepted.map((a) => a.value), 'import');
  return { imported: keys.length };
}
