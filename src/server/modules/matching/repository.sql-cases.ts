// Example calls of repository.ts for its SQL snapshot (npm run gen:sql, decision 0011).
import { AT, scopes, type SqlCases } from '../../../../scripts/sql-capture.ts';
import type * as repo from './repository.ts';

const agencyWithGrant = { kind: 'agency', divisionCode: '530102', agencyId: 7, grants: [{ table: 'seekers', divisionCode: '530103', id: 12 }] } as const;

export const cases: SqlCases<typeof repo> = {
  findSeekerForMatching: [
    { name: 'the seeker\'s own profile', args: (db) => [db, scopes.seeker, 5] },
    { name: 'an agency through a seeker\'s authorisation', args: (db) => [db, { ...agencyWithGrant, grants: [...agencyWithGrant.grants] }, 12] },
  ],
  ownSeekerId: [{ name: 'the signed-in seeker', args: (db) => [db, scopes.seeker, 301] }],
  candidatePostings: [
    {
      name: 'two counties, a prefecture, a major group and an exact occupation',
      args: (db) => [db, scopes.system, { counties: ['530102', '532524'], prefectures: ['5301'], province: null, groups: ['4', '6'], exactFacts: ['fo40201'], perPlace: 120, perOccupation: 100, words: ['缝纫', '普工'] }, AT],
    },
    {
      name: 'the whole province chosen: one walk of the province, a major group',
      args: (db) => [db, scopes.system, { counties: ['530102'], prefectures: ['5301'], province: '53', groups: ['6'], exactFacts: [], perPlace: 120, perOccupation: 100, words: [] }, AT],
    },
    { name: 'a place, no occupation', args: (db) => [db, scopes.system, { counties: ['530102'], prefectures: [], province: null, groups: [], exactFacts: [], perPlace: 120, perOccupation: 100, words: [] }, AT] },
  ],
  findPostingForMatching: [{ name: 'a posting by id', args: (db) => [db, scopes.system, 31] }],
  candidateSeekers: [
    { name: 'an employer\'s posting', args: (db) => [db, scopes.system, { placeKeys: ['c530102', 'f5301', 'v53'], occupationKeys: ['oany', 'o4', 'o4-02'], agencyGrants: [], today: '2025-03-01', limit: 600 }] },
    {
      name: 'an agency acting for the employer, with the seekers it serves',
      args: (db) => [db, scopes.system, { placeKeys: ['c530102', 'f5301', 'v53'], occupationKeys: [], agencyGrants: [{ divisionCode: '530103', id: 12 }], today: '2025-03-01', limit: 600 }],
    },
  ],
  occupationNames: [{ name: 'names by code', args: (db) => [db, ['4', '4-02']] }],
  sampleDocuments: [{ name: 'the corpus sample', args: (db) => [db, scopes.system, 0.45, 3000, AT] }],
  estimatedPostings: [{ name: 'the table', args: (db) => [db, scopes.system] }],
};
