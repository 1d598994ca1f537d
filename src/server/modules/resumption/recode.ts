// The resumption module's part in re-coding a division (decision 0022): plans move with their ids,
// their demand lines and returning employees with them (parents first); a destination's transport
// shares move too (their grants move with identity's access_grants). The origin counties the rows
// name are rewritten.
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';
import { relinkOrigins } from './repository/resumption.ts';

export const resumptionRecode: RecodeHook = {
  moves: ['resumption_plans', 'resumption_demand', 'resumption_returnees', 'resumption_transport_shares'],
  relink: async (tx: Tx, r: Recode) => {
    const n = await relinkOrigins(tx, r.from, r.to);
    return { returnee_origins: n.returnees, share_origins: n.shares };
  },
};
