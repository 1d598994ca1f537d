// What a posting asks for, read from the free text an employer or an imported ad wrote (学历, 经验,
// 技能等级), and a salary on one scale. Pure: the scorer (score.ts) and the evaluation use them alike.

/**
 * The education rank a posting's 学历 text asks for, on the rank scale of the education_levels
 * table (reference/loader.ts EDUCATION_LEVELS: 8 博士 … 1 小学及以下); null when it asks for none
 * (不限, 学历不限, empty) or says nothing recognisable. The lowest level named wins ("大专及以上" →
 * 5; "本科/硕士" → 6). 中专, 中技, 技校, 职高 and 中职 are 4 (中等职业教育).
 */
export function educationRankOf(text: string | null | undefined): number | null {
  const s = (text ?? '').replace(/\s+/g, '');
  if (!s || /不限|无要求|无学历/.test(s)) return null;
  const found: number[] = [];
  const table: Array<[RegExp, number]> = [
    [/博士/, 8],
    [/硕士|研究生/, 7],
    [/本科|学士/, 6],
    [/大专|专科|高职/, 5],
    [/中专|中技|技校|职高|中职|中等职业/, 4],
    [/高中/, 3],
    [/初中/, 2],
    [/小学/, 1],
  ];
  for (const [re, rank] of table) if (re.test(s)) found.push(rank);
  return found.length ? Math.min(...found) : null;
}

/**
 * The years of experience a posting's 经验 text asks for: "1-3年" → 1, "3年以上" → 3, "5年" → 5,
 * "一年以上" → 1; 0 for 无经验, 经验不限, 应届, 在校 and empty; null when no number is recognisable.
 */
export function experienceYearsOf(text: string | null | undefined): number | null {
  const s = (text ?? '').replace(/\s+/g, '');
  if (!s || /不限|无经验|无需经验|应届|在校|无要求/.test(s)) return 0;
  const digits = /(\d+(?:\.\d+)?)/.exec(s);
  if (digits) return Number(digits[1]);
  const zh: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 半: 0.5 };
  const word = /([一两二三四五六七八九十半])年/.exec(s);
  return word ? (zh[word[1] as string] ?? null) : null;
}

/**
 * A vocational skill grade (国家职业资格 / 职业技能等级, 人社部 2019 five levels) from text:
 * 五级/初级工 1, 四级/中级工 2, 三级/高级工 3, 二级/技师 4, 一级/高级技师 5; null when none is named.
 * 高级技师 is read before 技师 and 高级.
 */
export function skillGradeOf(text: string | null | undefined): number | null {
  const s = (text ?? '').replace(/\s+/g, '');
  if (!s) return null;
  if (/高级技师|一级/.test(s)) return 5;
  if (/技师|二级/.test(s)) return 4;
  if (/高级|三级/.test(s)) return 3;
  if (/中级|四级/.test(s)) return 2;
  if (/初级|五级/.test(s)) return 1;
  return null;
}

/**
 * Monthly equivalents (yuan a month) of a salary, for comparing a seeker's expectation with a
 * posting's range whatever units each uses: a month as is, a year ÷ 12, a day × 21.75 and an hour
 * × 174 (the statutory monthly working days and hours, 人社部发〔2008〕3号 关于职工全年月平均工作时间和工资折算问题的通知).
 * Units in either case (the seeker's profile writes `month`, a posting `MONTH`). A piece rate or
 * an unknown unit has no equivalent (null).
 */
export function monthlyOf(amount: number | null | undefined, unit: string | null | undefined): number | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount) || amount <= 0 || !unit) return null;
  switch (unit.toUpperCase()) {
    case 'MONTH':
      return amount;
    case 'YEAR':
      return amount / 12;
    case 'DAY':
      return amount * 21.75;
    case 'HOUR':
      return amount * 174;
    default:
      return null;
  }
}
