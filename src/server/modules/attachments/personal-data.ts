// What the attachments module holds about one person: the files they uploaded (found by account,
// in every division); listed by description, exported with their SHA-256 (the bytes are fetched
// through the audited download), erased by deleting them.
import type { Deps } from '../../deps.ts';
import { systemKey, systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { Person, PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository/attachments.ts';

const SCOPE = systemScope("personal-data request: a person's uploaded files in every division");

async function records(deps: Deps, person: Person): Promise<PersonalRecord[]> {
  const rows = await repo.attachmentsOfAccounts(deps.db, SCOPE, person.accountIds);
  return rows.map((r) => ({ module: 'attachments', kind: 'attachment', divisionCode: r.division_code, id: r.id, data: { kind: r.kind, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256, createdAt: r.created_at.toISOString() } }));
}

export const attachmentsPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps, person),
  export: (deps, person) => records(deps, person),
  async erase(deps, person, caller) {
    const rows = await repo.attachmentsOfAccounts(deps.db, SCOPE, person.accountIds);
    if (!rows.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.deleteAttachments(tx, rows.map((r) => systemKey(SCOPE, 'attachments', r.division_code, r.id)));
      for (const d of new Set(rows.map((r) => r.division_code))) audit({ action: 'attachments.person.erase', divisionCode: d, targetType: 'division', targetId: d, detail: { attachments: rows.filter((r) => r.division_code === d).length } });
      return n;
    });
  },
};
