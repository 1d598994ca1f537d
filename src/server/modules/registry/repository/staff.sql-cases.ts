// Example calls of staff.ts for its SQL snapshot (npm run gen:sql, decision 0011). The roster is
// reached through the agency's scoped key: the scope clause is in the agency read that minted it.
import { AT, key, scopes, type SqlCases } from '../../../../../scripts/sql-capture.ts';
import type * as repo from './staff.ts';

const agency = key('agencies', '530102', 7);
const person = (n: number) => ({
  division_code: '530102',
  agency_id: 7,
  name: `员工${n}`,
  phone: `1380000010${n}`,
  id_number_enc: `enc:${n}`,
  id_number_hash: `hash:${n}`,
  id_number_masked: `530102********00${n}X`,
  position: '招聘专员',
  created_at: AT,
  updated_at: AT,
});

export const cases: SqlCases<typeof repo> = {
  listStaff: [
    { name: 'first page', args: (db) => [db, agency, {}, { limit: 50 }] },
    { name: 'active only, second page', args: (db) => [db, agency, { status: 'active' }, { limit: 50, after: [150] }] },
  ],
  findStaff: [{ name: 'one staff member of the agency', args: (db) => [db, agency, 70] }],
  existingIdHashes: [
    { name: 'two hashes', args: (db) => [db, agency, ['hash:1', 'hash:2']] },
    { name: 'no hashes: no statement', args: (db) => [db, agency, []] },
  ],
  insertStaff: [
    { name: 'two rows (one batch; batches hold 1,000)', args: (db) => [db, [person(1), person(2)]] },
    { name: 'no rows: no statement', args: (db) => [db, []] },
  ],
  idNumberOf: [{ name: 'a row\'s ID number (encrypted at rest)', rows: [[{ id_number_enc: 'enc:…' }]], args: (db) => [db, key('agency_staff', '530102', 70), (enc: string) => enc] }],
  updateStaff: [{ name: 'left the agency', args: (db) => [db, key('agency_staff', '530102', 70), { status: 'left', updated_at: AT }] }],
  movePhone: [
    { name: 'a person moved to a new number: their rows still on the old one', args: (db) => [db, [key('agency_staff', '530102', 70), key('agency_staff', '530302', 9)], '13800000101', '13900000101', AT] },
  ],
  staffOfPerson: [
    { name: 'by phones and ID hashes', args: (db) => [db, scopes.system, { phones: ['13800000101', '13800000102'], idNumberHashes: ['hash:1'] }] },
    { name: 'by phone only', args: (db) => [db, scopes.system, { phones: ['13800000101'], idNumberHashes: [] }] },
    { name: 'neither: no statement', args: (db) => [db, scopes.system, { phones: [], idNumberHashes: [] }] },
  ],
  anonymiseStaff: [
    { name: 'two rows (one statement each)', args: (db) => [db, [key('agency_staff', '530102', 70), key('agency_staff', '530103', 71)], AT] },
  ],
};
