// The market module's public surface: what routes, jobs, other modules and the CLI may call.
export { cancelInterview, getInterview, interviewInvite, listInterviews, rescheduleInterview, scheduleInterview, sendInterviewReminders } from './interviews.service.ts';
export {
  appliedPostingKeys,
  appliedPostingKeysOf,
  applyToPosting,
  exportApplications,
  getApplication,
  listApplications,
  listMyApplications,
  listReferredApplications,
  moveApplication,
  ownApplication,
  referredApplication,
  referSeeker,
  revealPhone,
  withdrawApplication,
} from './applications.service.ts';
export { decideCase, fileReport, getCase, listCases, reportFormOf } from './moderation.service.ts';
export { expirePostings } from './expiry.service.ts';
export { FACET_EXACT_MAX, SALARY_BANDS, searchFacets } from './facets.service.ts';
export { REINDEX_BATCH, reindexSearch, searchPostings } from './search.service.ts';
export { type AnalyzerInput, analyzerInputOf, analyzerOf } from './search/document.ts';
export { escapeHtml } from './jobposting.ts';
export { createSearchAnalyzer, type SearchAnalyzer } from './search/analyze.ts';
export { compactFeed, decodeFeedCursor, encodeFeedCursor, FEED_COMPACT_AFTER_DAYS, readFeed, sequenceFeed } from './feed.service.ts';
export { dedupe, IMPORT_BATCH, type ImportReport, importPostings, POSTINGS_SPEC, prepareRows } from './import.service.ts';
export {
  closePosting,
  createPosting,
  DEFAULT_OPEN_DAYS,
  defaultLastInstant,
  getPosting,
  getPublicPosting,
  lastInstant,
  listPostings,
  listPublicPostings,
  publishPosting,
  screenPostingDraft,
  takeDownPosting,
  updatePosting,
} from './postings.service.ts';
