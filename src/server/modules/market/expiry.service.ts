// The expiry job: published postings past their last instant become expired, exactly once each
// (one statement, conditioned on the status), each with a feed removal. Reads never wait for it:
// a published posting past its instant already reads as expired (presenters.ts statusAt).
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { SYSTEM_CALLER, command } from '../../platform/command.ts';
import * as repo from './repository/postings.ts';

const EXPIRY = systemScope('posting expiry: published postings past their valid-until instant in every division');

/** Expires what is due at the clock's now; audited once per division with the count. Returns how many. */
export async function expirePostings(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return command(deps, SYSTEM_CALLER, async ({ tx, audit }) => {
    const rows = await repo.expireDue(tx, EXPIRY, now);
    const per = new Map<string, number[]>();
    for (const r of rows) per.set(r.division_code, [...(per.get(r.division_code) ?? []), r.id]);
    for (const [divisionCode, ids] of per) audit({ action: 'market.posting.expire', divisionCode, targetType: 'posting', detail: { count: ids.length, ids: ids.slice(0, 100) } });
    return rows.length;
  });
}
