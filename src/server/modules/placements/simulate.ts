// Development only: a simulated monthly insurance file (参保明细) for the confirmed placements under
// a division, as the human-resources bureau would send it (decision 0051). The real file comes
// from the bureau's social-insurance system; there is no interface to it here.
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { chinaDate } from '../../../shared/identifiers.ts';
import { type InsuranceCode, insuranceSheet } from './insurance-sheet.ts';
import * as repo from './repository/placements.ts';

const SIMULATION = systemScope('dev: simulate the insurance file for the confirmed placements under a division');

/** The months from `from` (YYYY-MM) to `to` (YYYY-MM), inclusive, ascending. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let i = 0; i < 240; i++) {
    const v = `${y}-${String(m).padStart(2, '0')}`;
    if (v > to) break;
    out.push(v);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The .xlsx a bureau would import for the confirmed placements under `prefix`: a 养老 and a 医疗
 * row for every month from the contract start's month to this month (China time), or to
 * `opts.throughMonth` (YYYY-MM) when given. Returns the file and how many placements and rows it holds.
 */
export async function simulateInsurance(deps: Deps, prefix: string, opts: { throughMonth?: string } = {}) {
  const rows = await repo.confirmedUnder(deps.db, SIMULATION, prefix);
  const last = opts.throughMonth ?? chinaDate(deps.clock.now()).slice(0, 7);
  const out: { idNumber: string; creditCode: string; month: string; insuranceType: InsuranceCode }[] = [];
  for (const r of rows) {
    if (!r.id_number_enc || !r.contract_start) continue;
    const idNumber = deps.crypto.decrypt(r.id_number_enc);
    for (const month of monthsBetween(r.contract_start.slice(0, 7), last)) {
      for (const insuranceType of ['110', '310'] as const) out.push({ idNumber, creditCode: r.employer_credit_code, month, insuranceType });
    }
  }
  return { file: await insuranceSheet(out), placements: rows.length, rows: out.length };
}
