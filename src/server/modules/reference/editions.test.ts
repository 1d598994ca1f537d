// Reference data has editions (issue 7 §2, decision 0022): the shared case 23 (a newer division
// table: 532622 renamed, 530199 added) applied to a copy of data/reference and loaded with
// `yunqiao reference update`; the shipped change file's stale codes kept inactive with their
// successor; an earlier edition never loaded over a later one; a malformed change file refused by
// line, nothing written; a newer edition picked up at start-up (prepareDatabase), with a merge.
// On a database cloned for this file: the division table changes here.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { cloneTemplate } from '../../../../test/helpers/db.ts';
import { agencyInput } from '../../../../test/helpers/factories.ts';
import { parseConfig } from '../../config.ts';
import { prepareDatabase } from '../../db/open.ts';
import { prepareHooks } from '../index.ts';
import { checksumOf, readManifest } from './loader.ts';

const ROOT = join(import.meta.dirname, '../../../..');
const SHIPPED = join(ROOT, 'data/reference');
const CASE_23 = join(ROOT, 'test/fixtures/cases/23-division-table-update.diff');
const run = promisify(execFile);

let db: Awaited<ReturnType<typeof cloneTemplate>>;
let t: TestApp;
let tmp: string;

/** A copy of the shipped reference directory at `<tmp>/<name>/data/reference`, edited by `edit`. */
function copyReference(name: string, edit: (dir: string) => void = () => {}): string {
  const root = join(tmp, name);
  cpSync(SHIPPED, join(root, 'data/reference'), { recursive: true });
  edit(root);
  return join(root, 'data/reference');
}

/** Sets the divisions edition of a copied directory's editions.json. */
function setEdition(dir: string, edition: string, date: string) {
  const file = join(dir, 'editions.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  m.divisions = { ...m.divisions, edition, date };
  writeFileSync(file, JSON.stringify(m, null, 2));
}

async function cli(args: string[], referenceDir: string, locale = 'zh-CN') {
  const env = { ...process.env, DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, YUNQIAO_REFERENCE_DIR: referenceDir, YUNQIAO_LOCALE: locale, LOG_LEVEL: 'silent' };
  return run(process.execPath, ['bin/yunqiao.mjs', ...args], { cwd: ROOT, env, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const division = (code: string) =>
  t.deps.db.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code', 'active', 'successor_code', 'abolished_on']).where('code', '=', code).executeTakeFirst();
const edition = (table: string) => t.deps.db.selectFrom('reference_editions').selectAll().where('table_name', '=', table).executeTakeFirstOrThrow();
// a date column read into a JS Date is local midnight: its calendar day is the local one, whatever TZ the suite runs in
const day = (d: unknown) =>
  d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : String(d).slice(0, 10);

beforeAll(async () => {
  db = await cloneTemplate('editions');
  t = await createTestApp({ database: db });
  tmp = mkdtempSync(join(tmpdir(), 'yq-editions-'));
});
afterAll(async () => {
  await t.close();
  await db.drop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the shipped edition', () => {
  it('is recorded for each of the four tables, with the checksum of its files', async () => {
    const d = await edition('divisions');
    expect(d).toMatchObject({ edition: '2023', source: expect.stringContaining('2023') });
    expect(day(d.edition_date)).toBe('2023-12-31');
    expect(d.checksum).toBe(await checksumOf(SHIPPED, (await readManifest(SHIPPED)).divisions.files));
    expect((await edition('industries')).edition).toBe('GB/T 4754-2017');
    expect((await edition('occupations')).edition).toContain('2022');
    expect((await edition('education_levels')).checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps the change file's codes inactive with their successor and day, out of the pickers", async () => {
    expect(await division('530422')).toMatchObject({ name: '澄江县', level: 'county', parent_code: '530400', active: false, successor_code: '530481' });
    expect(day((await division('530422'))?.abolished_on)).toBe('2019-11-20');
    expect(await division('532331')).toMatchObject({ name: '禄丰县', active: false, successor_code: '532302' });
    expect(day((await division('532331'))?.abolished_on)).toBe('2021-02-02');
    expect(await division('530481')).toMatchObject({ name: '澄江市', active: true, successor_code: null, abolished_on: null });
    const yuxi = (await t.get('/api/v1/divisions?parent=5304')).json().items.map((d: { code: string }) => d.code);
    expect(yuxi).toContain('530481');
    expect(yuxi).not.toContain('530422');
  });
});

describe('case 23: a newer division table through `yunqiao reference update`', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyReference('case23', (root) => execFileSync('git', ['apply', CASE_23], { cwd: root }));
    setEdition(dir, '2024 (case 23)', '2024-12-31');
  });

  it('loads the rename and the new county, records the edition, audits the change', async () => {
    const r = await cli(['reference', 'update'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('divisions：已加载 2024 (case 23)（2024-12-31）版（此前 2023 (2023-12-31)）：新增 1，更名 1，撤销 0');
    expect(r.stdout).toContain('industries：已是 GB/T 4754-2017（2017-10-01）版');
    expect(await division('532622')).toMatchObject({ name: '砚山市（假设更名）', level: 'county', parent_code: '532600', active: true });
    expect(await division('530199')).toMatchObject({ name: '测试新设区（假设新设）', level: 'county', parent_code: '530100', active: true });
    const d = await edition('divisions');
    expect(d.edition).toBe('2024 (case 23)');
    expect(day(d.edition_date)).toBe('2024-12-31');
    expect(d.checksum).toBe(await checksumOf(dir, (await readManifest(dir)).divisions.files));
    expect(d.detail).toMatchObject({ added: 1, renamed: 1, abolished: 0 });
    // the stale codes of the change file are still there, inactive
    expect(await division('530422')).toMatchObject({ active: false, successor_code: '530481' });
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select(['division_code', 'action', 'target_id', 'request_id', 'detail'])
      .where('action', '=', 'reference.edition.apply')
      .where('target_id', '=', 'divisions')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ division_code: '530000', request_id: 'cli', detail: { edition: '2024 (case 23)', previous: { edition: '2023' }, added: 1, renamed: 1 } });
  }, 60_000);

  it('the new county is offered in the pickers, under its new name', async () => {
    const kunming = (await t.get('/api/v1/divisions?parent=5301')).json().items;
    expect(kunming.find((x: { code: string }) => x.code === '530199')).toEqual({ code: '530199', name: '测试新设区（假设新设）', level: 'county', parentCode: '530100' });
    const wenshan = (await t.get('/api/v1/divisions?parent=5326')).json().items;
    expect(wenshan.find((x: { code: string }) => x.code === '532622')?.name).toBe('砚山市（假设更名）');
  });

  it('running it again changes nothing; the shipped (earlier) edition is not loaded over it: exit 1, in English too', async () => {
    const again = await cli(['reference', 'update'], dir, 'en');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('divisions: edition 2024 (case 23) (2024-12-31) is loaded');
    const older = await cli(['reference', 'update'], SHIPPED);
    expect(older.code).toBe(1);
    expect(older.stderr).toContain('divisions：文件中的版本 2023（2023-12-31）早于已加载的 2024 (case 23)（2024-12-31），未加载');
    expect(older.stderr).not.toMatch(/\n\s+at /);
    expect((await division('532622'))?.name).toBe('砚山市（假设更名）');
    expect((await edition('divisions')).edition).toBe('2024 (case 23)');
  }, 60_000);

  it('a change file naming a code still in the table, or a missing successor, is refused by line; nothing is written', async () => {
    const bad = copyReference('bad-changes', (root) => execFileSync('git', ['apply', CASE_23], { cwd: root }));
    setEdition(bad, '2025 (bad)', '2025-12-31');
    const changes = join(bad, 'yunnan_division_changes.csv');
    writeFileSync(changes, `${readFileSync(changes, 'utf8')}532622,532681,2025-01-01,rename,砚山县,test\n530199,,2025-01-01,abolish,,test\n`);
    const before = await edition('divisions');
    const r = await cli(['reference', 'update'], bad);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('yunqiao: 参考数据文件 yunnan_division_changes.csv 有误，未加载该版本');
    expect(lines.slice(1)).toEqual([
      '  第 6 行，old：532622 仍在本版区划表中，不能同时列为已撤销',
      '  第 6 行，new：继任区划 532681 不在本版区划表中',
      '  第 7 行，old：530199 仍在本版区划表中，不能同时列为已撤销',
      '  第 7 行，old_name：必填',
    ]);
    expect(await edition('divisions')).toEqual(before);
    expect(await division('532681')).toBeUndefined();
  }, 60_000);

  it('a division whose parent is in no table is refused by line, not left to the database', async () => {
    const bad = copyReference('bad-parent', () => {});
    setEdition(bad, '2025 (bad parent)', '2025-12-31');
    const table = join(bad, 'yunnan_divisions.csv');
    writeFileSync(table, `${readFileSync(table, 'utf8')}530200,无上级,county,9999\n`);
    const before = await edition('divisions');
    const r = await cli(['reference', 'update'], bad);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/at |Error:/);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('yunqiao: 参考数据文件 yunnan_divisions.csv 有误，未加载该版本');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^ {2}第 \d+ 行，parent：上级代码 9999 不在区划表中$/)]);
    expect(await edition('divisions')).toEqual(before);
  }, 60_000);
});

describe('at start-up', () => {
  it('a newer edition in YUNQIAO_REFERENCE_DIR is applied while the database is prepared: a merge keeps the old code with its successor', async () => {
    const dir = copyReference('merge', (root) => execFileSync('git', ['apply', CASE_23], { cwd: root }));
    setEdition(dir, '2025 (merge)', '2025-06-30');
    const table = join(dir, 'yunnan_divisions.csv');
    writeFileSync(table, readFileSync(table, 'utf8').replace(/530199,[^\n]*\n/, ''));
    const changes = join(dir, 'yunnan_division_changes.csv');
    writeFileSync(changes, `${readFileSync(changes, 'utf8')}530199,530102,2025-06-30,merge,测试新设区（假设新设）,test: merged into 五华区\n`);
    const config = parseConfig({ DATABASE_URL: db.ownerUrl, YUNQIAO_REFERENCE_DIR: dir, LOG_LEVEL: 'silent' });
    const prepared = await prepareDatabase(db.ownerUrl, config, prepareHooks());
    expect(prepared.reference).toMatchObject({ 'divisions.abolished': 1, 'divisions.added': 0 });
    expect(await division('530199')).toMatchObject({ name: '测试新设区（假设新设）', active: false, successor_code: '530102' });
    expect(day((await division('530199'))?.abolished_on)).toBe('2025-06-30');
    expect((await edition('divisions')).edition).toBe('2025 (merge)');
    // the next start with the same files does nothing
    const again = await prepareDatabase(db.ownerUrl, config, prepareHooks());
    expect(again.reference).toEqual({});
    const res = await t.send('POST', '/api/v1/agencies', { ...agencyInput('530102'), divisionCode: '530199' }, await t.login('prov'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'divisionCode', message: '所在县（市、区）：530199 已撤销，请使用 530102（五华区）' }]);
  }, 60_000);
});
