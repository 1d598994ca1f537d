import { readFileSync } from 'node:fs';
import { readUploadOffThread, closeSheetPool } from './src/server/platform/sheets/pool.ts';
import { ROSTER_SPEC } from './src/server/modules/registry/staff-roster.ts';
const data = readFileSync('/tmp/styled.xlsx');
for (let i = 0; i < 2; i++) {
const t0 = performance.now();
const r = await readUploadOffThread({ format: 'xlsx', data, spec: ROSTER_SPEC });
console.log(r.rows.length, performance.now() - t0);
}
await closeSheetPool();
