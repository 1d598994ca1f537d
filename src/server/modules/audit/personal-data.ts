// What the audit trail holds about one person: the entries of what their accounts did, with the
// personal part (username, address, detail). Erasure deletes that part (PIPL art. 47); the entries
// and their chains stay and still verify. Entries about a person as a target are erased by the
// module that owns the target, through eraseAuditPersonal({ targetType, targetId }).
import type { Executor } from '../../db/tx.ts';
import type { PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository.ts';
import { eraseAuditPersonal } from './service.ts';

async function records(db: Executor, accountId: number | undefined): Promise<PersonalRecord[]> {
  if (accountId === undefined) return [];
  const rows = await repo.entriesByActor(db, accountId, 10_000);
  return rows.map((r) => ({
    module: 'audit',
    kind: 'audit_entry',
    divisionCode: r.division_code,
    id: r.id,
    data: { at: r.at.toISOString(), action: r.action, targetType: r.target_type, targetId: r.target_id, outcome: r.outcome, ip: r.ip, username: r.actor_username },
  }));
}

export const auditPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps.db, person.accountId),
  export: (deps, person) => records(deps.db, person.accountId),
  async erase(deps, person, caller) {
    if (person.accountId === undefined) return 0;
    const { erased } = await eraseAuditPersonal(deps.db, { actorId: person.accountId }, { clock: deps.clock, who: caller });
    return erased;
  },
};
