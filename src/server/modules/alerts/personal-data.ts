// What the alerts module holds about one person (by their accounts): their subscription (channels,
// quiet hours, the WeChat openid bound, when and how they last unsubscribed) and the digests sent
// to them. Found and exported by account in every division; erased by deleting both.
import type { Deps } from '../../deps.ts';
import { systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository.ts';

const SCOPE = systemScope("personal-data request: a person's job-alert subscription and digests in every division");

async function records(deps: Deps, person: Person, whole: boolean): Promise<PersonalRecord[]> {
  const subs = await repo.subscriptionsOfAccounts(deps.db, SCOPE, person.accountIds);
  const out: PersonalRecord[] = subs.map((r) => ({
    module: 'alerts',
    kind: 'alert_subscription',
    divisionCode: r.division_code,
    id: r.seeker_id,
    data: {
      active: r.active,
      channels: r.channels,
      quietHours: r.quiet_start === null ? null : { start: r.quiet_start, end: r.quiet_end },
      wechatBound: r.wechat_openid !== null,
      ...(whole ? { wechatOpenid: r.wechat_openid } : {}),
      createdAt: r.created_at.toISOString(),
      unsubscribedAt: r.unsubscribed_at?.toISOString() ?? null,
      unsubscribedVia: r.unsubscribed_via,
      digests: Number(r.digests ?? 0),
    },
  }));
  if (whole) {
    for (const d of await repo.digestsOfAccounts(deps.db, SCOPE, person.accountIds)) {
      out.push({ module: 'alerts', kind: 'alert_digest', divisionCode: d.division_code, id: d.id, data: { day: d.day, items: d.items, createdAt: d.created_at.toISOString() } });
    }
  }
  return out;
}

export const alertsPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps, person, false),
  export: (deps, person) => records(deps, person, true),
  async erase(deps, person, caller) {
    if (!(await repo.subscriptionsOfAccounts(deps.db, SCOPE, person.accountIds)).length && !(await repo.digestsOfAccounts(deps.db, SCOPE, person.accountIds)).length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.eraseAccounts(tx, SCOPE, person.accountIds);
      if (n) audit({ action: 'alerts.person.erase', divisionCode: deps.config.province, targetType: 'division', targetId: deps.config.province, detail: { rows: n } });
      return n;
    });
  },
};
