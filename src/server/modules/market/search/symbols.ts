// Technical tokens as people type them — C++, C#, .NET, ASP.NET, Node.js, 5G, PLC, S7-1200,
// TCP/IP, C/C++, an employer's own job code JX-2024-031 — turned into lexemes that PostgreSQL's
// `to_tsvector('simple', …)` keeps exactly as given (issue 10; case postings-and-search 05). The
// default parser drops '+', '#' and '.', so C++, C# and C all became the word `c`: here every
// lexeme is made only of letters and digits, the symbols spelt out the same way for postings and
// for queries:
//   - '+' after a letter is `plus`, '#' after a letter `sharp`: c++ → cplusplus, c# → csharp,
//     g++ → gplusplus, c++11 → cplusplus11 (and cplusplus); a single '+' before a letter, and a
//     '+' or '#' after a digit, is a separator (java+python, 1+x);
//   - a leading '.' before a letter is `dot`: .net → dotnet; a '.' inside a name joins it:
//     asp.net → aspnet (and asp, net, dotnet: every X.NET is .NET), node.js → nodejs (and node,
//     js), so `nodejs` typed without the dot is the same word; a '.' before a digit separates
//     (8000.00 is 8000 and 00, python3.8 is python3 and 8);
//   - '-' and '_' inside a code join it: S7-1200 → s71200, JX-2024-031 → jx2024031 (and each
//     part: s7, 1200, jx, 2024, 031), so a query for the code finds the posting that wrote it;
//   - '/' lists alternatives: C/C++ is c or cplusplus, WinForm/WPF winform or wpf; a posting
//     gets every alternative, a query asks for any of them (C/C++ finds C++ ads and C ads, never
//     C#). A few slash names are one thing, not a choice (TCP/IP → tcpip, also tcp and ip in a
//     posting; B/S, C/S, I/O, PL/SQL);
//   - a name with a version number also stands for the name: vue3 → vue3 and vue, html5 → html5
//     and html (two letters at least: s7 stays s7);
//   - a lexeme longer than 64 characters (a pasted hash, a URL's tail) is dropped.
// Input is text already through normalizeForSearch (NFKC, lower case), so Ｃ＋＋ and c＃ arrive as
// c++ and c#.

/** A letter that is not a Chinese character (Latin, Greek, Cyrillic, kana …). */
const LETTER = '[^\\P{L}\\p{sc=Han}]';
/** A digit that is not a Chinese numeral. */
const DIGIT = '[^\\P{N}\\p{sc=Han}]';
/** A letter or digit that is not a Chinese character. */
const WORD_CHAR = `(?:${LETTER}|${DIGIT})`;
/**
 * A run of letters and digits with the symbols that belong to it (see the rules above): `c++`,
 * `c#`, `.net`, `asp.net`, `s7-1200/s7-1500`, `c/c++`, `jx-2024-031`, `c++11`. After a letter,
 * '++' or '#' (and any '+' or '#' after them) belong to the name and end it — a letter after them
 * starts a new run (C++C++ is C++ twice); a single '+' belongs only when no letter follows
 * (java+python is two names). Only `g` and `u` flags: the target (ES2023) has no `v` for class
 * subtraction, so "not Han" is a negated class.
 */
export const WORD_RUN = [
  `(?:\\.(?=${LETTER}))?${WORD_CHAR}`,
  '(?:',
  [
    `(?<![+#])${LETTER}`,
    DIGIT,
    `(?<=${LETTER})(?:\\+\\+|#)[+#]*`,
    `(?<=${LETTER})\\+(?![+#]|${LETTER})`,
    `[-_](?=${WORD_CHAR})`,
    `/(?=(?:\\.(?=${LETTER}))?${WORD_CHAR})`,
    `\\.(?=${LETTER})`,
  ].join('|'),
  ')*',
].join('');

/** Slash names that are one thing, not alternatives. */
const SLASH_COMPOUNDS = new Set(['tcp/ip', 'udp/ip', 'b/s', 'c/s', 'i/o', 'pl/sql', 'a/b']);

/** The longest lexeme kept, in characters. */
export const MAX_LEXEME = 64;

const PART_SEPARATOR = /[._-]|(?<=[+#])(?=[^+#])/u;
const WITH_VERSION = /^(\p{L}{2,})\d+$/u;

/** A piece's symbols spelt out: '+' plus, '#' sharp, a leading '.' dot, '.', '-', '_' removed. */
function spell(piece: string): string {
  return piece.replace(/^\./u, 'dot').replace(/\+/gu, 'plus').replace(/#/gu, 'sharp').replace(/[._-]/gu, '');
}

/** A piece's lexeme as a query asks for it, and the lexemes a posting gets for it (the query's first). */
function piece(p: string): { query: string; document: string[] } {
  const whole = spell(p);
  const out = new Set([whole]);
  const parts = p.replace(/^\./u, '').split(PART_SEPARATOR).filter(Boolean);
  if (parts.length > 1) for (const part of parts) out.add(spell(part));
  for (const lexeme of [...out]) {
    const version = WITH_VERSION.exec(lexeme);
    if (version?.[1]) out.add(version[1]);
  }
  // every X.NET (asp.net, vb.net, ado.net) is .NET
  if (/.\.net(?:$|[._-])/u.test(p)) out.add('dotnet');
  return { query: whole, document: [...out].filter((l) => l.length > 0 && l.length <= MAX_LEXEME) };
}

/**
 * The lexemes of one word run (a match of WORD_RUN in normalised text): `query` is what a query
 * asks for, as alternatives (any of them: `c/c++` → ['c', 'cplusplus']); `document` what a
 * posting gets (every alternative and every part). A query's alternatives are always among the
 * document lexemes of the same text. Empty arrays when nothing is left (a run of 65+ characters).
 */
export function wordRunLexemes(run: string): { query: string[]; document: string[] } {
  if (SLASH_COMPOUNDS.has(run)) {
    const whole = spell(run.replace('/', ''));
    return { query: [whole], document: [whole, ...run.split('/').map(spell)] };
  }
  const query = new Set<string>();
  const document = new Set<string>();
  for (const p of run.split('/')) {
    if (!p) continue;
    const lexemes = piece(p);
    if (lexemes.query.length <= MAX_LEXEME) query.add(lexemes.query);
    for (const l of lexemes.document) document.add(l);
  }
  return { query: [...query], document: [...document] };
}
