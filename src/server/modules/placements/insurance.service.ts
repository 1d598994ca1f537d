// The county bureau's import of the monthly social-insurance file (参保明细, issue 13 M6, decision
// 0051): rows read and checked all-or-nothing (insurance-sheet.ts), matched to the confirmed
// placements in the bureau's divisions by the worker's ID number (keyed hash) and the employer's
// credit code, stored per placement (idempotent on placement, month, type), and the placements
// insured for a month since their contract start verified — all in one command.
import type { z } from 'zod';
import type { Actor, RequestContext } from '../../actor.ts';
import type { Deps } from '../../deps.ts';
import { forbidden } from '../../http/errors.ts';
import { command } from '../../platform/command.ts';
import { maskCitizenId } from '../../../shared/checksums.ts';
import { parseInsuranceFile } from './insurance-sheet.ts';
import * as repo from './repository/placements.ts';
import type * as s from './schemas.ts';

/**
 * Imports an insurance file (.xlsx bytes) for the official's divisions (POST
 * /placements/insurance/import). 400 import_failed listing every bad row by row and column (ID
 * number GB 11643, credit code GB 32100, 参保年月 YYYYMM or YYYY-MM not after this month, 险种 from
 * the five) and nothing stored; other file refusals as the shared reader words them. A row that
 * names no confirmed placement in scope is reported in `unmatched` (ID masked), not refused: the
 * bureau's file covers every insured worker, most of them placed by no agency. Each matched row is
 * stored once (a re-import stores nothing new); confirmed placements insured for a month since the
 * contract start become verified, and their agency is told (in-app, outbox). Audited per division
 * with the counts. Returns { imported: rows newly stored, matched, unmatched, verified }.
 */
export async function importInsurance(deps: Deps, actor: Actor, data: Buffer, ctx: RequestContext): Promise<z.infer<typeof s.insuranceImportResult>> {
  if (actor.scope.kind !== 'official') throw forbidden();
  const now = deps.clock.now();
  const rows = await parseInsuranceFile(data, now);
  const pairKey = (hash: string, code: string) => `${hash}\u0000${code}`;
  const hashed = rows.map((r) => ({ ...r, hash: deps.crypto.keyedHash(r.idNumber) }));
  const pairs = [...new Map(hashed.map((r) => [pairKey(r.hash, r.creditCode), { idNumberHash: r.hash, creditCode: r.creditCode }])).values()];
  const matches = await repo.matchPlacements(deps.db, actor.scope, pairs);
  const byPair = new Map<string, typeof matches>();
  for (const m of matches) {
    const k = pairKey(m.id_number_hash as string, m.employer_credit_code);
    byPair.set(k, [...(byPair.get(k) ?? []), m]);
  }
  const inserts: repo.InsuranceInsert[] = [];
  const unmatched: z.infer<typeof s.insuranceImportResult>['unmatched'] = [];
  let matched = 0;
  for (const r of hashed) {
    const placements = byPair.get(pairKey(r.hash, r.creditCode));
    if (!placements) {
      unmatched.push({ row: r.row, idNumberMasked: maskCitizenId(r.idNumber), creditCode: r.creditCode });
      continue;
    }
    matched++;
    for (const p of placements) inserts.push({ key: p.key, month: r.month, insuranceType: r.insuranceType });
  }
  const result = await command(deps, { actor, ctx }, async ({ tx, audit, send }) => {
    const imported = await repo.insertInsurance(tx, inserts, actor.accountId, now);
    const verified = await repo.verifyInsured(tx, matches.map((m) => m.key), now);
    const perDivision = new Map<string, { matchedPlacements: number; verified: number }>();
    for (const m of matches) {
      const c = perDivision.get(m.division_code) ?? { matchedPlacements: 0, verified: 0 };
      c.matchedPlacements++;
      perDivision.set(m.division_code, c);
    }
    for (const v of verified) {
      const m = matches.find((x) => x.division_code === v.division_code && x.id === v.id);
      if (!m) continue;
      (perDivision.get(v.division_code) as { verified: number }).verified++;
      await send({
        divisionCode: m.division_code,
        channel: 'inapp',
        recipient: `agency:${m.agency_division}:${m.agency_id}`,
        template: 'placements_verified',
        payload: { placementId: m.id, title: m.posting_title, employerName: m.employer_name, at: now.toISOString() },
        idempotency_key: `placements.verify:${m.division_code}:${m.id}`,
      });
    }
    for (const [divisionCode, c] of perDivision) audit({ action: 'placements.insurance.import', divisionCode, targetType: 'placements', detail: { ...c, rows: rows.length } });
    if (!perDivision.size) audit({ action: 'placements.insurance.import', targetType: 'placements', detail: { rows: rows.length, matchedPlacements: 0, verified: 0, unmatched: unmatched.length } });
    return { imported, verified: verified.length };
  });
  return { imported: result.imported, matched, unmatched, verified: result.verified };
}
