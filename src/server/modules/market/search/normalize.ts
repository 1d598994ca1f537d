// Text as search compares it (issue 10): a posting's words and a query's words meet only after
// the same folding. Pure.
import { stripInvisible } from '../../../../shared/text.ts';

/**
 * Text folded for search: Unicode NFKC (full-width letters, digits and symbols to their ASCII
 * forms — Ｃ＋＋ → C++, ｃ＃ → c#, （） → (), the ideographic space → a space; compatibility
 * ideographs to the unified ones), lower case (C++ → c++; Chinese has no case), invisible,
 * direction and control characters removed (the shared list, src/shared/text.ts), every run of
 * whitespace one space, trimmed. Punctuation is kept: the tokenizer decides what it means.
 * '' for null or blank input. Never throws.
 */
export function normalizeForSearch(text: string | null | undefined): string {
  if (!text) return '';
  return stripInvisible(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim();
}
