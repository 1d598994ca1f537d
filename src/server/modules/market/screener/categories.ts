// What the screener judges (issue 11, decision 0045): each category of discrimination or unlawful
// demand in a job posting, the verdict it carries, the law it rests on and the neutral wording
// suggested instead. The texts are Chinese: they quote Chinese law and are shown to the employer
// beside the Chinese text they concern.

/** A screener category: the kind of unequal treatment or unlawful demand a phrase shows. */
export const SCREEN_CATEGORIES = [
  'origin_or_hukou', // 地域、籍贯、疫区来源（拒绝 → block）；本地户籍要求（→ review）
  'ethnicity', // 民族
  'sex', // 性别
  'religion', // 宗教信仰
  'disability', // 残疾
  'disease', // 传染病病原携带者（乙肝等）
  'rural_origin', // 农村户口
  'fee', // 向求职者收取押金、费用
  'age', // 年龄限制
  'marital_or_childbearing', // 婚育状况
] as const;
export type ScreenCategory = (typeof SCREEN_CATEGORIES)[number];

/** The text categories plus the false-information signals raised at publishing (their hits have no span). */
export const SIGNAL_CATEGORIES = ['salary_outlier', 'no_identifiable_employer'] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

/** `block`: not published; `review`: published only through the moderation queue; `pass`: no hit. */
export type Verdict = 'block' | 'review' | 'pass';

/** The legal basis of each category, as cited to the employer. */
export const BASIS: Readonly<Record<ScreenCategory | SignalCategory, string>> = {
  origin_or_hukou: '《就业促进法》第3条、第26条；《人力资源市场暂行条例》第24条；国办发〔2020〕6号（不得歧视疫情严重地区劳动者）',
  ethnicity: '《就业促进法》第3条、第28条',
  sex: '《就业促进法》第3条、第27条；《妇女权益保障法》第43条',
  religion: '《就业促进法》第3条',
  disability: '《就业促进法》第3条、第29条',
  disease: '《就业促进法》第30条',
  rural_origin: '《就业促进法》第3条、第31条',
  fee: '《就业促进法》第41条；《人力资源市场暂行条例》第24条',
  age: '《就业促进法》第3条、第26条（限制须为岗位所必需）',
  marital_or_childbearing: '《妇女权益保障法》第43条；《就业促进法》第27条',
  salary_outlier: '《人力资源市场暂行条例》第24条（招聘信息应当真实）',
  no_identifiable_employer: '《人力资源市场暂行条例》第24条（招聘信息应当真实）',
};

/** The neutral wording suggested for each category (the form offers it with one tap). */
export const SUGGESTION: Readonly<Record<ScreenCategory | SignalCategory, string>> = {
  origin_or_hukou: '欢迎各地求职者',
  ethnicity: '民族不限',
  sex: '男女不限',
  religion: '（删除宗教信仰要求）',
  disability: '（删除对残疾人的限制；如确有身体条件要求，写明具体工作内容，如“需搬运25公斤货物”）',
  disease: '（删除对病原携带者的限制；食品等行业按规定持健康证上岗即可）',
  rural_origin: '户口性质不限',
  fee: '公司不向求职者收取任何费用',
  age: '年满16周岁',
  marital_or_childbearing: '（删除婚育状况要求）',
  salary_outlier: '（请核对薪酬，写明真实的薪酬范围和计薪单位）',
  no_identifiable_employer: '（请写明招聘单位的全称）',
};

/** A hit: a phrase of the text (UTF-16 span of the text judged) or, for a signal, no span. */
export type ScreenHit = {
  category: ScreenCategory | SignalCategory;
  verdict: Exclude<Verdict, 'pass'>;
  start: number | null;
  end: number | null;
  text: string;
  basis: string;
  suggestion: string;
  /** The rule that matched (stable id, for tests and the audit trail). */
  rule: string;
};

/** What the screener answers for a text: the strongest verdict of its hits, and the hits in text order. */
export type Screening = { verdict: Verdict; hits: ScreenHit[] };

/** The strongest verdict among `hits`: block over review over pass. */
export function verdictOf(hits: readonly Pick<ScreenHit, 'verdict'>[]): Verdict {
  if (hits.some((h) => h.verdict === 'block')) return 'block';
  return hits.length ? 'review' : 'pass';
}
