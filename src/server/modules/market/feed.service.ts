// The public change feed of postings (GET /api/v1/feeds/postings?after=CURSOR; decision 0033).
// A cursor is the position of the last item a consumer was given. Positions are handed out by the
// sequencer after the changes commit, in increasing order of visibility, so a change whose
// transaction began first and committed last gets a later position instead of being skipped, and
// the same cursor always gives the same items in the same order (more may follow on a page that
// was not full).
import type { z } from 'zod';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { fieldError } from '../../http/errors.ts';
import { SYSTEM_CALLER, command } from '../../platform/command.ts';
import { beijingIso } from './presenters.ts';
import * as feed from './repository/feed.ts';
import { UNRESOLVED_DIVISION } from './repository/postings.ts';
import type * as s from './schemas.ts';

const FEED = systemScope('postings feed: changes of public postings in every division (a named cross-division read)');

/** `p<position>`, base64url: opaque to consumers, strict when read back. */
export function encodeFeedCursor(pos: number): string {
  return Buffer.from(`p${pos}`).toString('base64url');
}

/** The position a cursor stands for; 0 for none; 400 naming `after` for anything else. */
export function decodeFeedCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const m = /^p(\d{1,15})$/.exec(text);
  if (!m || encodeFeedCursor(Number(m[1])) !== cursor) throw fieldError('after', 'invalid_cursor');
  return Number(m[1]);
}

/** Positions committed changes that have none yet (one sequencer at a time); returns how many. */
export function sequenceFeed(deps: Deps): Promise<number> {
  return command(deps, SYSTEM_CALLER, ({ tx }) => feed.sequenceChanges(tx, FEED));
}

/**
 * One page of the feed after `after`: created, updated and removed (closed, expired, taken down)
 * postings, each with the public fields after the change (none for a removal) and the posting's
 * page (`/m/jobs/{code}`, on this platform's origin). `next` is the cursor to pass next time (the
 * same one when nothing was new). A cursor beyond the last position given is a 400 naming `after`.
 */
export async function readFeed(deps: Deps, q: z.infer<typeof s.feedQuery>): Promise<z.infer<typeof s.feedPage>> {
  const after = decodeFeedCursor(q.after);
  await sequenceFeed(deps);
  const rows = (await feed.changesAfter(deps.db, FEED, after, q.limit)).slice(0, q.limit);
  // a cursor beyond the head was never given: taking it would silently skip what comes next
  if (!rows.length && after > 0 && after > (await feed.headPosition(deps.db, FEED))) throw fieldError('after', 'invalid_cursor');
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => ({
      position: Number(r.pos),
      postingId: r.posting_id,
      divisionCode: r.division_code === UNRESOLVED_DIVISION ? null : r.division_code,
      code: r.public_code ?? null,
      page: r.public_code ? `/m/jobs/${r.public_code}` : null,
      kind: r.kind as 'created',
      reason: r.reason as 'closed' | null,
      at: beijingIso(r.at),
      posting: (r.body as Record<string, unknown> | null) ?? null,
    })),
    next: encodeFeedCursor(last ? Number(last.pos) : after),
  };
}

/** Days a superseded change stays in the feed before compaction removes it (docs/operations.md). */
export const FEED_COMPACT_AFTER_DAYS = 7;

/**
 * Removes changes superseded by a later change of the same posting once they are older than
 * FEED_COMPACT_AFTER_DAYS (the clock's now), so the change log grows with the postings, not with
 * every edit. Returns how many rows went.
 */
export function compactFeed(deps: Deps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - FEED_COMPACT_AFTER_DAYS * 86_400_000);
  return command(deps, SYSTEM_CALLER, ({ tx }) => feed.compactChanges(tx, FEED, before));
}
