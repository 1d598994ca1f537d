// Imported postings for the search and facets tests: rows written as a small CSV in the import's
// own columns and loaded by the import service in one batch (one statement: one publication
// instant for all, as the 30k real import does).
import { expect } from 'vitest';
import * as market from '../../src/server/modules/market/service.ts';
import { readUpload } from '../../src/server/platform/sheets/read.ts';
import type { TestApp } from './app.ts';

export type ImportedRow = { id: string; title: string; company: string; description?: string; region?: string; min?: number | ''; max?: number | ''; validUntil?: string; benefits?: string };

const HEADER = '职位自编号,发布平台,职位,公司,地区,职位描述,最低薪资,最高薪资,有效期至,福利\r\n';
const cell = (v: string | number | undefined) => `"${String(v ?? '').replace(/"/g, '""')}"`;
const CTX = { requestId: 'postings-fixture', ip: 'local', locale: 'zh-CN' as const };

/** Imports `rows` under source `platform` in one batch (no problem reported); returns source id → posting id. */
export async function importPostingRows(app: TestApp, platform: string, rows: ImportedRow[]): Promise<Map<string, number>> {
  const csv = HEADER + rows.map((r) => `${[r.id, platform, r.title, r.company, r.region ?? '昆明·五华区', r.description ?? '', r.min ?? '', r.max ?? '', r.validUntil ?? '', r.benefits ?? ''].map(cell).join(',')}\r\n`).join('');
  const read = await readUpload({ format: 'csv', data: Buffer.from(csv), spec: market.POSTINGS_SPEC });
  if (!read.ok) throw new Error(read.refused);
  const report = await market.importPostings(app.deps, null, read, CTX, { batch: 1000 });
  expect(report.problems).toEqual([]);
  const ids = await app.deps.db.selectFrom('postings').select(['id', 'source_id']).where('source_platform', '=', platform).execute();
  return new Map(ids.map((r) => [r.source_id as string, Number(r.id)]));
}
