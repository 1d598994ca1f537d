// What channels holds about one person: messages sent to their phones (login codes, notices).
// Erasure blanks recipient and payload of delivered or failed messages; pending ones go out first.
import type { Executor } from '../../db/tx.ts';
import { systemScope } from '../../db/scope.ts';
import { command } from '../../platform/command.ts';
import type { PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository.ts';

const SCOPE = systemScope("personal-data request: messages to a person's phones in every division");

async function records(db: Executor, phones: readonly string[]): Promise<PersonalRecord[]> {
  const rows = await repo.messagesTo(db, SCOPE, phones);
  return rows.map((r) => ({
    module: 'channels',
    kind: 'outbox',
    divisionCode: r.division_code,
    id: r.id,
    data: { channel: r.channel, template: r.template, status: r.status, createdAt: r.created_at.toISOString(), deliveredAt: r.delivered_at?.toISOString() ?? null },
  }));
}

export const channelsPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps.db, person.phones),
  export: (deps, person) => records(deps.db, person.phones),
  async erase(deps, person, caller) {
    if (!person.phones.length) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.eraseMessagesTo(tx, SCOPE, person.phones);
      if (n) audit({ action: 'channels.outbox.erase', targetType: 'outbox', detail: { rows: n } });
      return n;
    });
  },
};
