// The screener's rules, one table per category: what each must catch (with the phrase its hit must
// cover), the lawful look-alikes it must pass, and the evasions (spaces, invisible characters,
// full-width digits, traditional characters) it must still catch. Offsets are UTF-16 indices into
// the text as given, whatever was folded away. Pure: no database.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCREEN_CATEGORIES, type ScreenCategory } from './categories.ts';
import { fold } from './fold.ts';
import { NEEDS_WORDS } from './rules.ts';
import { screenText } from './screen.ts';

type Row = [text: string, cover: string];

/** Per category: sentences that must give a hit of that category covering `cover`, and lawful look-alikes that must pass with no hit. */
const TABLE: Record<ScreenCategory, { catch: Row[]; pass: string[]; verdict: 'block' | 'review' }> = {
  origin_or_hukou: {
    verdict: 'block',
    catch: [
      ['湖北人已满，请勿报名', '湖北人已满'],
      ['疫区人员勿投', '疫区人员勿投'],
      ['鄂籍勿扰', '鄂籍勿扰'],
      ['豫籍人员勿扰。', '豫籍人员勿扰'],
      ['河南人免谈', '河南人免谈'],
      ['湖北的就别来了', '湖北的就别来'],
      ['身份证42开头的不要', '身份证42开头的不要'],
      ['身份证号以42开头者勿扰', '42开头者勿扰'],
      ['不招湖北人', '不招湖北人'],
      ['来自疫区的人员暂不录用', '疫区的人员暂不录用'],
      ['有湖北旅居史的人员一律不要', '湖北旅居史的人员一律不要'],
      ['外地人勿投', '外地人勿投'],
      ['只招本省人', '只招本省人'],
      ['本地人优先', '本地人优先'],
      ['非本地人勿扰', '非本地人勿扰'],
      ['湖北籍人员暂不招聘', '湖北籍人员暂不招聘'],
      ['湖北籍的朋友，抱歉', '湖北籍的朋友，抱歉'],
      ['近期不接收湖北籍求职者。', '不接收湖北籍'],
      ['黑龙江、吉林的老乡这次就不考虑了。', '黑龙江、吉林的老乡这次就不考虑'],
      ['只要本省的', '只要本省的'],
      ['身份证开头42、41的免谈', '身份证开头42、41的免谈'],
      ['湖北、温州等疫情严重地区人员暂缓招聘。', '湖北、温州等疫情严重地区人员暂缓招聘'],
      ['不招甘肃、青海的，别问为什么。', '不招甘肃、青海的'],
      ['要求老家是浙江的，方便沟通。', '老家是浙江'],
      ['武汉来的暂时不要', '武汉来的暂时不要'],
      ['湖北、河南籍人员勿扰', '湖北、河南籍人员勿扰'],
      ['身份证4201开头的不要', '4201开头的不要'],
      ['只招云南本地人', '只招云南本地人'],
      ['外来务工人员勿扰', '外来务工人员勿扰'],
      ['东北人优先，能喝酒', '东北人优先'],
      ['河南的就算了', '河南的就算了'],
      ['外地人不要来', '外地人不要'],
    ],
    pass: ['湖北分公司招聘客户经理，工作地点武汉市江汉区。', '湖北籍高校毕业生专场招聘会，欢迎报名参加。', '交通协管员，限本市范围内工作，服从排班。', '熟悉本地市场，有本地客户资源者优先。', '欢迎湖北籍劳动者返岗。', '北京不要求经验', '湖北籍毕业生，不考虑工作经验也可以', '长期居住在苏州的优先', '本市户籍人员和外地户籍人员均可报名。'],
  },
  ethnicity: {
    verdict: 'block',
    catch: [
      ['限汉族', '限汉族'],
      ['不招少数民族。', '不招少数民族'],
      ['少数民族勿扰', '少数民族勿扰'],
      ['维族人员免谈', '维族人员免谈'],
      ['汉族优先', '汉族优先'],
      ['汉族，身高165以上', '汉族'],
      ['少民勿扰', '少民勿扰'],
    ],
    pass: ['工作地点：红河哈尼族彝族自治州蒙自市，招聘社区护士。', '工作地点：郑州市管城回族区，招聘店长。', '民族不限，学历不限，有无经验均可。', '石林彝族自治县景区招聘讲解员，普通话标准。', '西双版纳傣族自治州景洪市酒店招聘前台。', '傣族风情园招聘讲解员'],
  },
  sex: {
    verdict: 'block',
    catch: [
      ['限男性，身高170cm以上。', '限男性'],
      ['仅招女性', '仅招女性'],
      ['女士优先。', '女士优先'],
      ['男性优先', '男性优先'],
      ['只要男的', '只要男的'],
      ['要求女生，形象好', '要求女生'],
      ['3、女生，形象气质佳', '女生'],
      ['性别：男', '男'],
      ['女性勿扰', '女性勿扰'],
      ['不招女工', '不招女工'],
      ['招男服务员', '招男服务员'],
      ['女性不考虑', '女性不考虑'],
      ['招聘小姑娘', '小姑娘'],
      ['本岗位不适合女性，需长期夜班搬运', '不适合女性'],
      ['限未婚女性。', '限未婚女性'],
      ['招聘前台美女一名。', '美女'],
      ['本小区附近的阿姨优先', '阿姨优先'],
    ],
    pass: ['招聘收银员2名，男女不限，18周岁以上，可接受应届生。', '不限男女，年龄不限，能适应夜班。', '男性身高175cm以上，女性身高165cm以上。', '有女性消费品电商设计经验优先', '熟悉男性健康行业者优先', '女装店招聘导购员2名', '井下采煤工，限男性，需持证上岗', '6、女生最好化淡妆。', '性别不限', '招小伙伴一起创业', '女生不要怕辛苦，有人带', '招女装导购', '美女多，氛围好'],
  },
  religion: {
    verdict: 'block',
    catch: [
      ['不招穆斯林', '不招穆斯林'],
      ['信教者勿扰', '信教者勿扰'],
      ['要求无宗教信仰', '无宗教信仰'],
      ['基督徒不要', '基督徒不要'],
      ['须为无神论者', '无神论者'],
      ['不得信仰任何宗教。', '不得信仰任何宗教'],
      ['信.佛.的不要。', '信.佛.的不要'],
    ],
    pass: ['尊重员工宗教信仰，提供清真餐。', '负责宗教事务局文件归档。'],
  },
  disability: {
    verdict: 'block',
    catch: [
      ['残疾人勿扰', '残疾人勿扰'],
      ['不招残疾人', '不招残疾人'],
      ['身体健康，无残疾', '无残疾'],
      ['肢体不健全者勿扰', '肢体不健全者勿扰'],
      ['轮椅使用者不适合本岗位', '轮椅使用者不适合本岗位'],
      ['聾啞人勿擾', '聾啞人勿擾'],
      ['我们只要健全人。', '只要健全人'],
      ['残疾人士恕不接待', '残疾人士恕不接待'],
      ['视力残疾者不予录用', '视力残疾者不予录用'],
    ],
    pass: ['欢迎退役军人、残疾人朋友报名。', '残疾人就业创业服务岗，协助残联开展工作。', '能搬运25公斤货物'],
  },
  disease: {
    verdict: 'block',
    catch: [
      ['乙肝携带者勿扰。', '乙肝携带者勿扰'],
      ['乙肝五项须全阴', '乙肝五项须全阴'],
      ['非乙肝携带者', '非乙肝携带者'],
      ['HIV携带者不要', 'HIV携带者不要'],
      ['有传染病者勿扰', '传染病者勿扰'],
      ['乙肝阳性者取消录用。', '乙肝阳性者取消录用'],
      ['肺结核病史者勿投。', '肺结核病史者勿投'],
    ],
    pass: ['乙肝疫苗接种点招聘护士，需持护士执业证。', '负责社区传染病防控宣传工作。', '寻甸回族彝族自治县食品厂招聘包装工，需持健康证上岗。', '身体健康，无传染病，持健康证', '食品厂：有传染病者勿扰'],
  },
  rural_origin: {
    verdict: 'block',
    catch: [
      ['农村户口勿投。', '农村户口勿投'],
      ['不要农村的', '不要农村的'],
      ['限城镇户口', '限城镇户口'],
      ['农村出来的不要', '农村出来的不要'],
      ['限城镇居民', '限城镇居民'],
      ['非农业户口。', '非农业户口'],
    ],
    pass: ['欢迎农村劳动力转移就业', '面向农村留守妇女的灵活就业岗位'],
  },
  fee: {
    verdict: 'block',
    catch: [
      ['入职需缴纳服装押金200元。', '押金200元'],
      ['需交培训费500元', '培训费500元'],
      ['工装费自理', '工装费自理'],
      ['体检费用自付', '体检费用自付'],
      ['服装费从工资中扣除', '服装费从工资中扣除'],
      ['押金一百元', '押金一百元'],
      ['工衣自费', '工衣自费'],
      ['需自费购买工服，价格300元。', '自费购买工服'],
      ['入职扣一个月工资作为押金。', '扣一个月工资作为押金'],
      ['押金五千上车前交清', '押金五千'],
      ['首月工资作为押金，满三个月返还。', '首月工资作为押金'],
      ['押一个月工资，干满半年退', '押一个月工资'],
      ['需要先买工服，100元一套', '需要先买工服'],
    ],
    pass: ['公司不收取任何押金和培训费，免费配车。', '我司从未要求应聘者缴纳任何形式的押金、保证金', '负责收取物业管理费及各项代收费用', '押金由公司承担', '体检费7天后报销', '公司需要购买工服一批', '提供工服，免费住宿', '推荐朋友入职有介绍费2000元', '免押金入住宿舍', '食宿自理', '抱歉，本岗位已招满'],
  },
  age: {
    verdict: 'review',
    catch: [
      ['年龄35岁以下，限汉族。', '35岁以下'],
      ['年龄20-30岁', '20-30岁'],
      ['24周岁-30周岁间', '24周岁-30周岁'],
      ['年龄不超过40岁', '不超过40岁'],
      ['90后优先', '90后优先'],
      ['年龄：25-35', '25-35'],
      ['年龄三十五岁以下', '三十五岁以下'],
      ['大龄勿扰', '大龄勿扰'],
      ['35+勿扰', '35+勿扰'],
      ['年龄上限35岁', '上限35岁'],
      ['40以上勿扰', '40以上勿扰'],
      ['1990年以后出生', '1990年以后出生'],
      ['超过45的就不要打电话了。', '超过45的就不要打电话'],
    ],
    pass: ['18周岁以上', '年满16周岁', '年龄不限', '照顾3-6岁儿童', '服务65岁以上老人', '团队都是90后，氛围好', '年龄18-60岁', '欢迎35岁以上开发人员应聘', '工作经验3-5年', '5年以上经验', '有10人以上团队管理经验者优先', '成立于1990年以后', '产品主要面向25到40岁的职场女性。', '年满16周岁，未满18周岁的需监护人同意。'],
  },
  marital_or_childbearing: {
    verdict: 'review',
    catch: [
      ['仅招女性，已婚已育优先。', '已婚已育优先'],
      ['已婚未育者勿扰。', '已婚未育者勿扰'],
      ['限未婚', '未婚'],
      ['近两年无生育计划', '无生育计划'],
      ['孕妇勿扰', '孕妇勿扰'],
      ['怀孕期间不予录用', '怀孕期间不予录用'],
      ['近期有生育打算的勿扰', '有生育打算的勿扰'],
      ['离异的就不要来了。', '离异的就不要来'],
      ['近两年打算要二胎的不合适。', '打算要二胎的不合适'],
    ],
    pass: ['五险一金（含生育保险）', '提供单身公寓', '享受婚假、产假', '协助新员工办理户口迁移和落户手续。'],
  },
};

describe('the screener, category by category', () => {
  it('covers every category', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...SCREEN_CATEGORIES].sort());
  });

  for (const category of SCREEN_CATEGORIES) {
    const { catch: positives, pass, verdict } = TABLE[category];
    describe(category, () => {
      it.each(positives)('catches %s', (text, cover) => {
        const r = screenText(text);
        const hit = r.hits.find((h) => h.category === category);
        expect(hit, JSON.stringify(r)).toBeDefined();
        if (!hit || hit.start === null || hit.end === null) return;
        const at = text.indexOf(cover);
        expect(hit.start).toBeLessThanOrEqual(at);
        expect(hit.end).toBeGreaterThanOrEqual(at + cover.length);
        expect(hit.text).toBe(text.slice(hit.start, hit.end));
        // the prefilter's promise: a rule's match holds one of its category's words (rules.ts NEEDS_WORDS)
        const folded = fold(hit.text).text;
        expect(NEEDS_WORDS[category].some((w) => folded.includes(w)), folded).toBe(true);
        expect(hit.basis).toMatch(/第\d+条|〔2020〕6号/u);
        expect(hit.suggestion.length).toBeGreaterThan(0);
        if (category !== 'origin_or_hukou') expect(hit.verdict).toBe(verdict);
        expect(r.verdict).not.toBe('pass');
      });
      it.each(pass)('passes %s', (text) => {
        const r = screenText(text);
        expect(r.hits.filter((h) => h.category === category), JSON.stringify(r.hits)).toEqual([]);
      });
    });
  }

  it('keeps local household registration apart: a requirement goes to review, a refusal by origin blocks', () => {
    const r = screenText('限本地户口，外地人勿投。');
    expect(r.hits.map((h) => [h.category, h.verdict, h.start, h.end])).toEqual([
      ['origin_or_hukou', 'review', 0, 5],
      ['origin_or_hukou', 'block', 6, 11],
    ]);
    expect(r.verdict).toBe('block');
    expect(screenText('需本市户籍').verdict).toBe('review');
    for (const t of ['持有本市常住户口。', '户籍不在本镇的请勿报名。', '仅招收天津户口人员。', '必须是北京户口，集体户也可以。']) expect(screenText(t).hits.map((h) => [h.category, h.verdict]), t).toEqual([['origin_or_hukou', 'review']]);
    expect(screenText('非本地户口勿扰').hits.map((h) => [h.category, h.verdict])).toEqual([['origin_or_hukou', 'review']]);
    // town registration only is a refusal of rural origin, not a local one
    expect(screenText('只招城镇户口').hits.map((h) => h.category)).toEqual(['rural_origin']);
    expect(screenText('农村户口、城镇户口均可').hits).toEqual([]);
    // 户口 across a word boundary is no 户口
    expect(screenText('本产品用户口碑良好，团队氛围融洽。').hits).toEqual([]);
  });
});

/** Evasions of a phrase: spaces, invisible characters or decorative marks between its characters, full-width digits, traditional characters. */
const EVASIONS: Array<[string, (s: string) => string]> = [
  ['spaces', (s) => [...s].join(' ')],
  ['ideographic spaces', (s) => [...s].join('\u3000')],
  ['zero-width spaces', (s) => [...s].join('\u200b')],
  ['word joiners and BOMs', (s) => [...s].map((c, i) => (i % 2 ? `\u2060${c}` : `\ufeff${c}`)).join('')],
  ['middle dots', (s) => [...s].join('·')],
  ['full-width digits', (s) => s.replace(/\d/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))],
];

describe('evasions', () => {
  const phrases: Array<[string, ScreenCategory]> = [
    ['限男性', 'sex'],
    ['湖北人勿扰', 'origin_or_hukou'],
    ['乙肝携带者勿扰', 'disease'],
    ['押金200元', 'fee'],
    ['35岁以下', 'age'],
    ['身份证42开头的不要', 'origin_or_hukou'],
    ['不招少数民族', 'ethnicity'],
  ];
  for (const [how, evade] of EVASIONS) {
    it.each(phrases)(`${how}: %s is still caught, its span the evaded phrase`, (phrase, category) => {
      const text = `招聘普工，${evade(phrase)}，待遇面议。`;
      const r = screenText(text);
      const hit = r.hits.find((h) => h.category === category);
      expect(hit, `${JSON.stringify(text)} → ${JSON.stringify(r.hits)}`).toBeDefined();
      expect(hit?.text).toBe(text.slice(hit?.start ?? 0, hit?.end ?? 0));
      // the span covers the evaded phrase's first and last characters
      const evaded = evade(phrase);
      const at = text.indexOf(evaded);
      expect(hit?.start).toBeLessThanOrEqual(at + 1);
      expect(hit?.end).toBeGreaterThanOrEqual(at + evaded.length - 1);
    });
  }
  it('traditional characters', () => {
    expect(screenText('年齡35歲以下').verdict).toBe('review');
    expect(screenText('湖北人勿擾').verdict).toBe('block');
  });
});

describe('offsets and robustness', () => {
  it('every hit\'s text is the input\'s slice at its span, for phrases set inside any text (property)', () => {
    const phrases = ['限男性', '湖北人勿扰', '年龄20-30岁', '押金300元', '已婚已育优先', '乙肝携带者勿扰', '不招少数民族'];
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: 'binary' }), fc.constantFrom(...phrases), fc.string({ maxLength: 30, unit: 'binary' }), (pre, phrase, post) => {
        const text = `${pre}。${phrase}。${post}`;
        const r = screenText(text);
        for (const h of r.hits) expect(text.slice(h.start ?? 0, h.end ?? 0)).toBe(h.text);
        expect(r.hits.length).toBeGreaterThan(0);
        expect(['block', 'review']).toContain(r.verdict);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the text (lone surrogates, control characters, emoji, 200,000 characters)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        const r = screenText(text);
        expect(['block', 'review', 'pass']).toContain(r.verdict);
      }),
      { numRuns: 300 },
    );
    expect(screenText('限男性'.repeat(80_000)).verdict).toBe('block');
    expect(screenText('\ud800限男性\udfff').hits[0]?.text).toBe('限男性');
    expect(screenText('😀😀限男性').hits[0]?.start).toBe(4);
  });

  it('fold maps every folded character back to the input', () => {
    const f = fold('限 男\u200b性３５');
    expect(f.text).toBe('限男性35');
    expect([...f.from]).toEqual([0, 2, 4, 5, 6]);
    expect([...f.to]).toEqual([1, 3, 5, 6, 7]);
  });
});
