// Reference data with editions (decision 0022). The files in the reference directory (config
// referenceDir: data/reference unless YUNQIAO_REFERENCE_DIR says otherwise) are described by its
// editions.json: each table's edition label, the day it describes, its files and their source.
// At every start, and on `yunqiao reference update`, a table whose files differ from the edition
// recorded in `reference_editions` (checksum) is brought up to them in one transaction: new codes
// added, names updated, and for divisions the change file applied — an abolished code stays,
// inactive, with its successor and the day it went. A table never goes back to an earlier edition.
// Built-in tables (education levels, the 8 major occupation groups of 大典 2022) are editions of
// their own, defined here.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/tx.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type RawDetail } from '../../http/errors.ts';
import type { Caller } from '../../platform/command.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { t } from '../../platform/i18n.ts';
import { describeProblem } from '../../platform/import-rules.ts';
import { levelOf, toFullCode } from '../../../shared/division.ts';
import { recordAudit } from '../audit/service.ts';

export const MAJOR_OCCUPATION_GROUPS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '1', name: '党的机关、国家机关、群众团体和社会组织、企事业单位负责人' },
  { code: '2', name: '专业技术人员' },
  { code: '3', name: '办事人员和有关人员' },
  { code: '4', name: '社会生产服务和生活服务人员' },
  { code: '5', name: '农、林、牧、渔业生产及辅助人员' },
  { code: '6', name: '生产制造及有关人员' },
  { code: '7', name: '军队人员' },
  { code: '8', name: '不便分类的其他从业人员' },
];

export const EDUCATION_LEVELS = [
  { code: '10', name_zh: '博士研究生', name_en: 'Doctorate', rank: 8 },
  { code: '11', name_zh: '硕士研究生', name_en: 'Master', rank: 7 },
  { code: '20', name_zh: '大学本科', name_en: 'Bachelor', rank: 6 },
  { code: '30', name_zh: '大学专科', name_en: 'Junior college', rank: 5 },
  { code: '40', name_zh: '中等职业教育（中专、技校、职高）', name_en: 'Secondary vocational', rank: 4 },
  { code: '60', name_zh: '普通高中', name_en: 'Senior high school', rank: 3 },
  { code: '70', name_zh: '初中', name_en: 'Junior high school', rank: 2 },
  { code: '80', name_zh: '小学及以下', name_en: 'Primary school or less', rank: 1 },
];

/** The editions of the built-in tables: label, day, source (their checksum is of the rows above). */
const BUILT_IN = {
  occupations: { edition: '职业分类大典 2022: 8 major groups', date: '2022-12-31', source: 'built in (src/server/modules/reference/loader.ts); the deployer imports the full table' },
  education_levels: { edition: 'yunqiao 1', date: '2020-01-01', source: 'built in (src/server/modules/reference/loader.ts)' },
} as const;

export type ReferenceTable = 'divisions' | 'industries' | 'occupations' | 'education_levels';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const manifestEntry = z.object({
  edition: z.string().min(1).max(100),
  date: z.string().regex(ISO_DAY),
  files: z.array(z.string().regex(/^[\w.-]+$/)).min(1),
  source: z.string().min(1),
});
const manifestSchema = z.object({ divisions: manifestEntry, industries: manifestEntry });
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntry>;

/** A refusal of the files themselves: the message key names the file; details carry rows. */
const refuse = (file: string, details: RawDetail[] = [], key: 'reference_edition_invalid' | 'reference_file_unreadable' = 'reference_edition_invalid', reason = '') =>
  new AppError(key, { file, reason }, details);

async function readText(dir: string, file: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, file));
  } catch (err) {
    throw refuse(file, [], 'reference_file_unreadable', (err as NodeJS.ErrnoException).code ?? String(err));
  }
}

/** editions.json of `dir`, checked; throws 400 reference_edition_invalid naming the file. */
export async function readManifest(dir: string): Promise<Manifest> {
  const text = (await readText(dir, 'editions.json')).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('editions.json');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw refuse('editions.json', parsed.error.issues.map((i) => ({ column: i.path.join('.'), row: 1, key: 'reference_manifest_field', params: { field: i.path.join('.') } })));
  return parsed.data;
}

/** sha256 (hex) of the files, name and bytes each, in the manifest's order: the edition's identity. */
export async function checksumOf(dir: string, files: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of files) {
    const bytes = await readText(dir, f);
    h.update(`${f}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest('hex');
}

const checksumOfRows = (rows: unknown) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');

async function readCsv(dir: string, file: string): Promise<Record<string, string>[]> {
  try {
    return parse((await readText(dir, file)).toString('utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse(file, [], 'reference_file_unreadable', (err as Error).message);
  }
}

export type DivisionRow = {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parent_code: string | null;
  prefecture_code: string | null;
  province_code: string;
};

/** The province's extract (yunnan_divisions.csv: code,name,level,parent; prefectures as 4 digits). */
export async function readYunnanDivisions(dir: string): Promise<DivisionRow[]> {
  const rows = await readCsv(dir, 'yunnan_divisions.csv');
  const problems: RawDetail[] = [];
  const out: DivisionRow[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const level = r.level as DivisionRow['level'];
    const problem: RawDetail | null = !/^\d{2}(\d{2}){0,2}$/.test(r.code ?? '')
      ? { row, column: 'code', key: 'invalid_division_code' }
      : !['province', 'prefecture', 'county'].includes(level)
        ? { row, column: 'level', key: 'invalid_format' }
        : !r.name
          ? { row, column: 'name', key: 'required' }
          : null;
    if (problem) {
      problems.push(problem);
      return;
    }
    const code = toFullCode(r.code as string);
    const parent = r.parent ? toFullCode(r.parent) : null;
    out.push({
      code,
      name: r.name as string,
      level,
      parent_code: parent,
      prefecture_code: level === 'county' ? parent : level === 'prefecture' ? code : null,
      province_code: `${code.slice(0, 2)}0000`,
    });
  });
  // a parent must be a division of the file (or the province): a foreign key the database would otherwise refuse mid-load
  const codes = new Set(out.map((d) => d.code));
  rows.forEach((r, i) => {
    const parent = r.parent ? toFullCode(r.parent) : null;
    const own = /^\d{2}(\d{2}){0,2}$/.test(r.code ?? '') ? toFullCode(r.code as string) : '';
    if (parent && !codes.has(parent) && parent !== `${own.slice(0, 2)}0000`) problems.push({ row: i + 2, column: 'parent', key: 'division_parent_unknown', params: { code: r.parent as string } });
  });
  if (problems.length) throw refuse('yunnan_divisions.csv', problems);
  return out;
}

/**
 * The national table (31 provinces, 342 prefectures, 2,978 counties), for data that names places
 * outside the province (risk areas, a worker's home county). Yunnan's rows are the same codes.
 */
export async function readNationalDivisions(dir: string): Promise<DivisionRow[]> {
  const [provinces, cities, areas] = await Promise.all([readCsv(dir, 'provinces.csv'), readCsv(dir, 'cities.csv'), readCsv(dir, 'areas.csv')]);
  const rows: DivisionRow[] = [];
  for (const p of provinces) {
    const code = toFullCode(p.code as string);
    rows.push({ code, name: p.name as string, level: 'province', parent_code: null, prefecture_code: null, province_code: code });
  }
  for (const c of cities) {
    const code = toFullCode(c.code as string);
    const province = toFullCode(c.provinceCode as string);
    rows.push({ code, name: c.name as string, level: 'prefecture', parent_code: province, prefecture_code: code, province_code: province });
  }
  for (const a of areas) {
    const prefecture = toFullCode(a.cityCode as string);
    rows.push({ code: a.code as string, name: a.name as string, level: 'county', parent_code: prefecture, prefecture_code: prefecture, province_code: toFullCode(a.provinceCode as string) });
  }
  return rows;
}

/** One line of the change file: `old` became `new` (none when abolished outright) on `date`. */
export type DivisionChange = { old: string; new: string | null; date: string; kind: 'rename' | 'merge' | 'abolish'; oldName: string; source: string };

export const CHANGE_FILE = 'yunnan_division_changes.csv';
const CHANGE_KINDS = ['rename', 'merge', 'abolish'] as const;

/**
 * The change file (old,new,date,kind,old_name,source; one line per code that went): `rename` — the
 * same place under a new code (澄江县 530422 → 澄江市 530481); `merge` — joined another division,
 * which goes on; `abolish` — gone with no successor (`new` empty). Checked against the edition's
 * table: an old code must be gone from it, a successor must be in it. Throws 400
 * reference_edition_invalid with the problems by file line.
 */
export function checkDivisionChanges(rows: Record<string, string>[], table: ReadonlyMap<string, DivisionRow>): DivisionChange[] {
  const problems: RawDetail[] = [];
  const seen = new Map<string, number>();
  const out: DivisionChange[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const before = problems.length;
    const old = r.old ?? '';
    const next = r.new ?? '';
    const kind = r.kind as DivisionChange['kind'];
    if (!/^\d{6}$/.test(old)) problems.push({ row, column: 'old', key: 'invalid_division_code' });
    else if (table.has(old)) problems.push({ row, column: 'old', key: 'division_change_old_listed', params: { code: old } });
    else if (seen.has(old)) problems.push({ row, column: 'old', key: 'duplicate_in_file', params: { row: seen.get(old) as number } });
    if (!CHANGE_KINDS.includes(kind)) problems.push({ row, column: 'kind', key: 'division_change_kind' });
    if (kind === 'abolish' ? next !== '' : !/^\d{6}$/.test(next)) problems.push({ row, column: 'new', key: kind === 'abolish' ? 'division_change_abolish_has_successor' : 'invalid_division_code' });
    else if (next && !table.has(next)) problems.push({ row, column: 'new', key: 'division_change_successor_missing', params: { code: next } });
    if (!ISO_DAY.test(r.date ?? '') || Number.isNaN(Date.parse(r.date as string))) problems.push({ row, column: 'date', key: 'invalid_date' });
    if (!r.old_name) problems.push({ row, column: 'old_name', key: 'required' });
    seen.set(old, row);
    if (problems.length === before) out.push({ old, new: next || null, date: r.date as string, kind, oldName: r.old_name as string, source: r.source ?? '' });
  });
  if (problems.length) throw refuse(CHANGE_FILE, problems);
  return out;
}

export type EditionOutcome = {
  table: ReferenceTable;
  /** current: already loaded; applied: loaded now; older: the files are an earlier edition than the loaded one (left alone). */
  status: 'current' | 'applied' | 'older';
  edition: string;
  date: string;
  checksum: string;
  /** The edition loaded before (null: none recorded). */
  previous: { edition: string; date: string } | null;
  counts: Record<string, number>;
};

type Recorded = { edition: string; edition_date: string; checksum: string } | undefined;

async function recorded(db: Executor, table: ReferenceTable): Promise<Recorded> {
  // ::text: a date read into a JS Date is local midnight, a day early in ISO form east of UTC
  const r = await db.selectFrom('reference_editions').select(['edition', sql<string>`edition_date::text`.as('edition_date'), 'checksum']).where('table_name', '=', table).executeTakeFirst();
  return r ? { edition: r.edition, edition_date: r.edition_date, checksum: r.checksum } : undefined;
}

type Edition = { edition: string; date: string; checksum: string; source: string };

/**
 * Runs `load` for one table under a transaction-scoped lock (several processes may start at once),
 * when the files' checksum differs from the recorded one and their edition is not older; records
 * the edition and, when one was recorded before, audits the change (action
 * reference.edition.apply, in the province's trail).
 */
async function applyTable(
  db: Kysely<DB>,
  table: ReferenceTable,
  edition: Edition,
  opts: Required<ApplyOptions> & { province: string },
  load: (tx: Executor) => Promise<Record<string, number>>,
): Promise<EditionOutcome> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`reference:${table}`}, 0))`.execute(tx);
    const before = await recorded(tx, table);
    const base = { table, edition: edition.edition, date: edition.date, checksum: edition.checksum, previous: before ? { edition: before.edition, date: before.edition_date } : null };
    if (before?.checksum === edition.checksum) return { ...base, status: 'current', counts: {} };
    if (before && before.edition_date > edition.date) return { ...base, status: 'older', counts: {} };
    const counts = await load(tx);
    const now = opts.clock.now();
    await tx
      .insertInto('reference_editions')
      .values({ table_name: table, edition: edition.edition, edition_date: edition.date, checksum: edition.checksum, source: edition.source, loaded_at: now, detail: JSON.stringify(counts) })
      .onConflict((oc) =>
        oc.column('table_name').doUpdateSet((eb) => ({
          edition: eb.ref('excluded.edition'),
          edition_date: eb.ref('excluded.edition_date'),
          checksum: eb.ref('excluded.checksum'),
          source: eb.ref('excluded.source'),
          loaded_at: eb.ref('excluded.loaded_at'),
          detail: eb.ref('excluded.detail'),
        })),
      )
      .execute();
    // the first edition recorded (installation, or the first start after migration 0006) is the
    // platform's setup, recorded above; every later change of a live table is audited
    if (before) await recordAudit(tx, opts.clock, opts.caller, {
      action: 'reference.edition.apply',
      divisionCode: opts.province,
      targetType: 'reference_table',
      targetId: table,
      detail: { edition: edition.edition, date: edition.date, checksum: edition.checksum, previous: base.previous, ...counts },
    });
    return { ...base, status: 'applied', counts };
  });
}

const LEVEL_ORDER = { province: 0, prefecture: 1, county: 2 } as const;

/**
 * Brings `divisions` to the edition's rows and change file: codes added; names, levels and parents
 * updated; a listed code that was inactive made active again; each change file line's old code
 * (inserted when the table never had it, from old_name) made inactive with its successor and day;
 * any other code gone from the table made inactive without a successor (on the edition's day).
 * Returns the counts: added, renamed, changed, reinstated, abolished.
 */
async function loadDivisions(tx: Executor, rows: DivisionRow[], changes: DivisionChange[], editionDate: string): Promise<Record<string, number>> {
  const current = new Map(
    (await tx.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code', 'prefecture_code', 'province_code', 'active', 'successor_code', sql<string | null>`abolished_on::text`.as('abolished_on')]).execute()).map((d) => [d.code, d]),
  );
  const counts = { added: 0, renamed: 0, changed: 0, reinstated: 0, abolished: 0 };
  const upserts: DivisionRow[] = [];
  for (const r of rows) {
    const d = current.get(r.code);
    if (!d) counts.added++;
    else if (d.name !== r.name) counts.renamed++;
    else if (d.level !== r.level || d.parent_code !== r.parent_code || d.prefecture_code !== r.prefecture_code || d.province_code !== r.province_code) counts.changed++;
    else if (d.active) continue;
    if (d && !d.active) counts.reinstated++;
    upserts.push(r);
  }
  upserts.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  for (let i = 0; i < upserts.length; i += 1000) {
    await tx
      .insertInto('divisions')
      .values(upserts.slice(i, i + 1000).map((r) => ({ ...r, active: true, successor_code: null, abolished_on: null })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          level: eb.ref('excluded.level'),
          parent_code: eb.ref('excluded.parent_code'),
          prefecture_code: eb.ref('excluded.prefecture_code'),
          province_code: eb.ref('excluded.province_code'),
          active: true,
          successor_code: null,
          abolished_on: null,
        })),
      )
      .execute();
  }
  const table = new Map(rows.map((r) => [r.code, r]));
  const known = (code: string) => table.has(code) || current.has(code);
  // an abolished prefecture before its abolished counties (the parent key)
  const ordered = [...changes].sort((a, b) => LEVEL_ORDER[levelOf(a.old)] - LEVEL_ORDER[levelOf(b.old)]);
  for (const c of ordered) {
    const d = current.get(c.old);
    if (d && !d.active && d.successor_code === c.new && d.abolished_on === c.date) continue;
    if (!d || d.active) counts.abolished++;
    if (!d) {
      const level = levelOf(c.old);
      const successor = c.new ? table.get(c.new) : undefined;
      const ownParent = level === 'county' ? `${c.old.slice(0, 4)}00` : level === 'prefecture' ? `${c.old.slice(0, 2)}0000` : null;
      const parent = ownParent && known(ownParent) ? ownParent : (successor?.parent_code ?? null);
      await tx
        .insertInto('divisions')
        .values({
          code: c.old,
          name: c.oldName,
          level,
          parent_code: parent,
          prefecture_code: level === 'county' ? parent : level === 'prefecture' ? c.old : null,
          province_code: `${c.old.slice(0, 2)}0000`,
          active: false,
          successor_code: c.new,
          abolished_on: c.date,
        })
        .execute();
    } else {
      await tx.updateTable('divisions').set({ active: false, successor_code: c.new, abolished_on: c.date }).where('code', '=', c.old).execute();
    }
  }
  const changed = new Set(changes.map((c) => c.old));
  const gone = [...current.values()].filter((d) => d.active && !table.has(d.code) && !changed.has(d.code)).map((d) => d.code);
  if (gone.length) {
    await tx.updateTable('divisions').set({ active: false, successor_code: null, abolished_on: editionDate }).where('code', 'in', gone).execute();
    counts.abolished += gone.length;
  }
  return counts;
}

/** Industries (GB/T 4754): codes added, names and remarks updated; codes never removed (employers name them). */
async function loadIndustries(tx: Executor, dir: string): Promise<Record<string, number>> {
  const rows = await readCsv(dir, 'industries-gbt4754-2017.csv');
  const values = rows
    .map((r) => ({ code: r.code as string, name: r.name as string, level: Number(r.level), parent_code: r.parent || null, remark: r.remark || null }))
    .sort((a, b) => a.level - b.level); // parents before children
  const current = new Map((await tx.selectFrom('industries').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
  const added = values.filter((v) => !current.has(v.code)).length;
  const renamed = values.filter((v) => current.has(v.code) && current.get(v.code) !== v.name).length;
  for (let i = 0; i < values.length; i += 500) {
    await tx
      .insertInto('industries')
      .values(values.slice(i, i + 500))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), level: eb.ref('excluded.level'), parent_code: eb.ref('excluded.parent_code'), remark: eb.ref('excluded.remark') })))
      .execute();
  }
  return { added, renamed };
}

export type ApplyOptions = {
  /** Stamps loaded_at and the audit entry (default: the system clock; start-up has no other). */
  clock?: Clock;
  /** Who applies it, for the audit trail (default: the system). */
  caller?: Caller;
  /** Only these tables (default: all four). */
  tables?: readonly ReferenceTable[];
};

/**
 * Applies the editions found in `config.referenceDir` (see the file's head), table by table, each
 * in its own transaction; returns what happened to each. Idempotent and cheap when current (reads
 * and hashes the files, one row per table). Throws 400 reference_edition_invalid (details by file
 * line) or reference_file_unreadable when the files are malformed or missing; nothing of that
 * table is written then.
 */
export async function applyReferenceEditions(db: Kysely<DB>, config: Pick<Config, 'referenceDir' | 'province'>, opts: ApplyOptions = {}): Promise<EditionOutcome[]> {
  const o = { clock: opts.clock ?? systemClock, caller: opts.caller ?? { actor: null, ctx: null }, tables: opts.tables ?? ['divisions', 'industries', 'occupations', 'education_levels'], province: config.province };
  const dir = config.referenceDir;
  const manifest = await readManifest(dir);
  const out: EditionOutcome[] = [];
  const edition = async (table: 'divisions' | 'industries'): Promise<Edition> => {
    const m = manifest[table];
    return { edition: m.edition, date: m.date, checksum: await checksumOf(dir, m.files), source: m.source };
  };
  if (o.tables.includes('divisions')) {
    const e = await edition('divisions');
    out.push(
      await applyTable(db, 'divisions', e, o, async (tx) => {
        // the province's extract wins over the national table for its own codes
        const merged = new Map<string, DivisionRow>();
        for (const r of await readNationalDivisions(dir)) merged.set(r.code, r);
        for (const r of await readYunnanDivisions(dir)) merged.set(r.code, r);
        const changes = manifest.divisions.files.includes(CHANGE_FILE) ? checkDivisionChanges(await readCsv(dir, CHANGE_FILE), merged) : [];
        return loadDivisions(tx, [...merged.values()], changes, e.date);
      }),
    );
  }
  if (o.tables.includes('industries')) out.push(await applyTable(db, 'industries', await edition('industries'), o, (tx) => loadIndustries(tx, dir)));
  if (o.tables.includes('occupations')) {
    const e = { ...BUILT_IN.occupations, checksum: checksumOfRows(MAJOR_OCCUPATION_GROUPS) };
    // an imported classification is an edition of its own (importOccupations records it): the built-in groups never replace it
    const r = await recorded(db, 'occupations');
    if (r && r.checksum !== e.checksum) out.push({ table: 'occupations', status: 'current', edition: r.edition, date: r.edition_date, checksum: r.checksum, previous: null, counts: {} });
    else
      out.push(
        await applyTable(db, 'occupations', e, o, async (tx) => {
          const res = await tx
            .insertInto('occupations')
            .values(MAJOR_OCCUPATION_GROUPS.map((g) => ({ ...g, level: 1, parent_code: null })))
            .onConflict((oc) => oc.column('code').doNothing())
            .executeTakeFirst();
          return { added: Number(res.numInsertedOrUpdatedRows ?? 0) };
        }),
      );
  }
  if (o.tables.includes('education_levels')) {
    const e = { ...BUILT_IN.education_levels, checksum: checksumOfRows(EDUCATION_LEVELS) };
    out.push(
      await applyTable(db, 'education_levels', e, o, async (tx) => {
        const before = await tx.selectFrom('education_levels').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        await tx
          .insertInto('education_levels')
          .values(EDUCATION_LEVELS)
          .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name_zh: eb.ref('excluded.name_zh'), name_en: eb.ref('excluded.name_en'), rank: eb.ref('excluded.rank') })))
          .execute();
        return { added: EDUCATION_LEVELS.length - Number(before.n) };
      }),
    );
  }
  return out;
}

/**
 * The start-up loader (module manifest `referenceData`): applyReferenceEditions as the owner, by
 * the system; malformed files stop the start with one line naming them (config.consoleLocale). Returns the changes as `table.count` numbers (`divisions.added`, …), and
 * `table.older` = 1 for a table whose files are an earlier edition than the loaded one.
 */
export async function loadReferenceData(db: Kysely<DB>, config: Config): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let outcomes: EditionOutcome[];
  try {
    outcomes = await applyReferenceEditions(db, config);
  } catch (err) {
    // a start failure is one line in the operator's language (db/messages.ts startFailureLine)
    if (!(err instanceof AppError)) throw err;
    const problems = err.details.map((d) => describeProblem(config.consoleLocale, d));
    throw new Error([t(config.consoleLocale, err.code, err.params), ...problems].join(config.consoleLocale === 'en' ? '; ' : '；'));
  }
  for (const r of outcomes) {
    for (const [k, n] of Object.entries(r.counts)) out[`${r.table}.${k}`] = n;
    if (r.status === 'older') out[`${r.table}.older`] = 1;
  }
  return out;
}

/** Records an imported occupation table as the loaded edition (`yunqiao import occupations`, the import route). */
export async function recordOccupationImport(tx: Executor, at: Date, rows: readonly { code: string; name: string }[]): Promise<void> {
  const all = await tx.selectFrom('occupations').select(['code', 'name']).orderBy('code').execute();
  await tx
    .insertInto('reference_editions')
    .values({ table_name: 'occupations', edition: '职业分类大典 2022: imported', edition_date: BUILT_IN.occupations.date, checksum: checksumOfRows(all), source: `imported by the deployer (${rows.length} rows in the last import)`, loaded_at: at, detail: JSON.stringify({ imported: rows.length, total: all.length }) })
    .onConflict((oc) =>
      oc.column('table_name').doUpdateSet((eb) => ({ edition: eb.ref('excluded.edition'), checksum: eb.ref('excluded.checksum'), source: eb.ref('excluded.source'), loaded_at: eb.ref('excluded.loaded_at'), detail: eb.ref('excluded.detail') })),
    )
    .execute();
}
