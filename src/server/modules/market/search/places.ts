// Place names as people type them in a search box or a posting (issue 10): 昆明市 or 昆明, 红河哈尼族彝族
//自治州 or 红河州 or 红河, 五华区 or 五华, 宣威市 or 宣威. Built from the divisions rows the reference
// module loads (the national table with the province's extract over it, decision 0022), with the
// same short forms the posting reader resolves 地区 by (divisionNames, ingest/region.ts), for the
// divisions of the province the platform serves: elsewhere short forms collide (五华 is also a
// county of Guangdong, 西山 a word) and the postings are the province's.
//
// Rules:
//   - every name of a division (full, short) names it; a name several divisions of the province
//     share names the nearest one that contains the others (红河 = the prefecture 532500 and its
//     county 红河县 → the prefecture, as the posting reader does), else nothing (it stays a word);
//     a district's name without 区 (五华, 盘龙) yields to any other reading of the same name;
//   - inactive divisions are no names (澄江县 → 澄江市 since 2019: 澄江 still names the new one);
//   - a place's division token is `dv` + its six-digit code (dv532500): letters and digits only,
//     so `to_tsvector('simple', …)` keeps it; a posting carries the token of its county and of
//     every division above it.
import { divisionNames, type DivisionInput, type DivisionLevel, NOT_A_NAME } from '../ingest/region.ts';
import { normalizeForSearch } from './normalize.ts';

/** A division a name resolved to: its code and every name it is written by (full name first). */
export type Place = { readonly code: string; readonly names: readonly string[] };

/** The province's place names and the division tree, built once from the divisions rows. */
export type PlaceIndex = {
  /** A name (as normalizeForSearch gives it) → the division it names without doubt. */
  readonly byName: ReadonlyMap<string, Place>;
  /** The longest name, in characters (bounds the token merge). */
  readonly longest: number;
  /** Code → parent code, for every row (all provinces), to give a posting its divisions above. */
  readonly parents: ReadonlyMap<string, string | null>;
};

const LEVELS = new Set<string>(['province', 'prefecture', 'county']);

/** The division token of a code: `dv530102`. */
export const divisionToken = (code: string): string => `dv${code}`;

/**
 * Builds the place index of `province` (six digits, 530000) from divisions rows (the reference
 * module's `divisions` table: code, name, level, parent_code, active). O(rows); build it once
 * per process (the table changes only with a reference edition) and hand it to the analyzer.
 */
export function buildPlaceIndex(rows: readonly DivisionInput[], province: string): PlaceIndex {
  const parents = new Map<string, string | null>();
  for (const r of rows) parents.set(r.code, r.parent_code);
  const prefix = province.slice(0, 2);
  const candidates = new Map<string, { code: string; weight: 1 | 2 }[]>();
  const namesOf = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.code.startsWith(prefix) || !LEVELS.has(r.level) || r.active === false || NOT_A_NAME.test(r.name)) continue;
    const names = divisionNames(normalizeForSearch(r.name), r.level as DivisionLevel);
    namesOf.set(r.code, names.map(([n]) => n));
    for (const [name, weight] of names) {
      const list = candidates.get(name) ?? [];
      list.push({ code: r.code, weight });
      candidates.set(name, list);
    }
  }
  const ancestors = (code: string): string[] => {
    const out = [code];
    for (let p = parents.get(code) ?? null; p && !out.includes(p) && out.length < 5; p = parents.get(p) ?? null) out.push(p);
    return out;
  };
  const byName = new Map<string, Place>();
  let longest = 0;
  for (const [name, list] of candidates) {
    const strong = list.filter((c) => c.weight === 2);
    const codes = (strong.length ? strong : list).map((c) => c.code);
    // the one among them that contains all the others, if any (红河 → 532500, not its 红河县)
    const code = codes.find((c) => codes.every((o) => ancestors(o).includes(c)));
    if (!code) continue;
    byName.set(name, { code, names: namesOf.get(code) ?? [name] });
    longest = Math.max(longest, name.length);
  }
  return { byName, longest, parents };
}

/**
 * The division tokens of a posting's division: its own and every one above it
 * (530102 → dv530102, dv530100, dv530000). A code the rows lack still gives its prefecture and
 * province by the GB/T 2260 digits. [] for anything but six digits.
 */
export function divisionTokens(index: PlaceIndex, code: string | null | undefined): string[] {
  if (!code || !/^\d{6}$/u.test(code)) return [];
  const chain = [code];
  if (index.parents.has(code)) {
    for (let p = index.parents.get(code) ?? null; p && !chain.includes(p) && chain.length < 5; p = index.parents.get(p) ?? null) chain.push(p);
  } else {
    for (const up of [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]) if (!chain.includes(up)) chain.push(up);
  }
  return chain.map(divisionToken);
}

/**
 * Jieba's words of one run of Chinese with place names made whole again: the longest run of
 * adjacent words (up to the longest name) that spells a place name becomes one word (红河|州 →
 * 红河州, 香格里拉|市 → 香格里拉市). Returns each word with the place it names, if any.
 */
export function mergePlaces(index: PlaceIndex, words: readonly string[]): { word: string; place: Place | null }[] {
  const out: { word: string; place: Place | null }[] = [];
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    let spelt = '';
    let place: Place | null = null;
    for (let j = i, s = ''; j < words.length; j++) {
      s += words[j];
      if (s.length > index.longest) break;
      const hit = index.byName.get(s);
      if (hit) {
        taken = j - i + 1;
        spelt = s;
        place = hit;
      }
    }
    if (place) {
      out.push({ word: spelt, place });
      i += taken;
    } else {
      out.push({ word: words[i] as string, place: null });
      i++;
    }
  }
  return out;
}
