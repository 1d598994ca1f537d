// The masks shown where a person's contact details must not be (PIPL art. 6, data minimisation).
import { describe, expect, it } from 'vitest';
import { maskCitizenId, maskContacts, maskPhone } from './checksums.ts';

describe('maskContacts', () => {
  it.each([
    ['电话 13987654321 随时联系', '电话*** 随时联系'],
    ['手机号：139-8765-4321', '手机号***'],
    ['联系我 139 8765 4321', '联系我 ***'],
    ['身份证53010219900307123X', '身份证***'],
    ['证件 53010219900307123x，', '证件 ***，'],
    ['微信:yq_worker88；会开叉车', '微信***；会开叉车'],
    ['QQ 12345678', 'QQ***'],
    ['微信号 yq88 身份证号：53010219900307123X', '微信号*** 身份证号***'],
    ['wx abc-123 电焊', 'wx*** 电焊'],
  ])('%s → %s', (text, masked) => {
    expect(maskContacts(text)).toBe(masked);
  });

  it('keeps short numbers (years, pay, certificates) and what has no contact', () => {
    expect(maskContacts('2019年起做电工，月薪 6000 元，持证 3 年')).toBe('2019年起做电工，月薪 6000 元，持证 3 年');
    expect(maskContacts(null)).toBeNull();
    expect(maskContacts('')).toBe('');
  });
});

describe('maskPhone and maskCitizenId', () => {
  it('keep the first three and last four digits of a phone, the division and the last four of an ID number', () => {
    expect(maskPhone('13987654321')).toBe('139****4321');
    expect(maskPhone('123')).toBe('****');
    expect(maskCitizenId('53010219900307123X')).toBe('530102********123X');
    expect(maskCitizenId('5301')).toBe('****');
  });
});
