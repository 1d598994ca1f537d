// The words the matcher compares (its text fit, BM25): what a seeker's profile says about their
// work, segmented by the search analyzer as postings are, without the words that say nothing
// about work — function characters (的, 能, 在: a fixed list; other lone characters stay, since an
// unknown word such as 平缝机 reaches the analyzer as 平 缝 机), place names (云南, 昆明: a place is the place
// fit's business, and an employer's name is full of them) and the major groups' long generic names
// (社会生产服务和生活服务人员 → 生产, 服务, 人员, in every posting).
import type { SearchAnalyzer } from '../market/service.ts';

/** Function characters, pronouns, measure words and time units: a lone one says nothing about work. */
const FUNCTION_CHARACTERS = new Set(Array.from('的了和与及或在是有能会可对为以等并也都就而后从到把被让给向于其之我你他她们这那个上下中年月日人做要不很将由按如且已再还更最每各该此'));

/** Whether a token carries meaning about work (not a function character, not a place name, not a division token). */
export function isWorkWord(analyzer: Pick<SearchAnalyzer, 'places'>, word: string): boolean {
  return !FUNCTION_CHARACTERS.has(word) && !analyzer.places.byName.has(word) && !word.startsWith('dv');
}

/**
 * A seeker's words: the names of their desired occupations finer than a major group (`names`,
 * code → name; a major group's name is left out), skills, skill grade and résumé, as the analyzer
 * segments a posting, work words only (isWorkWord). Order kept, repeats kept.
 */
export function seekerWordsOf(
  analyzer: Pick<SearchAnalyzer, 'documentTokens' | 'places'>,
  p: { desiredOccupations: readonly string[]; occupationNames: ReadonlyMap<string, string>; skills: string | null; skillGrade: string | null; resume: string | null },
): string[] {
  const titles = p.desiredOccupations.filter((o) => o.length > 1).map((o) => p.occupationNames.get(o) ?? '');
  const t = analyzer.documentTokens({ title: titles.join(' '), skills: [p.skills, p.skillGrade].filter(Boolean).join(' '), description: p.resume ?? '' });
  return [...t.A, ...t.B, ...t.C].filter((w) => isWorkWord(analyzer, w));
}
