// The one normaliser (text.ts): codes compare equal to what they mean, free text keeps what a
// reader sees and loses what they cannot, headers match however they were spaced or marked.
import { describe, expect, it } from 'vitest';
import { normaliseCode, normaliseHeader, normaliseNumber, normaliseText, stripInvisible } from './text.ts';

const ZWSP = '\u200B';
const ZWJ = '\u200D';
const LRO = '\u202D';
const PDF = '\u202C';
const RLM = '\u200F';
const BOM = '\uFEFF';
const SHY = '\u00AD';
const TAG_A = '\u{E0041}'; // Unicode tag character: invisible, used to smuggle text
const IDSP = '\u3000'; // ideographic (full-width) space

describe('stripInvisible', () => {
  it('removes zero-width, direction, BOM, soft-hyphen, tag and control characters', () => {
    expect(stripInvisible(`a${ZWSP}b${ZWJ}c${LRO}d${PDF}e${RLM}f${BOM}g${SHY}h${TAG_A}i\u0007j\u009Bk`)).toBe('abcdefghijk');
  });
  it('keeps tabs and line breaks (the callers decide), and visible text untouched', () => {
    expect(stripInvisible('第一行\n\t第二行\r\n')).toBe('第一行\n\t第二行\r\n');
    expect(stripInvisible('昆明"云桥"（五华）')).toBe('昆明"云桥"（五华）');
  });
  it('drops a lone surrogate half (PostgreSQL cannot store it) but keeps paired ones', () => {
    expect(stripInvisible('a\uD800b')).toBe('ab');
    expect(stripInvisible('a\uDC00b')).toBe('ab');
    expect(stripInvisible('𠀀名')).toBe('𠀀名'); // U+20000, a CJK Extension B character in names
  });
});

describe('normaliseCode', () => {
  it('folds full-width digits and letters to ASCII (NFKC)', () => {
    expect(normaliseCode('１３９１２３４０００４')).toBe('13912340004');
    expect(normaliseCode('９１５３０１０２ＭＡ６Ｋ')).toBe('91530102MA6K');
  });
  it('strips every separator people put inside numbers: spaces of any width, hyphens, dashes, dots, slashes, brackets', () => {
    expect(normaliseCode(`139 1234${IDSP}0005`)).toBe('13912340005');
    expect(normaliseCode('139-1234–0006—7')).toBe('13912340006' + '7');
    expect(normaliseCode('(+86)139.1234/0007')).toBe('+8613912340007');
    expect(normaliseCode('【530102】（1990）_01\u00A001')).toBe('5301021990' + '0101');
    expect(normaliseCode('５３０１０２－１９９０－０１')).toBe('53010219900' + '1');
  });
  it('removes zero-width and direction marks pasted from web pages', () => {
    expect(normaliseCode(`${LRO}13912340014${PDF}`)).toBe('13912340014');
    expect(normaliseCode(`530102199503030213${ZWSP}`)).toBe('530102199503030213');
  });
  it('keeps case (callers upper-case what is case-insensitive)', () => {
    expect(normaliseCode('53010219910510108x')).toBe('53010219910510108x');
  });
  it('with keepDashes, keeps hyphens as one ASCII hyphen (occupation codes 2-02-01)', () => {
    expect(normaliseCode('２－０２—０１', { keepDashes: true })).toBe('2-02-01');
    expect(normaliseCode(' 2 - 02 ', { keepDashes: true })).toBe('2-02');
  });
  it('is idempotent', () => {
    for (const s of ['１３９ 1234', '(+86)139', `a${ZWSP}b`, '2-02']) expect(normaliseCode(normaliseCode(s))).toBe(normaliseCode(s));
  });
});

describe('normaliseText', () => {
  it('trims, removes invisible characters, keeps punctuation as typed', () => {
    expect(normaliseText(` ${ZWSP}测试庚${ZWSP} `)).toBe('测试庚');
    expect(normaliseText('昆明市五华区测试路１号，“云桥”。')).toBe('昆明市五华区测试路１号，“云桥”。');
  });
  it('composes to NFC (a decomposed é becomes one code point) but does not fold width', () => {
    expect(normaliseText('Jose\u0301')).toBe('José');
    expect(normaliseText('ＡＢＣ')).toBe('ＡＢＣ');
  });
  it('single-line: line breaks and tabs fold to one space, runs of spaces collapse', () => {
    expect(normaliseText('五华区\r\n测试路\t1 号')).toBe('五华区 测试路 1 号');
    expect(normaliseText('五华区   测试路')).toBe('五华区 测试路');
    expect(normaliseText(`五华区${IDSP}${IDSP}测试路`)).toBe('五华区 测试路');
    expect(normaliseText('第一段\u2028第二段')).toBe('第一段 第二段');
  });
  it('a value of nothing but invisible characters and spaces is empty', () => {
    expect(normaliseText(` ${ZWSP}${IDSP}${BOM}\t`)).toBe('');
  });
  it('multiline: keeps line breaks (CR LF and U+2028 as LF), trims line ends and the whole', () => {
    expect(normaliseText('  岗位职责：\r\n1. 招聘  \r\n2. 测评\u2028\n', { multiline: true })).toBe('岗位职责：\n1. 招聘\n2. 测评');
  });
  it('removes control characters other than tab and line breaks', () => {
    expect(normaliseText('a\u0000b\u0008c\u001Bd')).toBe('abcd');
  });
  it('leaves a formula-looking value as text (exports neutralise it)', () => {
    expect(normaliseText('\t=1+1')).toBe('=1+1');
  });
});

describe('normaliseHeader', () => {
  it('matches headers however they were spaced or marked as required', () => {
    expect(normaliseHeader(`姓${IDSP}名`)).toBe('姓名');
    expect(normaliseHeader('手机号*')).toBe('手机号');
    expect(normaliseHeader('手机号＊')).toBe('手机号');
    expect(normaliseHeader('身份证号（必填）')).toBe('身份证号');
    expect(normaliseHeader(`${ZWSP} 岗 位 `)).toBe('岗位');
  });
});

describe('normaliseNumber: a number keeps its sign and its decimal point', () => {
  it.each([
    ['-1', '-1'],
    [' －１ ', '-1'],
    ['−5', '-5'],
    ['１．５', '1.5'],
    ['1.5', '1.5'],
    ['2\u200b0', '20'],
    ['5 0', '50'],
  ])('%j → %j', (raw, want) => expect(normaliseNumber(raw)).toBe(want));
});
