// What channels holds about one person: messages sent to their phone (login codes, notices).
// Erasure blanks recipient and payload of delivered or failed messages; pending ones go out first.
import { command } from '../../platform/command.ts';
import type { PersonalDataHook, PersonalRecord } from '../../platform/module.ts';
import * as repo from './repository.ts';

async function records(db: Parameters<typeof repo.messagesTo>[0], phone: string | undefined): Promise<PersonalRecord[]> {
  if (!phone) return [];
  const rows = await repo.messagesTo(db, phone);
  return rows.map((r) => ({
    module: 'channels',
    kind: 'outbox',
    divisionCode: r.division_code,
    id: r.id,
    data: { channel: r.channel, template: r.template, status: r.status, createdAt: r.created_at.toISOString(), deliveredAt: r.delivered_at?.toISOString() ?? null },
  }));
}

export const channelsPersonalData: PersonalDataHook = {
  find: (deps, person) => records(deps.db, person.phone),
  export: (deps, person) => records(deps.db, person.phone),
  async erase(deps, person, caller) {
    const phone = person.phone;
    if (!phone) return 0;
    return command(deps, caller, async ({ tx, audit }) => {
      const n = await repo.eraseMessagesTo(tx, phone);
      if (n) audit({ action: 'channels.outbox.erase', targetType: 'outbox', detail: { rows: n } });
      return n;
    });
  },
};
