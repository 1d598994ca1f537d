// A posting's occupation from its title (issue 9: "gets its occupation from its title through a
// committed title → code list of the commonest titles (else none)"). The list is
// title-occupations.json, built by build-title-occupations.ts from the titles of the real ads
// (../shared/data/job-ads-2024/jobs.csv; only the derived title → code pairs are committed, never
// an ad). Codes are 职业分类大典 (2022) codes; the list names each code's group so a reviewer can
// check it. The reference table may hold only the 8 major groups (the full classification is not
// open data and is imported by the deployer): a code is then given at the finest level loaded.
import list from './title-occupations.json' with { type: 'json' };

/** Which occupation codes are loaded (a Set of the occupations table's codes does). */
export type OccupationLookup = { has(code: string): boolean };

type ListFile = { entries: readonly { title: string; code: string }[] };

const BY_TITLE: ReadonlyMap<string, string> = new Map((list as ListFile).entries.map((e) => [e.title, e.code]));

/**
 * A title as the list keys it: NFKC (full-width letters to ASCII), lower case, bracketed asides
 * removed (（周末兼职）, 【急招】, (13薪)), whitespace removed. "Java开发工程师（五险一金）" →
 * "java开发工程师".
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【〔][^)\]】〕]*[)\]】〕]/gu, '')
    .replace(/\s+/gu, '')
    .trim();
}

/** An occupation code and its ancestors, finest first: "2-02-10" → ["2-02-10", "2-02", "2"]. */
function chain(code: string): string[] {
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

/**
 * The occupation code of a posting title: the committed list's code for the title (titleKey),
 * given at the finest level `loaded` holds (the code itself, else its medium group, else its
 * major group); without `loaded`, the list's code as it stands. null for a title not in the list
 * or when no level of its code is loaded. O(1).
 */
export function occupationFromTitle(title: string, loaded?: OccupationLookup): string | null {
  const code = BY_TITLE.get(titleKey(title));
  if (!code) return null;
  if (!loaded) return code;
  return chain(code).find((c) => loaded.has(c)) ?? null;
}
