// Generated populations for benchmarks and load tests (`yunqiao seed --scale county|province
// --parts staff,checkins`; decision 0032). One generator, a registry of parts: each part is a
// module (`*.part.ts`) with a name, the parts it needs, and a `run` that bulk-loads its rows in
// one command (one transaction, one audit entry for the whole part). Later issues add their parts
// (employers, postings, job seekers, matches) by writing one file and listing it in PARTS below.
//
// Bulk loading: rows are computed in this process where they need the deployment's keys (field
// encryption, keyed hashes) and sent as arrays in multi-row `INSERT … SELECT … FROM unnest(…)`
// statements of CHUNK rows; rows that need no key are made in PostgreSQL by INSERT … SELECT
// (generate_series, or over the rows an earlier part made).
// No password is hashed per person: staff sign in by phone (no password), the agencies'
// administrators share one argon2 hash made once, and the sessions a benchmark uses are inserted
// directly as the identity module stores them (the SHA-256 of a random token; decision 0005).
import type { Deps } from '../../deps.ts';
import { checkinsPart } from './checkins.part.ts';
import type { PartOptions, PartSummary, SeedPart } from './common.ts';
import { postingsPart } from './postings.part.ts';
import { seekersPart } from './seekers.part.ts';
import { staffPart } from './staff.part.ts';

export { SCALES, type Scale } from './common.ts';

/** Every part, in the order they run when several are asked for. */
export const PARTS: readonly SeedPart[] = [staffPart, checkinsPart, postingsPart, seekersPart];

/**
 * Runs the named parts (all when `names` is empty) in registry order. Unknown names throw before
 * anything is written; a part whose `needs` are neither asked for nor present is refused by that
 * part (it finds no rows to build on). Returns each part's summary and seconds taken.
 */
export async function seedScale(deps: Deps, names: readonly string[], opts: PartOptions, log: (line: string) => void = () => {}) {
  const unknown = names.filter((n) => !PARTS.some((p) => p.name === n));
  if (unknown.length) throw new Error(`unknown part: ${unknown.join(', ')} (have: ${PARTS.map((p) => p.name).join(', ')})`);
  const chosen = names.length ? PARTS.filter((p) => names.includes(p.name)) : PARTS;
  const out: { part: string; seconds: number; rows: PartSummary }[] = [];
  for (const part of chosen) {
    const t0 = performance.now();
    log(`${part.name}: ${part.description}`);
    const rows = await part.run({ ...opts, deps, log: (line) => log(`  ${line}`) });
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`${part.name}: ${Object.entries(rows).map(([k, v]) => `${k} ${v}`).join(', ')} in ${seconds} s`);
    out.push({ part: part.name, seconds, rows });
  }
  return out;
}
