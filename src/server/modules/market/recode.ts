// The market module's part in re-coding a division (decision 0022): postings move with their ids;
// their applications (and the applications' interviews) move with them and referrals name a re-coded agency's new code; the
// province-wide source claims and page codes follow them; the feed's change log stays (it is history).
// Their search documents name the old division's tokens: marked stale for the reindex step (decision 0041).
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';
import { relinkAgencies } from './repository/applications.ts';
import { relinkCodes, relinkSources } from './repository/postings.ts';
import { markRecodedStale } from './repository/search.ts';

export const marketRecode: RecodeHook = {
  moves: ['postings', 'applications', 'interviews', 'moderation_cases', 'posting_reports'],
  stays: { posting_changes: 'the change feed is a history of what was public: its rows keep the division they were published under, and consumers already hold them' },
  relink: async (tx: Tx, r: Recode) => ({ posting_sources: await relinkSources(tx, r.from, r.to), posting_codes: await relinkCodes(tx, r.from, r.to), application_agencies: await relinkAgencies(tx, r.from, r.to), posting_search_stale: await markRecodedStale(tx, r.from, r.to) }),
};
