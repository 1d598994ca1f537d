// The registry's part in re-coding a division (decision 0022): agencies, employers and rosters move
// with their ids; the province-wide credit-code claims follow their owners.
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';
import { relinkClaims } from './repository/credit-codes.ts';

export const registryRecode: RecodeHook = {
  moves: ['agencies', 'employers', 'agency_staff', 'employer_registrations'],
  relink: async (tx: Tx, r: Recode) => ({ credit_code_claims: await relinkClaims(tx, r.from, r.to) }),
};
