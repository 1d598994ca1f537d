// What the market module holds about one person: the applications they made or were referred
// with (which postings, which stages) and their interviews (slot, link, status; erased with the
// applications, ON DELETE CASCADE); no personal text — name and phone live in the seekers
// module's profile, decision 0036; found by account in every county; erased by deleting them.
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository/applications.ts';
import { interviewsOfAccounts } from './repository/interviews.ts';

const SCOPE = systemScope("personal-data request: a person's applications in every division");

async function records(deps: Deps, person: Person): Promise<PersonalRecord[]> {
  const rows = await repo.applicationsOfAccounts(deps.db, SCOPE, person.accountIds);
  const interviews = (await interviewsOfAccounts(deps.db, SCOPE, person.accountIds)).map((r): PersonalRecord => ({
    module: 'market',
    kind: 'interview',
    divisionCode: r.division_code,
    id: r.id,
    data: { applicationId: r.application_id, postingTitle: r.posting_title, employerName: r.employer_name, startsAt: r.starts_at.toISOString(), durationMinutes: r.duration_minutes, meetingUrl: r.meeting_url, status: r.status, cancelReason: r.cancel_reason },
  }));
  return rows.map((r): PersonalRecord => ({
    module: 'market',
    kind: 'application',
    divisionCode: r.division_code,
    id: r.id,
    data: { postingId: r.posting_id, postingTitle: r.posting_title, employerName: r.employer_name, stage: r.stage, appliedAt: r.created_at.toISOString(), stageAt: r.stage_at.toISOString(), referredBy: r.agency_name },
  })).concat(interviews);
}

export const marketPersonalData: PersonalDataHook = {
  find: records,
  export: records,
  async erase(deps, person, caller) {
    if (!person.accountIds.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const gone = await repo.deleteApplicationsOf(tx, SCOPE, person.accountIds);
      const perDivision = new Map<string, number>();
      for (const k of gone) perDivision.set(k.division_code, (perDivision.get(k.division_code) ?? 0) + 1);
      for (const [division, n] of perDivision) audit({ action: 'market.person.erase', divisionCode: division, targetType: 'division', targetId: division, detail: { applications: n } });
      return gone.length;
    });
  },
};
