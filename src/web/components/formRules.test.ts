// The shared form rules: empty passes (required speaks for it), bad values fail with the i18n key's text.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckChar, creditCodeCheckChar } from '../../shared/checksums.ts';
import { formRules } from './formRules.ts';

const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction;
const rules = formRules(t);

async function validate(rule: FormRule, value: unknown): Promise<string | null> {
  if (typeof rule === 'function' || !rule.validator) throw new Error('not a validator rule');
  try {
    await rule.validator({}, value, () => {});
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('form rules', () => {
  it('phone: an 11-digit mainland mobile number', async () => {
    expect(await validate(rules.phone, '13700009999')).toBeNull();
    expect(await validate(rules.phone, '+86 137-0000-9999')).toBeNull(); // as the server accepts it
    expect(await validate(rules.phone, '12700009999')).toBe('common:form.phoneInvalid');
    expect(await validate(rules.phone, '1370000999')).toBe('common:form.phoneInvalid');
    expect(await validate(rules.phone, '')).toBeNull();
    expect(await validate(rules.phone, undefined)).toBeNull();
  });

  it('citizen ID: check character and date; lower-case x accepted', async () => {
    const first17 = '53010219900101123';
    const good = first17 + citizenIdCheckChar(first17);
    expect(await validate(rules.citizenId, good)).toBeNull();
    expect(await validate(rules.citizenId, good.toLowerCase())).toBeNull();
    expect(await validate(rules.citizenId, first17 + (good.endsWith('1') ? '2' : '1'))).toBe('common:form.idInvalid');
  });

  it('credit code: GB 32100 check character; lower case accepted', async () => {
    const first17 = '91530102MA0000000';
    const good = first17 + creditCodeCheckChar(first17);
    expect(await validate(rules.creditCode, good)).toBeNull();
    expect(await validate(rules.creditCode, good.toLowerCase())).toBeNull();
    expect(await validate(rules.creditCode, first17 + (good.endsWith('0') ? '1' : '0'))).toBe('common:form.creditCodeInvalid');
    const person = `53010219870606005${citizenIdCheckChar('53010219870606005')}`; // an ID number passes no credit-code rule
    expect(await validate(rules.creditCode, person)).toBe('common:form.creditCodeInvalid');
  });

  it('required and max length carry their messages', () => {
    expect(rules.required).toEqual({ required: true, message: 'common:form.required' });
    expect(rules.maxLength(50)).toEqual({ max: 50, message: 'common:form.maxLength {"max":50}' });
  });
});
