// National check digits: GB 11643-1999 (citizen ID, 身份证号) and GB 32100-2015
// (unified social credit code, 统一社会信用代码); the checks built on them are in identifiers.ts.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Completes the 18th character for 17 leading digits (used by factories and the demo seed). */
export function citizenIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

// GB 32100: 18 characters from this alphabet (no I, O, S, V, Z); the last is a check character.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(first17[i] as string);
    if (v < 0) throw new Error('invalid character');
    sum += v * (CREDIT_WEIGHTS[i] as number);
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] as string;
}

export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/**
 * Free text (skills, résumé) shown to an employer about a person whose phone it may not see yet,
 * with what would identify or reach them masked (PIPL art. 6, data minimisation; the sign-up notice
 * shows employers no phone or ID number before the person lets them): runs of 7 or more digits
 * (phones, ID numbers, QQ), an ID number's final X, and what follows 微信 / QQ / 电话 / 手机 / 身份证
 * up to the next space or mark, each as ***. null stays null.
 */
export function maskContacts(text: string | null): string | null {
  if (text === null) return null;
  return text
    .replace(/(微信号|微信|wx|WX|QQ|qq|电话|手机号|手机|身份证号|身份证)\s*[:：]?\s*[^\s，。；,;、]+/gu, '$1***')
    .replace(/\d(?:[\s-]?\d){6,}[Xx]?/gu, '***');
}
/** 530102********123X */
export function maskCitizenId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '****';
}
