// What the audit trail holds about one person: the entries of what their accounts did, with the
// personal part (username, address, detail). Erasure deletes that part (PIPL art. 47); the entries
// and their chains stay and still verify. Entries about a person as a target are erased by the
// module that owns the target, through eraseAuditPersonal({ targetType, targetId }).
import { systemScope } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';
import type { PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository.ts';
import { eraseAuditPersonal } from './service.ts';

const SCOPE = systemScope('personal-data request: what a person\'s accounts did, in every division');

async function records(db: Executor, accountIds: readonly number[], whole: boolean): Promise<PersonalRecord[]> {
  const rows = await repo.entriesByActor(db, SCOPE, accountIds, 10_000);
  return rows.map((r) => ({
    module: 'audit',
    kind: 'audit_entry',
    divisionCode: r.division_code,
    id: r.id,
    data: {
      at: r.at.toISOString(),
      action: r.action,
      targetType: r.target_type,
      outcome: r.outcome,
      ...(whole ? { targetId: r.target_id, ip: r.ip, username: r.actor_username } : {}),
    },
  }));
}

export const auditPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps.db, person.accountIds, false),
  export: (deps, person) => records(deps.db, person.accountIds, true),
  async erase(deps, person, caller) {
    let erased = 0;
    for (const actorId of person.accountIds) erased += (await eraseAuditPersonal(deps.db, { actorId }, { clock: deps.clock, who: caller })).erased;
    return erased;
  },
};
