// Identity's part in re-coding a division (decision 0022): grants on rows of the old code move with
// those rows; officials' memberships of the old code answer for the new one; memberships of its
// agencies, staff and employers follow their (already copied) rows; grantee keys naming the old
// code name the new one. Hook point for later identity tables: a place-owned one joins `moves`
// (parents first), a column that names a division joins `relink`.
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';
import { relinkMemberships, relinkGrantees } from './repository.ts';

export const identityRecode: RecodeHook = {
  moves: ['access_grants'],
  stays: { alerts: "the province's own (raised under the province's code, never a county's)" },
  relink: async (tx: Tx, r: Recode) => {
    const memberships = await relinkMemberships(tx, r.from, r.to);
    return { ...memberships, grantees: await relinkGrantees(tx, r.from, r.to) };
  },
};
