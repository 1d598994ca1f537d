// The seekers module's part in re-coding a division (decision 0022): profiles move with their ids
// (their grants move with identity's access_grants); the division codes a profile names (residence,
// home, desired counties) are rewritten.
import { sql } from 'kysely';
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';

export const seekersRecode: RecodeHook = {
  moves: ['seekers'],
  relink: async (tx: Tx, r: Recode) => {
    const res = await sql`
      update seekers set
        residence_division = case when residence_division = ${r.from} then ${r.to} else residence_division end,
        home_division = case when home_division = ${r.from} then ${r.to} else home_division end,
        desired_divisions = array_replace(desired_divisions, ${r.from}::text, ${r.to}::text)
      where residence_division = ${r.from} or home_division = ${r.from} or ${r.from}::text = any(desired_divisions)`.execute(tx);
    return { seeker_places: Number(res.numAffectedRows ?? 0) };
  },
};
