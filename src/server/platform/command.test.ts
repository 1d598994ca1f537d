// command(): one transaction per command, audit entries written last in it, outbox messages in it,
// and a service of another module called inside joins the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { agencyInput, unique } from '../../../test/helpers/factories.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../http/errors.ts';
import { createAgency } from '../modules/registry/service.ts';
import { command } from './command.ts';

let t: TestApp;
const ctx = { requestId: 'command-test', ip: '127.0.0.1', locale: 'zh-CN' as const };
// the county official of 530102 as the session would resolve it
const wh: Actor = { membershipId: 0, accountId: 0, username: 'wh', role: 'county', displayName: 'wh', divisionCode: '530102', scope: { kind: 'official', prefixes: ['530102'], grants: [] } };

beforeAll(async () => {
  t = await createTestApp();
  const row = await t.deps.db.selectFrom('accounts').select('id').where('username', '=', 'wh').executeTakeFirstOrThrow();
  wh.accountId = row.id;
});
afterAll(() => t.close());

const agencies = (name: string) => t.deps.db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', name).execute();
const auditRows = (action: string) => t.deps.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', action).execute();
const outboxRows = (key: string) => t.deps.db.selectFrom('outbox').select('id').where('idempotency_key', '=', key).execute();

describe('command', () => {
  it('commits the change, its audit entries and its outbox message together', async () => {
    const action = `test.command.${unique()}`;
    const key = `command-test:${unique()}`;
    const result = await command(t.deps, { actor: wh, ctx }, async ({ audit, send }) => {
      audit({ action, divisionCode: '530102', targetType: 'thing', targetId: 1 });
      await send({ divisionCode: '530102', channel: 'sms', recipient: '13800000000', template: 'test_note', payload: {}, idempotency_key: key });
      return 42;
    });
    expect(result).toBe(42);
    expect(await auditRows(action)).toHaveLength(1);
    expect(await outboxRows(key)).toHaveLength(1);
  });

  it('a service of another module called inside joins the transaction: a later failure rolls both back', async () => {
    const input = agencyInput('530102');
    const action = `test.command.outer.${unique()}`;
    const key = `command-test:${unique()}`;
    await expect(
      command(t.deps, { actor: wh, ctx }, async (c) => {
        const created = await createAgency(c.deps, wh, input, ctx); // registry's own command, nested
        expect(created.name).toBe(input.name);
        // inside the transaction the new agency is visible
        expect(await c.tx.selectFrom('agencies').select('id').where('name', '=', input.name).execute()).toHaveLength(1);
        c.audit({ action, divisionCode: '530102' });
        await c.send({ divisionCode: '530102', channel: 'sms', recipient: '13800000000', template: 'test_note', payload: {}, idempotency_key: key });
        throw new AppError('conflict', { what: 'test' });
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await agencies(input.name)).toEqual([]);
    expect(await auditRows(action)).toEqual([]);
    const created = await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'registry.agency.create').where('detail', '@>', JSON.stringify({ name: input.name })).execute();
    expect(created).toEqual([]);
    expect(await outboxRows(key)).toEqual([]);
    const claims = await t.deps.db.selectFrom('credit_code_claims').select('credit_code').where('credit_code', '=', input.creditCode).execute();
    expect(claims).toEqual([]);
  });

  it('the same nesting commits both when nothing fails', async () => {
    const input = agencyInput('530102');
    const action = `test.command.outer.${unique()}`;
    await command(t.deps, { actor: wh, ctx }, async (c) => {
      await createAgency(c.deps, wh, input, ctx);
      c.audit({ action, divisionCode: '530102' });
    });
    expect(await agencies(input.name)).toHaveLength(1);
    expect(await auditRows(action)).toHaveLength(1);
  });

  it('writes no audit entry when the command throws before returning', async () => {
    const action = `test.command.failed.${unique()}`;
    await expect(
      command(t.deps, { actor: wh, ctx }, async ({ audit }) => {
        audit({ action, divisionCode: '530102' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await auditRows(action)).toEqual([]);
  });
});
