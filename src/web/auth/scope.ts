// An official's jurisdiction as a division code ('53' scope → '530000').
import { isDivisionCode, toFullCode } from '../../shared/division.ts';
import type { Me } from '../api/types.ts';

export function scopeRootCode(me: Me): string | undefined {
  if (me.divisionCode && isDivisionCode(me.divisionCode)) return me.divisionCode;
  try {
    return toFullCode(me.scope);
  } catch {
    return undefined;
  }
}
