// The screener's rules (issue 11, decision 0045): each a pattern over one folded sentence
// (fold.ts: no spaces or invisible characters, half-width digits and commas, lower case), the
// phrase it reports (group `h`, else the whole match), the word that must stand as a word (group
// `a`: its ends fall on jieba's word boundaries, so 限男 inside 不限男女 and 户口 inside 用户口碑 are
// no words), and a check of the sentence around it where a pattern alone cannot tell (the other
// sex named too; a child's age; a fee the company pays).
//
// Rules are read as a refusal or a condition put on the applicant, never a word alone: 湖北 is a
// workplace until someone is refused for being from there; 乙肝 is a vaccine clinic until a
// carrier is turned away; 户口 is a service until it is required.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { divisionNames, ETHNIC } from '../ingest/region.ts';
import type { ScreenCategory, Verdict } from './categories.ts';
import { LiteralSet } from './literals.ts';

/** One rule. `re` has the flags `gdu` (match indices for the groups). */
export type Rule = {
  id: string;
  category: ScreenCategory;
  verdict: Exclude<Verdict, 'pass'>;
  re: RegExp;
  /** Whether the match stands, given the folded sentence, the match and the window of folded text around the sentence. */
  check?: (m: RegExpExecArray, sentence: string, around: string) => boolean;
  /** Words one of which the pattern cannot match without: a sentence without any is not read by the rule (shared per category, tested once per sentence). */
  needs: LiteralSet;
};

const alt = (words: readonly string[]) => [...new Set(words)].sort((a, b) => b.length - a.length).join('|');

// ── words ───────────────────────────────────────────────────────────────────────────────────────

/** Refusing: what follows a group of people to turn them away. */
const REFUSE =
  '(?:请勿报名|请勿投递|请勿应聘|请勿|勿扰|勿投|勿进|勿来|勿应聘|勿报名|勿找|勿联系|莫扰|免谈|免进|免问|免开尊口|暂缓(?:招聘|录用|招收|接收|考虑)|(?:就)?(?:不要|别|勿)浪费(?:彼此的?|大家的?|双方的?)?时间|不要打电话|别打电话|勿电|勿来电|不要来电|已经招满|已经满了|取消录用资格|取消录用|取消资格|不予聘用|不聘用|除外|恕不接待|不接待|抱歉|对不起|不好意思|请理解|请谅解|敬请谅解|暂时不要|暂时不考虑|暂时不收|不予安排|不安排面试|暂不招聘|暂不招收|暂不接收|不接收|不予接收|暂停招聘|不予招聘|不招聘|劝返|劝退|请绕行|请绕道|不要(?=[,.。;!)~]|$|了|哦|啊|呢|谢谢)|不要来|不要投|不要打扰|不收(?=[,.。;!)~]|$|了|哦|啊|呢|谢谢)|不招(?!聘)|不考虑|不在考虑范围|不予考虑|恕不考虑|不合适|不适合本?岗位|不适合|就算了|没戏|不录用|不予录用|不录取|不予录取|恕不录用|暂不录用|暂不考虑|一律不要|一律不收|谢绝|拒绝|拒收|别来|别投|别找|就别|绕道|止步|已招满|已招够|招满|已满|不予|不行(?=[,.。;!)~]|$|了|哦|啊|呢|谢谢)|不可以(?=[,.。;!)~]|$|了|哦|啊|呢|谢谢)|不能(?:来|报名|应聘))';
/** Turning away before naming the group: 不招湖北人. */
const NOTAKE = '(?:不适合|不适宜|不接收|暂不接收|不予接收|暂缓接收|暂缓招收|不招收|不招|不要|不收|不用|不录用|不予录用|不录取|不考虑|不予考虑|谢绝|拒绝|拒收|拒招|恕不接受|不接受)';
/** Between a group and its refusal: 湖北的就别来了, 豫籍人员一律不要. */
const FILL = '(?:的|人|人员|员工|者|朋友|们|一律|一概|就|都|请|暂|均|统统|全部|等|求职者|应聘者|同志|老乡|地区|的人|师傅|我们这边|我们这里|我们|这边|这里|本店|本公司|公司|直接|暂时|这次|这回|本次|目前){0,4}';
/** Demanding a condition of the applicant. */
const ONLY = '(?:只限|仅限|限于|限|只招|仅招|只招收|仅招收|只要|仅要|只收|仅收|只录用|只聘|仅适合|只适合|最好是|最好|一定要是|一定要|要求(?:是)?|需(?:要)?是?|须是?|必须是?|招聘|招收|限招|招)';

// places (origin): the provinces and prefectures of the national table, full and short names, as
// people write them; single-character abbreviations only before 籍 (豫籍); the places that are no
// division (疫区, 外地)
function placeNames(): string[] {
  const dir = join(import.meta.dirname, '../../../../../data/reference');
  const names = new Set<string>();
  const read = (file: string, level: 'province' | 'prefecture') => {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').slice(1)) {
      const name = /^\d+,"?([^",]+)"?/u.exec(line)?.[1];
      if (!name || /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u.test(name)) continue;
      for (const [n] of divisionNames(name, level)) if (n.length >= 2) names.add(n);
    }
  };
  read('provinces.csv', 'province');
  read('cities.csv', 'prefecture');
  return [...names];
}
const PLACES = placeNames();
/** Places that are a region of origin without being a division. */
const REGIONS = ['潮汕', '江浙', '两广', '苏北', '苏南', '闽南', '川渝', '胶东', '疫区', '重点疫区', '疫情地区', '疫情严重地区', '疫情重灾区', '重灾区', '高风险地区', '中高风险地区', '中风险地区', '风险地区', '外地', '外省', '外市', '外县', '异地', '外来', '东北', '西北', '南方', '北方', '新疆', '西藏', '河南', '湖北'];
const ABBR = '京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼';
const PLACE = `(?:${alt([...PLACES, ...REGIONS])})`;
/** A place as a group of people: 湖北人, 豫籍, 武汉来的, 湖北籍人员, 有湖北旅居史的. */
const FROM_PLACE = `(?:(?:来自|有|近期去过|去过|途经|从)?(?<a>${PLACE})(?:省|市|州|地区)?(?:[、,/和及与或](?:${PLACE})(?:省|市|州|地区)?)*(?:等(?:${PLACE})?)?(?:那边|那里|一带)?(?:籍贯?|户籍|户口|人员|人|的|来的|过来的|回来的|返回的|返乡|务工人员|务工者|打工者|打工的|旅居史|旅行史|居住史|接触史)+|(?<a2>[${ABBR}])籍)`;
/** The local place as a group of people: 本地人, 本省籍. */
const LOCAL = '(?:本地|本省|本市|本县|本区|当地|本乡|本镇|本村|本社区|本街道)';

const ETHNIC_GROUP = `(?:${alt(ETHNIC.map((e) => `${e}族`))}|少数民族|少民|维族|回民|藏民|汉人)`;
const RELIGION = '(?:(?:[\\p{sc=Han}]{1,3}教[、和及与]?)+(?:信众|信徒)|信耶稣的?|信真主的?|信安拉的?|信上帝的?|念经的|做礼拜的|信仰[\\p{sc=Han}]{1,4}教的?|信[\\p{sc=Han}]{1,3}教的?|有信仰的?|吃清真的?|戴头巾的?|有宗教信仰的?|宗教信仰者|信仰宗教的?|信教的?|信教人员|穆斯林|伊斯兰教徒|基督徒|基督教徒|天主教徒|佛教徒|宗教人士|教徒|信徒|信佛的?|信主的?|信基督的?)';
const DISABILITY = '(?:残废|手有毛病|腿有毛病|身体有毛病|有毛病|坐轮椅的?|轮椅使用者|口吃|结巴|视力残疾|听力残疾|言语残疾|肢体残疾|智力残疾|精神残疾|视力障碍|听力障碍|言语障碍|肢体障碍|视障|听障|肢体不健全|身体不健全|四肢不健全|持有?残疾证|残疾证|身体有缺陷|身体缺陷|五官残缺|腿脚不便|四肢不全|独眼|瘸子|瘸腿|跛脚|哑巴|智障|智力障碍|精神残疾|残疾人士|残疾人|残疾|残障人士|残障|身体残缺|肢体残缺|肢体残疾|身有残疾|伤残|肢残|聋哑人?|盲人)';
const CARRIER = '(?:乙肝|乙型肝炎|大三阳|小三阳|澳抗阳性|丙肝|hbv|hiv|艾滋病?|梅毒|肝炎|肺结核|结核病?)(?:病毒)?(?:携带者|携带|患者|病人|阳性|感染者|病毒携带者|病史)?';
const FEE = '(?:工本费|考证费|办证费|上岗证费|押金费|服装押金|工装押金|押金|体检费|工服费|工牌费|制作费|保证金|风险金|培训费|服装费|工装费|工衣费|报名费|介绍费|中介费|信息费|资料费|办卡费|建档费|上岗费|入职费)';
/** A number of years as written: 35, ３５ (folded), 三十五. */
const NUM = '(?:\\d{1,2}|[一二三四五六七八九十两]{1,3})';
/** Work that law closes to carriers of some infectious diseases until cured (食品安全法 art. 45, 公共场所卫生管理条例, 化妆品卫生监督条例, 托儿所幼儿园卫生保健管理办法). */
const CARRIER_LAWFUL = /食品|餐饮|厨|食堂|后厨|面点|烘焙|饮品|奶茶|咖啡|健康证|幼儿|托育|保育|月嫂|育婴|护理|护工|医院|化妆品|美容|理发|游泳|公共场所|饮用水|水厂|屠宰/u;
/** Ages of someone else than the applicant: 3-6岁儿童, 65岁以上老人. */
const NOT_APPLICANT = /^(?:的)?(?:儿童|幼儿|孩子|宝宝|学生|小朋友|小孩|孩童|青少年|婴幼儿|婴儿|早教|老人|老年人|长者|患者|病人|客户|学员|小学生|中学生)/u;
/** Living somewhere, not coming from there: 长期居住在苏州的优先, 家在本市优先 (a commute, not an origin). */
const RESIDENCE = /(?:居住|定居|住|家|工作)(?:在|于)?$/u;
/** Ages of a product's or service's audience, not the applicant's: 面向25到40岁的职场女性. */
const AUDIENCE = /(?:面向|针对|服务于?|适用于?|覆盖|目标(?:用户|客户|人群)?(?:是|为)?|用户(?:是|为)?|客户(?:是|为)?|主要是)[^,，。]{0,8}$/u;
/** Jobs the state lists as unsuitable for women (女职工劳动保护特别规定, annex: 矿山井下, 第四级体力劳动强度, …). */
const WOMEN_UNSUITABLE = /井下|矿井|坑道|采煤|掘进|伐木|森林采伐|高处作业|体力劳动强度|四级体力|搬运.{0,6}(?:25|二十五)(?:公斤|kg)以上/u;

/** A Chinese or Arabic number of years → its value (三十五 → 35); NaN when unreadable. */
export function yearsOf(s: string): number {
  if (/^\d+$/u.test(s)) return Number(s);
  const d: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九两]?)十([一二三四五六七八九]?)$/u.exec(s);
  if (m) return (m[1] ? (d[m[1]] as number) : 1) * 10 + (m[2] ? (d[m[2]] as number) : 0);
  return s.length === 1 && s in d ? (d[s] as number) : Number.NaN;
}

/** The highest age a worker may lawfully be asked to be below without review: at 60 the statutory retirement age. */
const AGE_CEILING_LAWFUL = 60;
/** The lowest age a posting may lawfully ask for (劳动法 art. 15: 16; 18 for many jobs). */
const AGE_FLOOR_LAWFUL = 18;

const after = (m: RegExpExecArray, sentence: string) => sentence.slice(m.index + m[0].length);
const before = (m: RegExpExecArray, sentence: string, n: number) => sentence.slice(Math.max(0, m.index - n), m.index);
/** A negation just before a demand: 不收取押金, 无需缴纳, 免培训费. */
const NEGATED = /(?:不|无|免|没有|无需|无须|不需|不用|拒绝|杜绝|严禁|禁止|不会|不得|绝不|从未|从不|绝无)[^,，。]{0,8}$/u;
/** A fee the job handles, not one the applicant pays: 负责收取物业费, 协助办理保证金退还. */
const DUTY = /(?:负责|协助|督促|包括|代收|催收|管理|跟进|核对|统计)[^,，。;]{0,10}$/u;
/** The company, not the applicant, pays: 押金公司承担, 培训费由公司出. */
const COMPANY_PAYS = /^(?:\d+元?)?(?:全部|均|全额)?(?:由)?(?:公司|单位|企业|厂里|厂方|老板)(?:承担|出|支付|负责|报销|全包|提供)|^(?:全免|免费|全额报销|报销|可报销)/u;

/** The other sex named in the window too (男性175以上，女性165以上): a requirement of both, no preference. */
const NAMES_SEX = { 男: /男(?:性|生|士|孩|的|人|子)?(?!装|鞋|包|科|款)/u, 女: /女(?:性|生|士|孩|的|人|子)?(?!装|鞋|包|科|款)/u } as const;
function otherSexNamed(sex: string, around: string): boolean {
  return NAMES_SEX[sex === '男' ? '女' : '男'].test(around.replace(/男女|女男/gu, ''));
}

// ── rules ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Per category, the words its rules cannot match without (Rule.needs): every rule's pattern holds
 * one of its category's words (origin's are the places and the local words); the screener reads a
 * sentence only with the categories whose words it holds. screen.test.ts checks each table row's
 * hit holds one.
 */
export const NEEDS_WORDS: Readonly<Record<ScreenCategory, readonly string[]>> = {
  sex: ['男', '女', '小姐姐', '小哥哥', '姑娘', '妹子', '美女', '帅哥', '小伙', '宝妈', '阿姨', '大姐', '大妈', '大叔', '叔叔', '大哥', '同胞'],
  origin_or_hukou: [...PLACES, ...REGIONS, '籍', '本地', '本省', '本市', '本县', '本区', '当地', '本乡', '本镇', '本村', '本社区', '本街道', '身份证', '开头', '打头', '户口', '户籍', '老家', '家乡'],
  ethnicity: ['族', '少民', '回民', '藏民', '汉人', '民族'],
  religion: ['信仰', '宗教', '信教', '教徒', '信徒', '信众', '伊斯兰', '天主', '佛教', '道教', '回教', '基督', '信佛', '信主', '穆斯林', '清真', '头巾', '无神论', '耶稣', '真主', '安拉', '上帝', '念经', '礼拜'],
  disability: ['残', '身体有缺陷', '身体缺陷', '不便', '不全', '健全', '独眼', '瘸', '跛', '哑', '智障', '智力', '聋', '盲', '障碍', '视障', '听障', '轮椅', '口吃', '结巴', '毛病'],
  disease: ['乙肝', '乙型', '肝炎', '三阳', '澳抗', '丙肝', 'hbv', 'hiv', '艾滋', '梅毒', '结核', '两对半', '传染'],
  rural_origin: ['农村', '农业', '农民', '城镇', '城市', '非农', '乡下', '山里', '山区', '城里', '村里'],
  fee: ['押金', '保证金', '风险金', '费', '首月工资', '一个月工资', '半个月工资', '第一个月工资', ...['押', '扣', '压'].flatMap((v) => ['首月', '一个月', '半个月', '第一个月'].map((m) => `${v}${m}`)), '工服', '工装', '工作服', '工牌', '工鞋', '自购', '自理', '自付', '自负', '个人承担', '本人承担', '员工承担', '求职者承担', '自己承担', '自己出', '腰包', '掏钱', '出钱', '花钱', '自费购买', '自行购买', '自费买', '自己买'],
  age: ['岁', '年龄', '年纪', '50后', '60后', '70后', '75后', '80后', '85后', '90后', '95后', '00后', '05后', '大龄', '年轻', '偏大', '老年', '上限', '0以上', '1以上', '2以上', '3以上', '4以上', '5以上', '6以上', '7以上', '8以上', '9以上', '出生', '生人', '超过', '大于', '高于', '过了', '0+', '1+', '2+', '3+', '4+', '5+', '6+', '7+', '8+', '9+'],
  marital_or_childbearing: ['婚', '已育', '未育', '生育', '孕', '哺乳', '单身', '离异', '宝妈', '孩子', '小孩', '胎', '娃', '有家', '二孩', '三孩', '领证'],
};
const NEEDS = Object.fromEntries(Object.entries(NEEDS_WORDS).map(([c, words]) => [c, new LiteralSet(words)])) as Record<ScreenCategory, LiteralSet>;

const r = (id: string, category: ScreenCategory, verdict: Exclude<Verdict, 'pass'>, source: string, check?: Rule['check']): Rule => ({
  id,
  category,
  verdict,
  re: new RegExp(source, 'gdu'),
  check,
  needs: NEEDS[category],
});

const SEX = '(?<a>(?<s>[男女])(?:性|生|士|孩子|孩|子|的|人|工|同志|同学)?(?:服务员|店员|营业员|收银员|员工|工人|司机|保安|文员|助理|老师|护士|技师|演员|主播|模特|销售|员)?|(?<f>小姐姐|小姑娘|姑娘|妹子|美女|宝妈|阿姨|大姐|大妈|女同胞)|(?<mm>小哥哥|小伙子|小伙|帅哥|大叔|叔叔|大哥|男同胞))';
/** The sex a SEX match names: 男 or 女. */
const sexOf = (m: RegExpExecArray) => m.groups?.s ?? (m.groups?.f ? '女' : m.groups?.mm ? '男' : '');

export const RULES: readonly Rule[] = [
  // 性别 — block, except the jobs the state lists as unsuitable for women
  r('sex.only', 'sex', 'block', `(?<![不男女])${ONLY}(?:未婚|已婚|未育|已育|年轻|本地|单身|汉族|退伍|健康)*${SEX}(?![男女])`, (m, s, around) => !(sexOf(m) === '男' && WOMEN_UNSUITABLE.test(around)) && !/^(?:不限|均可|皆可|都可|不论|兼招|比例)/u.test(after(m, s))),
  r('sex.prefer', 'sex', 'block', `(?<![男女不])${SEX}(?:员工|同事|候选人|应聘者|求职者|者|同学|员)?(?:优先|为佳|为宜|更佳|最佳|者优先|(?:最好|更好)(?=[,。;)]|$))`),
  r('sex.job', 'sex', 'block', `(?:招聘|诚聘|急招|聘请|聘|招)(?:[\\p{sc=Han}]{1,4}?)${SEX}(?![男女])(?:[一二两三四五六七八九十\\d]+(?:名|个|位)|若干)?(?=[,。;!)]|$)`, (m, _s, around) => !otherSexNamed(sexOf(m), around.replace(m[0], '')) && !(sexOf(m) === '男' && WOMEN_UNSUITABLE.test(around))),
  r('sex.prefer-first', 'sex', 'block', `优先(?:考虑|录用|招聘|招收|录取)?${SEX}(?![男女])`, (m, _s, around) => !otherSexNamed(sexOf(m), around.replace(m[0], ''))),
  // the sex as the subject of a preferred profile (男性有篮球特长者优先, 大专以上学历女生有工作经验者优先), not a product or audience (女性消费品经验优先)
  r('sex.prefer-profile', 'sex', 'block', `(?:^|[,、:;.)\\]】]|\\d[、.)]|[一二三四五六七八九十][、.]|学历|以上)${SEX}(?![性生士孩子]|健康|用品|服装|服饰|装|鞋|消费|向|客户|用户|市场|产品|群体|化妆|护理|患者|疾病|科|粉丝|读者)[^,。;]{1,14}?(?:者|的)?(?:优先|为佳)`, (m, _s, around) => !otherSexNamed(sexOf(m), around.replace(m[0], ''))),
  r('sex.refuse', 'sex', 'block', `(?<![男女不])${SEX}${FILL}${REFUSE}`),
  r('sex.notake', 'sex', 'block', `${NOTAKE}${SEX}(?![男女])`, (m, _s, around) => !(sexOf(m) === '女' && WOMEN_UNSUITABLE.test(around))),
  // a sex standing alone as an item of the requirements (3、女生，形象气质佳 · 性别:男 · 男，25-35岁)
  r('sex.item', 'sex', 'block', `(?:^|[,、:(\\[【)\\]】.]|\\d[.、)]|性别(?:要求)?:?)${SEX}(?=[,、;:。)\\]】/]|\\d|$|身高|年龄|形象|性格|长相|五官|气质|外形|外貌|,)`, (m, _s, around) => !otherSexNamed(sexOf(m), around.replace(m[0], '')) && !(sexOf(m) === '男' && WOMEN_UNSUITABLE.test(around))),

  // 地域、籍贯、疫区 — block; 本地户籍 — review
  r('origin.refuse', 'origin_or_hukou', 'block', `(?<h>${FROM_PLACE}${FILL}(?:${REFUSE}|,${REFUSE}(?=[,.。;!)~]|$)))`),
  r('origin.notake', 'origin_or_hukou', 'block', `(?<h>${NOTAKE}(?:来自)?(?<a>${PLACE})(?:省|市|州|地区)?(?:${PLACE})?(?:市|县|区)?(?:[、,/和及与或](?:${PLACE})(?:省|市|州|地区)?)*(?:籍贯?|户籍|人|的|来的|过来的|回来的|返回的|旅居史|人员)+)`),
  r('origin.notake-region', 'origin_or_hukou', 'block', `(?<h>${NOTAKE}(?:来自)?(?<a>疫区|重点疫区|疫情地区|疫情严重地区|高风险地区|中高风险地区|外地|外省)(?:的)?(?:人员|人|来的)?)`),
  r('origin.id-prefix', 'origin_or_hukou', 'block', `(?<h>身份证(?:号码?)?(?:开头|前两位|前几位)(?:是|为)?\\d{2,6}(?:[、,/和或]\\d{2,6})*(?:开头)?(?:的)?(?:人员|人|者)?${FILL}${REFUSE}|身份证(?:号码?)?(?:以|是|为|前两位(?:是|为)?)?(?<a>\\d{2,6})(?:开头|打头)?(?:的)?(?:人员|人|者)?${FILL}${REFUSE}|(?<a2>\\d{2,6})(?:开头|打头)的?身份证(?:号码?)?(?:的)?(?:人员|人|者)?${FILL}${REFUSE}|${NOTAKE}(?:身份证(?:号码?)?)?(?:以)?\\d{2}(?:开头|打头)的?(?:身份证|人员|人)?)`),
  r('origin.only-local', 'origin_or_hukou', 'block', `(?<h>(?:只限|仅限|限于|限|只招|仅招|只要|仅要|只收|仅收|只录用|要求|须为?|需为?|最好是|必须是|一定要是)${LOCAL}(?:籍|人|籍人员|人员|的(?=[,。;!)]|$))(?!才|员工|事务))`),
  r('origin.only-place', 'origin_or_hukou', 'block', `(?<h>(?:只限|仅限|限于|限|只招|仅招|只招收|仅招收|只要|仅要|只收|仅收|只录用|要求|须为?|必须是|须是|一定要是|最好是)(?<a>${PLACE})(?:省|市)?(?:本地)?(?:籍|人|的|籍人员|老乡|人士)(?!才))`),
  r('origin.hometown', 'origin_or_hukou', 'block', `(?<h>(?:要求|必须|只要|须|限|最好)(?:是)?(?<a2>老家|籍贯|祖籍|家乡)(?:必须|须|要|得)?(?:是|在|为|属于)?(?<a>${PLACE})(?:省|市)?(?:的|人)?)`),
  r('origin.prefer', 'origin_or_hukou', 'block', `(?<h>${FROM_PLACE}(?:员工|人员)?(?:优先|为佳|者优先))`, (m, s) => !RESIDENCE.test(before(m, s, 6))),
  r('origin.non-local', 'origin_or_hukou', 'block', `(?<h>非${LOCAL}(?:籍|人|的|人员)+${FILL}${REFUSE})`),
  r('hukou.non-local', 'origin_or_hukou', 'review', `(?<h>非${LOCAL}(?<a>户口|户籍)(?:的|人员|者)?${FILL}${REFUSE})`),
  r('origin.prefer-local', 'origin_or_hukou', 'block', `(?<h>${LOCAL}(?:籍|人)(?:员)?(?:优先|为佳|者优先|最好)|(?:${PLACE})?${LOCAL}(?:优先|为佳|最好)(?=[,。;)]|$))`, (m, s) => !RESIDENCE.test(before(m, s, 6))),
  r('hukou.require', 'origin_or_hukou', 'review', `(?<h>(?<!不)(?:只限|仅限|限于|限|只招收|仅招收|只招|仅招|只要|只收|需(?:要)?|须|必须是|必须|要求|需有|须有|须具有|持有?|具有|具备)(?:本地|本市|本省|本县|本区|本村|本镇|当地|[\\p{sc=Han}]{2,4}(?:市|县|区|省)|${PLACE})?(?:常住)?(?<a>户口|户籍)(?!迁|办理|落户|手续|不限|所在|地址|登记))`, (m, s) => !/^(?:农村|农业)/u.test(m[0].replace(/^(?:只限|仅限|限于|限|需要|需|须|必须|要求|需有|须有|持有|持|具有|具备)/u, '')) && !/(?:办理|迁|协助|帮助|代办)[^,。]{0,6}$/u.test(before(m, s, 8))),
  r('hukou.not-here', 'origin_or_hukou', 'review', `(?<h>(?<a>户籍|户口)(?:所在地)?不在${LOCAL}(?:的)?(?:人员|者)?${FILL}${REFUSE})`),
  r('hukou.where', 'origin_or_hukou', 'review', `(?<h>(?<a>户籍|户口)(?:所在地|所在|地)?(?:须|需|必须|要求|应)(?:为|是|在|属于)?(?:本地|本市|本省|本县|本区|当地|[\\p{sc=Han}]{2,6}(?:市|县|区|省|州))?)`),
  r('hukou.local', 'origin_or_hukou', 'review', `(?<h>${LOCAL}(?<a>户口|户籍)(?:优先|者优先|为佳|人员)?)(?!迁|办理|落户|手续|不限|所在)`, (m, s) => !/均可|都可|皆可|不限|均欢迎|都欢迎/u.test(after(m, s)) && !/(?:办理|迁|协助|帮助|代办|落户)[^,。]{0,6}$/u.test(before(m, s, 8)) && !/(?:只限|仅限|限于|限|只招|仅招|只要|需要|需|须|必须|要求|需有|须有|持有|持|具有|具备)$/u.test(before(m, s, 4))),

  // 农村户口 — block
  r('rural.refuse', 'rural_origin', 'block', `(?<h>(?<a>农村|农业|农民工|农民)(?:户口|户籍|人|的|来的|出来的|出身|人员|子弟)*(?:[、和及与][^,。;]{1,8}?)?${FILL}${REFUSE})`),
  r('rural.countryside', 'rural_origin', 'block', `(?<h>(?<a>乡下|山里|山区|农村|村里)(?:人|来的|出来的|的)${FILL}(?:${REFUSE}|[^,。;]{0,8},${REFUSE}(?=[,.。;!)~]|$))|(?:只要|只招|仅招|限|仅限)(?<a2>城里人|城市人))`),
  r('rural.prefer-urban', 'rural_origin', 'block', `(?<h>(?<a>城镇|城市|非农业?)(?:户口|户籍)(?:优先|者优先|为佳))`),
  r('rural.item', 'rural_origin', 'block', `(?<h>(?:^|[,、:(]|\\d[、.)])(?<a>非农业户口|非农户口|城镇户口|城市户口)(?=[,、;。)]|$))`),
  r('rural.notake', 'rural_origin', 'block', `(?<h>${NOTAKE}(?<a>农村|农业户口|农业户籍|农民工|农民)(?:户口|户籍|人|的|来的|出身|人员)*)`),
  r('rural.urban-only', 'rural_origin', 'block', `(?<h>(?:只限|仅限|限于|限|只招|仅招|只要|需|须|必须|要求)(?<a>城镇|城市|非农业?)(?:户口|户籍|居民))`),

  // 民族 — block
  r('ethnicity.only', 'ethnicity', 'block', `(?<h>${ONLY}(?<a>${ETHNIC_GROUP})(?:人|人员|同胞)?)(?!自治|区|县|乡|镇|村|聚居|地区|风情|文化|特色|歌舞|服饰|餐|菜)`),
  r('ethnicity.required', 'ethnicity', 'block', `(?<h>民族(?:要求)?:?(?<a>${ETHNIC_GROUP}))`),
  r('ethnicity.item', 'ethnicity', 'block', `(?<h>(?:^|[,、:(\\[【]|\\d[、.)])(?<a>汉族|少数民族)(?=[,、;。)]|$))`),
  r('ethnicity.han', 'ethnicity', 'block', `(?<h>民族(?:要求)?:?(?<a>汉)(?=[,。;、)]|$))`),
  r('ethnicity.refuse', 'ethnicity', 'block', `(?<h>(?<a>${ETHNIC_GROUP})(?:[、和及与]?${ETHNIC_GROUP})*(?:人|人员|同胞|朋友)?${FILL}${REFUSE})`),
  r('ethnicity.notake', 'ethnicity', 'block', `(?<h>${NOTAKE}(?<a>${ETHNIC_GROUP})(?:人|人员|同胞)?)`),
  r('ethnicity.prefer', 'ethnicity', 'block', `(?<h>(?<a>${ETHNIC_GROUP})(?:人|人员)?(?:优先|为佳|者优先))`),

  // 宗教 — block
  r('religion.refuse', 'religion', 'block', `(?<h>(?<a>${RELIGION})(?:者|人员|人|朋友)?${FILL}${REFUSE})`),
  r('religion.only', 'religion', 'block', `(?<h>(?:只要|只招|仅招|限|仅限|最好是|必须是|要求是)(?<a>${RELIGION}))`),
  r('religion.notake', 'religion', 'block', `(?<h>${NOTAKE}(?:任何)?(?<a>${RELIGION}))`),
  r('religion.forbid', 'religion', 'block', `(?<h>(?:不得|不能|不许|禁止|不可)(?:信仰|信)(?:任何)?(?<a>宗教))`),
  r('religion.atheist', 'religion', 'block', `(?<h>(?:须|需|必须|要求|只招|只要|限)(?:是|为)?(?<a>无神论者))`),
  r('religion.none', 'religion', 'block', `(?<h>(?:要求|须|需|必须|限)?(?:无|没有|不得有|不能有)宗教信仰)`),

  // 残疾 — block
  r('disability.refuse', 'disability', 'block', `(?<h>(?:有)?(?<a>${DISABILITY})(?:者|人员|的|朋友)?(?:[、和及与](?:有)?${DISABILITY}(?:者|人员|的)?)*${FILL}${REFUSE})`),
  r('disability.able-bodied', 'disability', 'block', `(?<h>(?:只要|只招|仅招|限|仅限|要求|必须是)(?:身体|四肢|肢体)?(?<a>健全)(?:人|的人|者)?)(?!康)`),
  r('disability.notake', 'disability', 'block', `(?<h>${NOTAKE}(?<a>${DISABILITY}))`),
  r('disability.none', 'disability', 'block', `(?<h>(?:要求|须|需|必须)?(?:身体|四肢)?(?:无|没有)(?:任何)?(?<a>残疾|肢体残疾|身体残疾|残障))`),

  // 传染病病原携带者 — block (a health certificate for food work is lawful and not matched)
  r('disease.refuse', 'disease', 'block', `(?<h>(?:有|患有?)?(?<a>${CARRIER})(?:的|人员|者)?${FILL}${REFUSE})`),
  r('disease.result', 'disease', 'block', `(?<h>(?<a>乙肝|乙型肝炎|hbv|两对半)[^。;]{0,12}?(?:阳性|不合格|异常|携带)(?:者|的)?${FILL}${REFUSE})`),
  r('disease.refuse-infectious', 'disease', 'block', `(?<h>(?:有|患有?)?(?<a>传染病|传染性疾病)(?:患者|者|的|人员|史)?${FILL}${REFUSE})`, (_m, _s, around) => !CARRIER_LAWFUL.test(around)),
  r('disease.found', 'disease', 'block', `(?<h>(?:查出|检出|发现|体检有)(?<a>乙肝|乙型肝炎|大三阳|小三阳|hbv|hiv|艾滋病?|肝炎)(?:病毒)?(?:携带|阳性)?[^,。;]{0,6}?${REFUSE})`),
  r('disease.notake', 'disease', 'block', `(?<h>${NOTAKE}(?<a>${CARRIER}))`),
  r('disease.none', 'disease', 'block', `(?<h>(?:非|无|没有|排除)(?<a>乙肝|乙型肝炎|大三阳|小三阳|hbv|hiv|艾滋病|澳抗阳性)(?:携带者?|病毒|患者|阳性)?)`),
  r('disease.test', 'disease', 'block', `(?<h>(?<a>乙肝两对半|乙肝五项|两对半|乙肝)(?:检查|检测|化验)?(?:结果)?(?:须|需|要求|必须)?(?:正常|合格|阴性|全阴)|(?<a2>乙肝两对半|乙肝五项|两对半|乙肝)(?:检查|检测|化验)(?:证明|报告|单))`),
  // a blanket "no infectious disease" outside the jobs that law closes to carriers until cured (食品安全法 art. 45: food handling; 就业促进法 art. 30)
  r('disease.none-infectious', 'disease', 'block', `(?<h>(?:无|没有|非)[^,。;]{0,6}?(?:传染性疾病|传染病)(?:史)?)`, (_m, _s, around) => !CARRIER_LAWFUL.test(around)),

  // 押金、费用 — block
  r('fee.pay', 'fee', 'block', `(?<h>(?:需交|须交|需缴纳?|须缴纳?|先交|缴纳|交纳|上交|收取?|支付|预交|自付|自费|扣除?|交|缴)(?:[^,。;]{0,6}?)(?<a>${FEE})(?:\\d+(?:\\.\\d+)?(?:元|块)?)?)`, (m, s) => !NEGATED.test(before(m, s, 12)) && !DUTY.test(before(m, s, 14)) && !COMPANY_PAYS.test(after(m, s))),
  r('fee.amount', 'fee', 'block', `(?<h>(?<a>${FEE})(?:共|合计|总计|为|是)?:?\\d+(?:\\.\\d+)?(?:元|块|rmb)?)(?![\\d天日个号月年%]|小时|周|工作日)`, (m, s) => !NEGATED.test(before(m, s, 12)) && !DUTY.test(before(m, s, 14)) && !COMPANY_PAYS.test(after(m, s)) && !/(?:无|免|不收|退还?|有|奖励?|给|发|得|获|返|送|拿)$/u.test(before(m, s, 2))),
  r('fee.buy', 'fee', 'block', `(?<h>(?:(?:需要|需|须|要|得)先?(?:买|购买)|(?:需|须|要)?(?:自购|自费购买|自行购买|自己买|自费买))(?<a>工作服|工装|工服|服装|工牌|工具|工鞋)(?:[和及与、](?:工作服|工装|工服|服装|工牌|工具|工鞋))*(?:\\d+(?:\\.\\d+)?(?:元|块))?)`, (m, s) => !NEGATED.test(before(m, s, 12)) && !/(?:公司|单位|我们|我司|厂里|厂方|企业|老板|本店)[^,，。]{0,3}$/u.test(before(m, s, 8))),
  r('fee.wages-held', 'fee', 'block', `(?<h>(?:扣|押|压)[^,。;]{0,8}?工资[^,。;]{0,6}?(?:作为|当|做|当作)?(?<a>押金|保证金)|(?<a2>首月工资|第一个月工资|一个月工资|半个月工资)(?:押着|压着|押|扣着)(?:当|作为|做)?(?:押金|保证金)?|(?<a3>首月工资|第一个月工资|一个月工资|半个月工资)(?:作为|当作|当|做)(?:押金|保证金)|(?:押|扣|压)(?<a4>首月|一个月|半个月|第一个月)工资)`),
  r('fee.papers', 'fee', 'block', `(?<h>(?<a>上岗证|健康证|工作证|证件|工作服|工装|工服|工具)(?:费用?)?(?:需|要)?(?:自己掏钱|自掏腰包|自己出钱|自费|自己花钱)(?:办|买|购买)?)`, (m, s) => !NEGATED.test(before(m, s, 12))),
  r('fee.deduct', 'fee', 'block', `(?<h>(?<a>${FEE})(?:用)?(?:\\d+元)?(?:从|在)?(?:首月|第一个月|当月)?工资(?:中|里)?(?:扣除|扣))`),
  r('fee.words', 'fee', 'block', `(?<h>(?<a>${FEE})(?:共|为)?:?(?:[一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟]{2,}(?:元|块)?|[一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟](?:元|块)))`, (m, s) => !NEGATED.test(before(m, s, 12)) && !DUTY.test(before(m, s, 14)) && !COMPANY_PAYS.test(after(m, s))),
  r('fee.own-kit', 'fee', 'block', `(?<h>(?<a>工衣|工服|工装|服装|工牌|工鞋|体检)(?:费用?)?(?:需)?(?:自费|自理|自付|自负|个人承担|由个人承担|自己出|自己承担|自掏腰包))`, (m, s) => !NEGATED.test(before(m, s, 12))),
  r('fee.self', 'fee', 'block', `(?<h>(?<a>${FEE})(?:[、和及与]${FEE})*(?:用)?(?:需)?(?:由员工|员工|由个人|由本人|本人|由求职者)?(?:自理|自付|自负|由个人承担|个人承担|由本人承担|本人承担|自交|由求职者承担))`, (m, s) => !NEGATED.test(before(m, s, 12)) && !DUTY.test(before(m, s, 14))),

  // 年龄 — review: an upper limit below the retirement age, a floor above the lawful one
  r('age.range', 'age', 'review', `(?<h>(?:年龄(?:要求)?:?(?:在)?)?(?<lo>${NUM})(?:周?岁)?(?:-+|~|至|到|—+)(?<hi>${NUM})(?:周?岁)(?:之间|以内|以下|间)?|(?:年龄|年纪)(?:要求)?:?(?:在)?(?<lo2>\\d{2})(?:-+|~|至|到|—+)(?<hi2>\\d{2})(?!\\d|k|元|年|月|天|小时|cm|公斤|kg|人))`, (m, s) => {
    const g = m.groups ?? {};
    const lo = yearsOf(g.lo ?? g.lo2 ?? '');
    const hi = yearsOf(g.hi ?? g.hi2 ?? '');
    return !NOT_APPLICANT.test(after(m, s)) && !AUDIENCE.test(before(m, s, 12)) && hi > lo && (hi < AGE_CEILING_LAWFUL || lo > AGE_FLOOR_LAWFUL) && lo >= 14;
  }),
  r('age.under', 'age', 'review', `(?<h>(?:年龄(?:要求)?:?(?:在)?)?(?<n>${NUM})(?:周?岁)(?:以下|以内|之内|及以下|之下|或以下|内)|(?:年龄)?(?:不超过|不大于|不高于|小于|低于|未满|不满|≤|<|不能超过|不得超过|最大)(?<n2>${NUM})(?:周?岁))`, (m, s) => {
    const n = yearsOf(m.groups?.n ?? m.groups?.n2 ?? '');
    // 未满18周岁的需监护人同意 speaks of minors allowed, not a ceiling
    return n < AGE_CEILING_LAWFUL && n > AGE_FLOOR_LAWFUL && !NOT_APPLICANT.test(after(m, s)) && !AUDIENCE.test(before(m, s, 12));
  }),
  r('age.over', 'age', 'review', `(?<h>(?:年龄(?:要求)?:?(?:在)?)?(?<n>${NUM})(?:周?岁)(?:以上|及以上|或以上|以上的)(?<r>(?:的)?(?:人员|者)?${FILL}${REFUSE})?|(?:年满|大于|超过|不低于|不小于)(?<n2>${NUM})(?:周?岁))`, (m, s) => {
    const n = yearsOf(m.groups?.n ?? m.groups?.n2 ?? '');
    if (NOT_APPLICANT.test(after(m, s)) || /欢迎[^,，。]{0,4}$/u.test(before(m, s, 8))) return false;
    return m.groups?.r ? n >= 16 : n > AGE_FLOOR_LAWFUL && n < 70;
  }),
  r('age.plus', 'age', 'review', `(?<h>(?<n>\\d{2})(?:周?岁)?\\+(?:的)?(?:人员|者)?${FILL}${REFUSE})`),
  r('age.older', 'age', 'review', `(?<h>(?<a>大龄|年龄偏大|年纪大|年龄大|岁数大|年纪偏大|中老年|老年)(?:的)?(?:人员|者|人|求职者)?${FILL}${REFUSE}|(?:只要|只招|限|仅限)(?<a2>年轻人|年轻女性|年轻男性)|(?<a3>小年轻|年轻人|年轻的)(?:优先|为佳))`),
  r('age.exceeding', 'age', 'review', `(?<h>(?:年龄|年纪|岁数)?(?:超过|大于|高于|过了)(?<n>${NUM})(?:周?岁)?(?:的)?(?:人员|者)?${FILL}${REFUSE})`, (m) => yearsOf(m.groups?.n ?? '') >= 25),
  r('age.cap', 'age', 'review', `(?<h>(?:年龄)?上限(?:为|是)?(?<n>${NUM})周?岁|(?<n2>${NUM})周?岁封顶)`, (m) => yearsOf(m.groups?.n ?? m.groups?.n2 ?? '') < AGE_CEILING_LAWFUL),
  r('age.over-refuse', 'age', 'review', `(?<h>(?<n>\\d{2})(?:周?岁)?以上(?:的)?(?:人员|者)?${FILL}${REFUSE})`, (m) => Number(m.groups?.n) >= 25),
  r('age.born', 'age', 'review', `(?<h>(?:19|20)\\d{2}年(?:以后|之后|后|以前|之前)出生|出生(?:于|在)?(?:19|20)\\d{2}年(?:以后|之后|后|以前|之前)|(?:限|只要|要求)?(?:19|20)?\\d{2}(?:年)?(?:-|~|至|到)(?:19|20)?\\d{2}年(?:出生|生人))`),
  r('age.around', 'age', 'review', `(?<h>(?:年龄|年纪)(?:要求)?:?(?:在)?(?<n>${NUM})(?:周?岁)?(?:左右|上下)|(?<n2>${NUM})周?岁(?:左右|上下))`, (m, s) => yearsOf(m.groups?.n ?? m.groups?.n2 ?? '') >= 16 && !NOT_APPLICANT.test(after(m, s))),
  // a generation as a condition (限90后, 90后优先, or an item of its own: 四、90后。), not a team described (团队都是90后)
  r('age.cohort', 'age', 'review', `(?<h>(?:限|只要|仅限|要求|只招|仅招|需|须)(?<a>(?:50|60|70|75|80|85|90|95|00|05)后)(?:优先|为佳|者优先|以下|以上|勿扰)?|(?<![\\d.:])(?<a2>(?:50|60|70|75|80|85|90|95|00|05)后)(?:优先|为佳|者优先|勿扰|勿投|免谈)|(?:^|\\d[、.)]|[一二三四五六七八九十][、.])(?<a3>(?:50|60|70|75|80|85|90|95|00|05)后)(?=[,。;]|$))(?![台端续期勤备面来缀门])`),

  // 婚育 — review
  r('marital.status', 'marital_or_childbearing', 'review', `(?<h>(?:限|要求|需|须|只招|仅招|只要)?(?<a>已婚已育|已婚未育|未婚未育|已婚已孕|已婚|未婚|已育|未育|已生育|未生育)(?:的)?(?:者|人员|女性|男性|女士|人士|宝妈)?(?:优先|为佳|者优先|勿扰|勿投|免谈|不要|不考虑)?)(?!员工享|员工可|假|证明|登记|手续)`),
  r('marital.other', 'marital_or_childbearing', 'review', `(?<h>(?<a>单身|离异|宝妈|有小孩|有孩子|有家有口|有家庭|刚结婚|新婚|刚领证|准备结婚|打算结婚)(?:的)?(?:者|人员|女性|男性)?(?:优先|为佳|者优先|优先考虑|${FILL}${REFUSE})|(?<a3>孩子已经上学|孩子已上学|孩子上学了|孩子大了|孩子已成年)(?:的)?(?:优先|为佳|优先考虑)|(?:最好是|只要|要求|限)(?:已经)?(?<a4>有孩子|有小孩|有娃|生过孩子|生育过)(?:的)?|(?<a5>结了婚|已婚)(?:还|但)?(?:没|未|还没)(?:生娃|生孩子|生育|要孩子)(?:的)?${FILL}${REFUSE}|(?:要求|限|只要|只招|仅招|须|需)(?<a2>单身|离异|未婚))`),
  r('marital.no-birth', 'marital_or_childbearing', 'review', `(?<h>(?:近[一二两三四五\\d]年内?|\\d年内|[一二两三四五]年内)?(?:无|没有|暂无)(?:近期|近[一二两三四五\\d]年)?(?<a>生育|怀孕|婚育|生孩子|要孩子)(?:计划|打算|需求)|(?:\\d+|[一二两三四五])年内?(?:不|无|不能|不得)(?:考虑|打算|计划)?(?<a2>生育|怀孕|要孩子|生孩子|生小孩|结婚))`),
  r('marital.plans', 'marital_or_childbearing', 'review', `(?<h>(?:打算|计划|准备|想)(?:要|生)(?<a2>二胎|三胎|孩子|小孩|娃|二孩|三孩)(?:的)?${FILL}${REFUSE}|有(?:近期)?(?<a>生育|怀孕|生孩子|要孩子|生二胎|生三胎|要二胎|要三胎|二胎|三胎)(?:的)?(?:计划|打算|需求|想法)?的?(?:者|人员)?${FILL}${REFUSE})`),
  r('marital.pregnant', 'marital_or_childbearing', 'review', `(?<h>(?<a>孕妇|孕期|怀孕|哺乳期)(?:中|期间|期)?(?:的)?(?:者|人员|女性|妇女)?${FILL}${REFUSE}|${NOTAKE}(?<a2>孕妇|孕期|哺乳期)(?:女性|妇女|人员)?)`),
];

/**
 * The words whose presence makes a sentence worth reading with the rules (the prefilter): every
 * category's words, since no rule matches without one of its own.
 */
export const TRIGGER_WORDS: readonly string[] = [...new Set(Object.values(NEEDS_WORDS).flat())];
