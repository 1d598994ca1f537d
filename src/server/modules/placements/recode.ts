// The placements module's part in re-coding a division (decision 0022): placements move with their
// applications' county, their insurance rows with them; placements recorded by an agency of a
// re-coded county name its new code.
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';
import { relinkAgencies } from './repository/placements.ts';

export const placementsRecode: RecodeHook = {
  moves: ['placements', 'placement_insurance'],
  relink: async (tx: Tx, r: Recode) => ({ placement_agencies: await relinkAgencies(tx, r.from, r.to) }),
};
