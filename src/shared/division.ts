// Administrative divisions (GB/T 2260): province 530000, prefecture 530100, county 530102.
// An actor's scope is a code prefix: '53' (province), '5301' (prefecture), '530102' (county).

export type DivisionLevel = 'province' | 'prefecture' | 'county';

const SIX_DIGITS = /^\d{6}$/;

export function isDivisionCode(code: string): boolean {
  return SIX_DIGITS.test(code);
}

/** Expands a prefix ('53', '5301') or a full code to the six-digit code. */
export function toFullCode(codeOrPrefix: string): string {
  if (!/^\d{2}(\d{2}){0,2}$/.test(codeOrPrefix)) throw new Error(`not a division code: ${codeOrPrefix}`);
  return codeOrPrefix.padEnd(6, '0');
}

export function levelOf(code: string): DivisionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/** The scope prefix of a six-digit code: '530000' → '53', '530100' → '5301', '530102' → '530102'. */
export function prefixOf(code: string): string {
  const level = levelOf(code);
  return level === 'province' ? code.slice(0, 2) : level === 'prefecture' ? code.slice(0, 4) : code;
}

/** Whether `code` lies inside the subtree named by `prefix`. */
export function withinScope(prefix: string, code: string): boolean {
  return code.startsWith(prefix);
}
