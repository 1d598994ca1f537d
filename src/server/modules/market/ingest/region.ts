// 地区 text as job platforms write it → a division code (issue 9; case postings-and-search 02).
// "昆明·五华区", "昆明-盘龙区", "昆明··", "云南省昆明市呈贡区吴家营街道", "红河州", "德宏", "景洪",
// "吉林·丰满区", "海南", "全国". Pure: the division rows come in once (buildRegionIndex, from the
// same rows the reference module holds: code, name, level, parent_code, active) and every record
// is then resolved with a handful of map look-ups (no regular expression per division per row),
// memoised per distinct text, for a 30k-row import.
//
// Rules:
//   - names are compared as written and by their short forms: 昆明市 → 昆明, 红河哈尼族彝族自治州 →
//     红河 and 红河州, 石林彝族自治县 → 石林, 景洪市 → 景洪, 广西壮族自治区 → 广西 (a short form of
//     fewer than two characters is not made);
//   - each part narrows the place: a part resolves among the divisions below what the parts
//     before it resolved to; the first part that does not resolve ends the walk and the rest is
//     kept as text (a business district, a street, a development zone);
//   - a name that fits several divisions resolves to their nearest common ancestor when there is
//     one below what is already known (红河 = the prefecture 532500 and 红河县 532529 inside it →
//     the prefecture; 吉林 = 吉林省 and 吉林市 inside it → the province), and to nothing when there
//     is none (海南 = 海南省 or 青海's 海南藏族自治州): a wrong county is worse than none; a later
//     part may still settle it (吉林·丰满区 → 220211);
//   - a part written without separators is read name by name from its start (云南省昆明市呈贡区…);
//     a short form is taken as the start of a longer part only when the next name resolves inside
//     it (昆明五华区), so 东方明珠 is not 东方市;
//   - inactive divisions are not names (澄江县 530422 became 澄江市 530481; "澄江县" as written
//     still resolves by its short form 澄江).
import { normaliseText } from '../../../../shared/text.ts';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

/** A divisions row as the reference module holds it (extra columns are ignored). */
export type DivisionInput = { code: string; name: string; level: string; parent_code: string | null; active?: boolean };

/** A resolved 地区: the division and its level, with the text as cleaned and what was left unresolved (a district, a street). */
export type RegionFound = { code: string; level: DivisionLevel; text: string; rest: string };
/** Not resolved (not a place, ambiguous, empty): no code, the text kept as cleaned. */
export type RegionNotFound = { code: null; level: null; text: string };
export type RegionResult = RegionFound | RegionNotFound;

type Node = { code: string; level: DivisionLevel; depth: number; ancestors: readonly string[] };
/**
 * A name of a node with how strongly it names it: 2 for a full name and the short forms people
 * use alone (昆明, 红河州, 景洪, 石林); 1 for a district's name without 区 (西安区 of 辽源 → 西安,
 * 中山区 of 大连 → 中山), which yields to any stronger reading of the same name (西安 is 西安市).
 */
type Entry = { node: Node; weight: 1 | 2 };

/** An index of division names, built once per import from the divisions rows. */
export type RegionIndex = {
  readonly names: ReadonlyMap<string, readonly Entry[]>;
  readonly nodes: ReadonlyMap<string, Node>;
  readonly longest: number;
  readonly memo: Map<string, RegionResult>;
};

/** Ethnic group names that autonomous divisions carry before 族 (GB/T 3304), longest first. */
export const ETHNIC = [
  '维吾尔', '柯尔克孜', '乌孜别克', '哈萨克', '塔吉克', '塔塔尔', '俄罗斯', '鄂温克', '鄂伦春', '达斡尔', '土家', '哈尼', '傈僳',
  '拉祜', '东乡', '纳西', '景颇', '仫佬', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '德昂', '保安', '裕固', '独龙',
  '赫哲', '门巴', '珞巴', '基诺', '蒙古', '朝鲜', '布依', '高山', '汉', '回', '藏', '苗', '彝', '壮', '满', '侗', '瑶', '白', '傣',
  '黎', '佤', '畲', '水', '土', '羌', '怒', '京',
];
/** An ethnic group at the end of a name; 蒙古, 柯尔克孜 and 哈萨克 also stand without 族 (巴音郭楞蒙古自治州). */
const ETHNIC_SUFFIX = new RegExp(`(?:(?:${ETHNIC.join('|')})族|蒙古|柯尔克孜|哈萨克)$`, 'u');
/** Placeholder rows of the national table that are no place names (市辖区, 省直辖县级行政区划). */
export const NOT_A_NAME = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u;

/** "红河哈尼族彝族" → "红河": every trailing ethnic group removed. */
function withoutEthnic(s: string): string {
  let out = s;
  for (let t = out.replace(ETHNIC_SUFFIX, ''); t !== out; t = out.replace(ETHNIC_SUFFIX, '')) out = t;
  return out;
}

/** The names a division is written by, each with its weight (see Entry): its name and short forms (rules above). */
export function divisionNames(name: string, level: DivisionLevel): [string, 1 | 2][] {
  const out = new Map<string, 1 | 2>([[name, 2]]);
  const add = (s: string, weight: 1 | 2 = 2) => {
    if ([...s].length >= 2 && !out.has(s)) out.set(s, weight);
  };
  if (level === 'province') {
    add(name.replace(/(省|市|特别行政区|自治区)$/u, '').replace(/(壮族|回族|维吾尔)$/u, ''));
  } else if (level === 'prefecture') {
    if (name.endsWith('自治州')) {
      const base = withoutEthnic(name.slice(0, -3));
      add(base);
      add(`${base}州`);
    } else add(name.replace(/(市|地区|盟)$/u, ''));
  } else if (/(自治县|自治旗)$/u.test(name)) {
    add(withoutEthnic(name.slice(0, -3)));
  } else if (name.endsWith('区')) {
    if (!/(新区|矿区|林区|特区)$/u.test(name)) add(name.slice(0, -1), 1);
  } else {
    add(name.replace(/(县|市|旗)$/u, ''));
  }
  return [...out];
}

/**
 * Builds the name index from divisions rows (the reference module's `divisions` table, or
 * reference/*.csv read by its loader): every active row with a six-digit code and a level;
 * placeholder rows (市辖区, 省直辖县级行政区划) are ancestors but no names. O(rows); build it once
 * per import or process and pass it to resolveRegion.
 */
export function buildRegionIndex(rows: readonly DivisionInput[]): RegionIndex {
  const parent = new Map<string, string | null>();
  const level = new Map<string, DivisionLevel>();
  for (const r of rows) {
    if (!/^\d{6}$/u.test(r.code) || !['province', 'prefecture', 'county'].includes(r.level)) continue;
    parent.set(r.code, r.parent_code);
    level.set(r.code, r.level as DivisionLevel);
  }
  const nodes = new Map<string, Node>();
  for (const [code, lv] of level) {
    const ancestors: string[] = [];
    // a row that is its own parent (东莞市 441900 is both the prefecture and its only county-level row) ends the chain
    for (let p = parent.get(code) ?? null; p && p !== code && !ancestors.includes(p) && ancestors.length < 4; p = parent.get(p) ?? null) ancestors.push(p);
    nodes.set(code, { code, level: lv, depth: ancestors.length, ancestors });
  }
  const names = new Map<string, Entry[]>();
  let longest = 0;
  for (const r of rows) {
    const node = nodes.get(r.code);
    if (!node || r.active === false || NOT_A_NAME.test(r.name)) continue;
    for (const [n, weight] of divisionNames(normaliseText(r.name), node.level)) {
      const list = names.get(n) ?? [];
      if (!list.some((e) => e.node === node)) list.push({ node, weight });
      names.set(n, list);
      longest = Math.max(longest, n.length);
    }
  }
  return { names, nodes, longest, memo: new Map() };
}

/** Separators between the parts of a 地区: the middle dots, hyphens and dashes, slashes, commas, spaces. */
const SEPARATORS = /[·•・‧∙.\-－‐‑‒–—―/／|｜,，、\s]+/u;

/**
 * The divisions a name can be below `scope` (any of them; the whole country when empty); a weak
 * reading (a district without 区) only when there is no strong one.
 */
function within(index: RegionIndex, name: string, scope: readonly Node[]): Node[] {
  const all = index.names.get(name);
  if (!all) return [];
  const inside = scope.length ? all.filter((e) => scope.some((s) => e.node.ancestors.includes(s.code))) : all;
  const strong = inside.filter((e) => e.weight === 2);
  return (strong.length ? strong : inside).map((e) => e.node);
}

/** The nearest common ancestor of `nodes` that is one of them or above them all; null when none. */
function commonAncestor(index: RegionIndex, nodes: readonly Node[]): Node | null {
  if (nodes.length === 1) return nodes[0] as Node;
  const chains = nodes.map((n) => [n.code, ...n.ancestors]);
  const first = chains[0] as string[];
  for (const code of first) if (chains.every((c) => c.includes(code))) return index.nodes.get(code) ?? null;
  return null;
}

/** A part's names from its start: the longest name at each position that resolves below `scope`. */
function readRunTogether(index: RegionIndex, part: string, scope: readonly Node[]): { found: Node[][]; used: number } {
  const found: Node[][] = [];
  let at = 0;
  let current = scope;
  while (at < part.length) {
    let step: { nodes: Node[]; len: number } | null = null;
    for (let len = Math.min(index.longest, part.length - at); len >= 2; len--) {
      const nodes = within(index, part.slice(at, at + len), current);
      if (nodes.length) {
        step = { nodes, len };
        break;
      }
    }
    if (!step) break;
    found.push(step.nodes);
    at += step.len;
    current = step.nodes;
  }
  return { found, used: at };
}

/**
 * Resolves a 地区 text to a division (rules above): `{ code, level, text, rest }` with the finest
 * division the text names without doubt, or `{ code: null, level: null, text }` when it names none
 * (empty, 全国, 在家办公, an ambiguous 海南). `text` is the input as cleaned (NFC, invisible characters
 * removed, whitespace folded), to be stored beside the code; `rest` the part after the resolved
 * names. Never throws.
 */
export function resolveRegion(index: RegionIndex, raw: string): RegionResult {
  const text = normaliseText(raw ?? '');
  const hit = index.memo.get(text);
  if (hit) return hit;
  const result = resolve(index, text);
  if (index.memo.size < 100_000) index.memo.set(text, result);
  return result;
}

function resolve(index: RegionIndex, text: string): RegionResult {
  const parts = text.split(SEPARATORS).filter(Boolean);
  let scope: Node[] = [];
  let resolved: Node | null = null;
  const narrow = (candidates: Node[]) => {
    scope = candidates;
    const picked = commonAncestor(index, candidates);
    if (picked && (!resolved || picked.ancestors.includes(resolved.code))) resolved = picked;
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const candidates = within(index, part, scope);
    if (candidates.length) {
      narrow(candidates);
      continue;
    }
    // written without separators (云南省昆明市呈贡区…, 昆明五华区): names read from the start; one
    // short form alone is not enough (东方明珠 is no 东方市)
    const run = readRunTogether(index, part, scope);
    if (run.found.length >= 2 || (run.found.length === 1 && FULL_NAME.test(part.slice(0, run.used)))) {
      for (const step of run.found) narrow(step);
      return finish(resolved, text, [part.slice(run.used), ...parts.slice(i + 1)]);
    }
    // a suffix the table does not use for it (澄江县, now 澄江市)
    const bare = part.replace(FULL_NAME, '');
    const byShort = bare !== part && [...bare].length >= 2 ? within(index, bare, scope) : [];
    if (byShort.length) {
      narrow(byShort);
      continue;
    }
    // nothing known yet: a leading word that is no place (中国, 工作地点) is passed over
    if (resolved || scope.length) return finish(resolved, text, parts.slice(i));
  }
  return finish(resolved, text, []);
}

/** The suffixes of full division names. */
const FULL_NAME = /(省|市|州|地区|盟|区|县|旗)$/u;

function finish(resolved: Node | null, text: string, rest: readonly string[]): RegionResult {
  if (!resolved) return { code: null, level: null, text };
  return { code: resolved.code, level: resolved.level, text, rest: rest.filter(Boolean).join('·') };
}
