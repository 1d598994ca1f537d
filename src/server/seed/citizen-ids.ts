// Invented citizen ID numbers for the demo seeds (GB 11643): a county code, a birth date YYYYMMDD,
// a 3-digit serial (its last digit odd: male, even: female) and the check character — one maker
// for demo.ts and the seeds it runs, which cannot import demo.ts back (no import cycles).
import { citizenIdCheckChar } from '../../shared/checksums.ts';

/** An invented 18-character citizen ID of `division` (6 digits), born `birth` (YYYYMMDD), serial 0–999. */
export function demoCitizenId(division: string, birth: string, serial: number): string {
  const first17 = `${division}${birth}${String(serial).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}
