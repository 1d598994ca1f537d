// The rules of P2 (decision 0027), pure: how a typed division code is read, and how a declared stay
// is matched against the risk areas in force on its dates. No name is ever compared: divisions are
// matched by code through the tree each division row carries (its prefecture and province codes).
import { normaliseCode } from '../../../shared/text.ts';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

/** A division as the reference table describes it: six-digit code, level, and the codes above it. */
export type TreeDivision = { code: string; level: DivisionLevel; prefecture: string | null; province: string };

/** What a typed code names: a six-digit division, and a street (9 digits) or community (12) inside it. */
export type ReadCode = { division: string; sub: { kind: 'street' | 'community'; code: string } | null };

/**
 * Reads a division code as people type it (NFKC, separators removed): `53` / `530000` a province,
 * `5329` / `532900` a prefecture (the same division), `532901` a county, 9 digits a street and 12 a
 * community (their first six digits the county). Returns null when the digits fit none of these.
 * Whether the division exists is the reference table's question.
 */
export function readDivisionCode(raw: string): ReadCode | null {
  const c = normaliseCode(raw);
  if (!/^\d+$/.test(c)) return null;
  if (c.length === 2) return { division: `${c}0000`, sub: null };
  if (c.length === 4) return { division: `${c}00`, sub: null };
  if (c.length === 6) return { division: c, sub: null };
  if (c.length === 9) return { division: c.slice(0, 6), sub: { kind: 'street', code: c } };
  if (c.length === 12) return { division: c.slice(0, 6), sub: { kind: 'community', code: c } };
  return null;
}

/** Whether division `outer` contains `inner` (itself included), walking the tree by code. */
export function contains(outer: TreeDivision, inner: TreeDivision): boolean {
  if (outer.code === inner.code) return true;
  if (outer.level === 'province') return inner.province === outer.code;
  if (outer.level === 'prefecture') return inner.prefecture === outer.code && inner.code !== outer.code;
  return false;
}

/** A day 'YYYY-MM-DD' compares as text. */
const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

export type AreaForMatch = {
  owner: string;
  id: number;
  division: TreeDivision;
  /** A street or community inside `division` (by code or by name); null: the whole division. */
  sub: { kind: 'street' | 'community'; code: string | null; name: string | null } | null;
  riskLevel: 'high' | 'medium' | 'low';
  from: string;
  /** Inclusive; null: still in force. */
  to: string | null;
};

export type StayForMatch = { division: TreeDivision; from: string; to: string };

/**
 * What one area says about one stay:
 *   risk_area  the stay lies inside a whole-division area (the county itself, a county of a listed
 *              prefecture or province, or a prefecture declared inside a listed prefecture or
 *              province) on at least one shared day: an incident (trigger risk_area);
 *   follow_up  the area is a street or community inside (or around) the declared division, or the
 *              stay was declared above the area's level (a prefecture, when one of its counties was
 *              listed): the agency follows up — never a silent "no match";
 * with the days the stay and the area share (both ends inclusive). null: the area says nothing
 * (another place, or no shared day).
 */
export type Match = { kind: 'risk_area' | 'follow_up'; reason: 'inside_area' | 'stay_above_area' | 'street_or_community'; overlapFrom: string; overlapTo: string };

export function matchStay(stay: StayForMatch, area: AreaForMatch): Match | null {
  const overlapFrom = maxDay(stay.from, area.from);
  const overlapTo = area.to === null ? stay.to : minDay(stay.to, area.to);
  if (overlapFrom > overlapTo) return null;
  const inside = contains(area.division, stay.division);
  const around = !inside && contains(stay.division, area.division);
  if (!inside && !around) return null;
  if (area.sub) return { kind: 'follow_up', reason: 'street_or_community', overlapFrom, overlapTo };
  if (inside) return { kind: 'risk_area', reason: 'inside_area', overlapFrom, overlapTo };
  return { kind: 'follow_up', reason: 'stay_above_area', overlapFrom, overlapTo };
}

export type CaseStatus = 'none' | 'suspected' | 'confirmed';

/** A declared close contact, or the person or a close relative confirmed or suspected: an exposure (trigger exposure). */
export function isExposure(d: { closeContact: boolean; selfCase: CaseStatus; relativeCase: CaseStatus }): boolean {
  return d.closeContact || d.selfCase !== 'none' || d.relativeCase !== 'none';
}

/**
 * Whether a declaration made on Beijing day `lastDay` is stale on `today`: older than `staleDays`
 * days (made on today − staleDays it is still current; a day earlier it is stale). Never declared: stale.
 */
export function isStale(lastDay: string | null, today: string, staleDays: number): boolean {
  if (!lastDay) return true;
  return lastDay < freshFrom(today, staleDays);
}

/** The first Beijing day whose declarations are still current on `today`. */
export function freshFrom(today: string, staleDays: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - staleDays);
  return d.toISOString().slice(0, 10);
}

const LEVEL_WORDS: Record<string, 'high' | 'medium' | 'low'> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
  高: 'high',
  中: 'medium',
  低: 'low',
  高风险: 'high',
  中风险: 'medium',
  低风险: 'low',
};

/** Reads a risk level as typed in a sheet or a form: 高 / 中 / 低, 高风险 …, high / medium / low. */
export function readRiskLevel(raw: string): 'high' | 'medium' | 'low' | null {
  const v = raw.normalize('NFKC').replace(/\s+/g, '').replace(/地区$/, '').toLowerCase();
  // own keys only: typed text such as __proto__ or constructor must not reach Object.prototype
  return Object.hasOwn(LEVEL_WORDS, v) ? (LEVEL_WORDS[v] as 'high' | 'medium' | 'low') : null;
}

/**
 * Reads a day as typed or as the sheet reader gives a date cell: 2020-02-05, 2020/2/5, 2020.2.5,
 * 2020年2月5日; in 2000–2099 and a real calendar day. Returns 'YYYY-MM-DD' or null.
 */
export function readDay(raw: string): string | null {
  const v = raw.normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v);
  if (!m) return null;
  const day = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
  const y = Number(m[1]);
  const d = new Date(`${day}T00:00:00Z`);
  if (y < 2000 || y > 2099 || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) return null;
  return day;
}
