// Example calls of credit-codes.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './credit-codes.ts';

export const cases: SqlCases<typeof repo> = {
  relinkClaims: [{ name: '澄江县 re-coded as 澄江市', args: (db) => [db, '530422', '530481'] }],
  claimCreditCode: [
    {
      name: "an employer's code",
      args: (db) => [db, { credit_code: '91530102MA6K123456', kind: 'employer', owner_division: '530102', owner_id: 9, claimed_at: AT }],
    },
  ],
};
