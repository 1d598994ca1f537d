// The `seekers` part (issue 12): a province's job seekers for the matcher's benchmark — `seekers`
// people (500,000 at province scale, 3,000 living in 五华区 at county scale), each signed up as
// POST /seekers/register leaves a person (an account with a phone, a seeker membership, the consent
// to the current notice) with the registration PUT /seekers/me writes (the seekers row; its
// match_keys column is generated). Deterministic: the same size gives the same people (a seeded
// generator, no Math.random); times are relative to the clock's now.
//
// The mix: about 35 % migrant workers (农民工: a home county in the rural prefectures 昭通, 曲靖, 文山
// and 红河, living in 昆明 more often than not, else back home or elsewhere), 20 % college graduates
// (大专 or 本科, most in 昆明), the rest others (laid off, unemployed after work, employed and looking).
// Desired occupations are mostly major groups (职业分类大典 2022: 4 services, 6 production, 2
// professionals, 3 clerks, 5 farming), a quarter of them a finer code when the occupations table
// holds one of that group (the built-in table has the major groups only). Desired places: counties
// mostly, a prefecture or the whole province for some, none for a few. Salary expectations a
// month mostly, a day for some. Skills, skill grades and résumés are short Chinese texts drawn from
// a small phrase bank per occupation group. Visibility: agencies 50 %, employers 30 %, applied 15 %,
// nobody 5 %; automated recommendations off for about 3 % (PIPL art. 24); registrations in force for
// about 95 % (the rest lapsed in the last two months).
//
// Bulk-loaded in one command like the postings part: one statement per CHUNK people inserts their
// accounts, memberships, consents and registrations together (data-modifying CTEs over unnest), one
// audit entry for the whole part. No ID numbers (they are optional, and would need the field key
// per row): sex and birth date, derived from an ID number only, stay empty.
import { sql } from 'kysely';
import { addDays, beijingDate } from '../../../shared/beijing-day.ts';
import { command } from '../../platform/command.ts';
import { currentNoticeVersion, owningDivision } from '../../modules/seekers/service.ts';
import { chunks, generator, type PartContext, type PartSummary, type SeedPart } from './common.ts';

/** Generated seekers sign in with phones 197 followed by their number (staff 195, agencies 196): how a second run finds them. */
export const SCALE_SEEKER_PHONE_PREFIX = '197';

type Group = '2' | '3' | '4' | '5' | '6';

/** Per occupation major group: skills, certificates (skill grades), what a résumé says people did, and where. */
const BANK: Record<Group, { skills: string[]; grades: string[]; jobs: string[]; wants: string[] }> = {
  '6': {
    skills: ['平缝机、包缝机操作熟练', '会看图纸和工艺单', '持焊工证，会氩弧焊和二保焊', '能操作数控车床', '持叉车证', '会简单的设备保养', '能适应两班倒和夜班', '流水线装配经验丰富', '会用游标卡尺等量具', '懂电工基础，持低压电工证', '做过注塑和包装', '吃苦耐劳，服从安排'],
    grades: ['焊工（四级/中级工）', '电工（五级/初级工）', '车工（四级/中级工）', '缝纫工（五级/初级工）', '叉车司机（五级/初级工）', '装配钳工（三级/高级工）'],
    jobs: ['电子厂做普工', '服装厂做平车工', '机械厂做焊工', '食品厂做包装工', '工地做钢筋工', '汽配厂做装配工', '物流园开叉车', '建材厂做操作工'],
    wants: ['希望找包吃住的工厂', '想找离家近的车间工作', '希望有稳定的计件工资', '想学一门技术', '能接受倒班'],
  },
  '4': {
    skills: ['持C1驾照，驾龄多年', '会做家常菜和小炒', '持健康证', '有收银和理货经验', '会照顾老人和小孩', '熟悉昆明城区道路', '持保安员证', '会用智能手机派单软件', '服务意识好，普通话流利', '做过外卖骑手', '懂基本的消毒防疫流程', '会搬运装卸，身体好'],
    grades: ['中式烹调师（四级/中级工）', '保育师（五级/初级工）', '育婴员（四级/中级工）', '保安员（五级/初级工）', '家政服务员（四级/中级工）', '健康照护师（五级/初级工）'],
    jobs: ['餐馆做帮厨', '超市做收银员', '快递公司做分拣员', '小区做保安', '酒店做服务员', '家政公司做保洁', '物流公司开货车', '医院做护工'],
    wants: ['希望找离住处近的工作', '想找有五险的单位', '能接受早晚班', '希望包住', '想找长期稳定的工作'],
  },
  '2': {
    skills: ['熟练使用办公软件和Excel', '会CAD制图', '有护士执业资格', '熟悉财务软件和报税流程', '会Python和SQL数据分析', '通过英语四级', '持教师资格证', '熟悉医疗器械检测', '会Java开发', '懂质量管理体系', '做过实验室检验', '会写技术文档'],
    grades: ['助理工程师', '初级会计专业技术资格', '护士执业资格', '教师资格', '计算机技术与软件专业技术资格（初级）', '检验检测工程师（助理级）'],
    jobs: ['医疗器械公司实习做质检', '建筑设计院做绘图员', '会计师事务所实习', '中学做代课老师', '软件公司做测试', '医院实习做护士', '检测中心做检验员', '制药厂做化验员'],
    wants: ['希望在昆明从事专业对口的工作', '想进防疫物资生产企业', '希望有培训和晋升', '愿意到县里工作', '想找事业单位或国企'],
  },
  '3': {
    skills: ['熟练使用Word和Excel', '打字速度快', '有前台接待经验', '会做考勤和工资表', '普通话标准，会接听电话', '熟悉档案整理', '做过电话客服', '会做出入库登记', '沟通能力好', '做事细心负责'],
    grades: ['企业人力资源管理师（四级/中级工）', '秘书（五级/初级工）', '档案管理员（四级/中级工）', '呼叫中心服务员（五级/初级工）'],
    jobs: ['公司做文员', '商场做客服', '物业公司做前台', '工厂做仓库统计', '社区做网格员', '酒店做前台接待', '培训机构做助理', '电商公司做客服'],
    wants: ['希望找坐办公室的工作', '想找双休的岗位', '希望离家近', '想找有社保的单位'],
  },
  '5': {
    skills: ['会种植烤烟和蔬菜', '懂生猪和肉牛养殖', '会修剪果树', '会采茶和制茶', '能开拖拉机和农用车', '懂大棚种植', '会做花卉分拣包装', '懂农药安全使用', '能吃苦，适应户外工作'],
    grades: ['农作物植保员（五级/初级工）', '家畜饲养员（四级/中级工）', '茶叶加工工（五级/初级工）', '农业技术员'],
    jobs: ['老家种烤烟', '养殖场喂猪', '茶厂做采茶工', '花卉基地做分拣', '果园做管护', '蔬菜基地做种植工'],
    wants: ['希望在老家附近的基地工作', '想找包吃住的种养殖场', '能接受季节性用工', '希望计件或按天结算'],
  },
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文普李杨者岩'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红海波云飞丹玉梅春燕文斌兵玲慧鑫宇晨欣怡浩然子涵思雨俊杰梓萱佳琪雪琴德荣家豪绍华朝阳'.split('');

/** The rural prefectures many migrant workers come from, with their share: 昭通, 曲靖, 文山, 红河. */
const HOME_PREFECTURES: Array<[string, number]> = [['5306', 0.35], ['5303', 0.25], ['5326', 0.2], ['5325', 0.2]];
const KUNMING = '5301';

async function run(ctx: PartContext): Promise<PartSummary> {
  const { deps, log } = ctx;
  const present = await deps.db.selectFrom('accounts').select('id').where('phone', 'like', `${SCALE_SEEKER_PHONE_PREFIX}%`).limit(1).executeTakeFirst();
  if (present) throw new Error(`generated job seekers are present already (phones starting ${SCALE_SEEKER_PHONE_PREFIX}): seed a fresh database`);
  const total = ctx.size?.seekers ?? (ctx.scale === 'province' ? 500_000 : 3_000);
  const province = deps.config.province;
  const counties = (
    await deps.db.selectFrom('divisions').select('code').where('level', '=', 'county').where('active', '=', true).where('code', 'like', `${province.slice(0, 2)}%`).orderBy('code').execute()
  ).map((r) => r.code);
  if (!counties.length) throw new Error('no counties loaded: run `yunqiao migrate` first (reference data)');
  const finer = new Map<string, string[]>();
  for (const r of await deps.db.selectFrom('occupations').select('code').where(sql`length(code)`, '>', 1).orderBy('code').execute()) {
    const g = r.code.slice(0, 1);
    finer.set(g, [...(finer.get(g) ?? []), r.code]);
  }
  const inPrefecture = (p: string) => counties.filter((c) => c.startsWith(p));
  const kunming = inPrefecture(KUNMING);
  const homes = HOME_PREFECTURES.map(([p, share]) => [inPrefecture(p), share] as const).filter(([cs]) => cs.length > 0);
  const county = ctx.scale === 'county';
  log(`${total} job seekers, living in ${county ? '530102' : `${counties.length} counties`}; ${[...finer.values()].reduce((n, c) => n + c.length, 0)} occupation codes finer than a major group in the table`);

  const random = generator(20_200_220); // 国办发〔2020〕6号's date
  const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  /** One of `choices` by weight (the weights need not add up to 1). */
  const weighted = <T>(choices: ReadonlyArray<readonly [T, number]>): T => {
    let u = random() * choices.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of choices) {
      u -= w;
      if (u < 0) return v;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  };
  const some = <T>(xs: readonly T[], n: number): T[] => {
    const out = new Set<T>();
    while (out.size < Math.min(n, xs.length)) out.add(pickOf(xs));
    return [...out];
  };
  const prefectureOf = (c: string) => `${c.slice(0, 4)}00`;
  const pgArray = (xs: readonly string[]) => `{${xs.join(',')}}`;

  const now = deps.clock.now();
  const today = beijingDate(now);
  const notice = currentNoticeVersion(deps.config);
  const tally = { migrant: 0, graduate: 0, other: 0, recommendationsOff: 0, lapsed: 0 };
  const visibilities = { agencies: 0, employers: 0, applied: 0, nobody: 0 };

  /** Person n (0-based), drawn in order from the one generator. */
  const person = (n: number) => {
    const kind = weighted([['migrant', 0.35], ['graduate', 0.2], ['other', 0.45]] as const);
    tally[kind]++;
    let residence: string;
    let home: string | null;
    let groups: Group[];
    let education: string | null;
    let experience: number;
    let categories: string[];
    if (kind === 'migrant') {
      home = pickOf(weighted(homes));
      residence = county ? '530102' : weighted([[pickOf(kunming), 0.55], [home, 0.3], [pickOf(counties), 0.15]]);
      categories = [residence.slice(0, 4) === home.slice(0, 4) ? 'rural_local' : 'from_outside_city'];
      groups = [weighted([['6', 0.45], ['4', 0.35], ['5', 0.15], ['3', 0.05]] as const)];
      education = weighted([['70', 0.55], ['60', 0.25], ['40', 0.15], ['30', 0.03], [null, 0.02]] as const);
      experience = 1 + Math.floor(random() * 20);
    } else if (kind === 'graduate') {
      home = pickOf(counties);
      residence = county ? '530102' : weighted([[random() < 0.4 ? '530114' : pickOf(kunming), 0.6], [home, 0.25], [pickOf(counties), 0.15]]);
      categories = ['new_entrant', 'new_graduate'];
      groups = [weighted([['2', 0.45], ['3', 0.3], ['4', 0.15], ['6', 0.1]] as const)];
      education = weighted([['30', 0.5], ['20', 0.5]] as const);
      experience = 0;
    } else {
      residence = county ? '530102' : random() < 0.3 ? pickOf(kunming) : pickOf(counties);
      home = random() < 0.5 ? null : random() < 0.7 ? residence : pickOf(counties);
      categories = [weighted([['unemployed_after_work', 0.4], ['other_unemployed', 0.25], ['laid_off', 0.15], ['employed', 0.2]] as const)];
      groups = [weighted([['4', 0.4], ['6', 0.25], ['3', 0.15], ['2', 0.12], ['5', 0.08]] as const)];
      education = weighted([['70', 0.3], ['60', 0.3], ['40', 0.2], ['30', 0.12], ['20', 0.08]] as const);
      experience = Math.floor(random() * 25);
    }
    if (random() < 0.3) groups.push(weighted([['4', 0.35], ['6', 0.3], ['3', 0.15], ['2', 0.1], ['5', 0.1]] as const));
    groups = [...new Set(groups)];
    const occupations = groups.map((g) => {
      const codes = finer.get(g);
      return codes?.length && random() < 0.25 ? pickOf(codes) : g;
    });

    // where: counties mostly (where they live, and a migrant worker's home county), a prefecture, the province, or nowhere named
    const where = weighted([['counties', 0.6], ['prefecture', 0.2], ['province', 0.1], ['none', 0.1]] as const);
    const places =
      where === 'counties'
        ? [...new Set([residence, ...(home && home !== residence && random() < 0.4 ? [home] : []), ...(random() < 0.3 ? [pickOf(county ? kunming : inPrefecture(residence.slice(0, 4)))] : [])])]
        : where === 'prefecture'
          ? [prefectureOf(residence)]
          : where === 'province'
            ? [province]
            : [];

    // pay: a month mostly, a day for some (day labour), none for a few
    const unit = weighted([['month', 0.82], ['day', 0.15], [null, 0.03]] as const);
    const base = groups[0] === '2' ? 4_000 : groups[0] === '3' ? 3_000 : 3_500;
    const salaryMin = unit === 'month' ? base + 500 * Math.floor(random() * 7) : unit === 'day' ? 120 + 10 * Math.floor(random() * 19) : null;
    const salaryMax = salaryMin === null ? null : unit === 'month' ? salaryMin + 500 * (1 + Math.floor(random() * 5)) : salaryMin + 10 * (3 + Math.floor(random() * 8));

    const bank = BANK[groups[0] as Group];
    const skills = `${some(bank.skills, 2 + Math.floor(random() * 2)).join('，')}。`;
    const grade = random() < (kind === 'graduate' ? 0.3 : 0.2) ? pickOf(bank.grades) : null;
    const years = kind === 'graduate' ? '实习三个月' : `${Math.max(1, Math.min(experience, 1 + Math.floor(random() * 8)))}年`;
    const second = groups[1] ? BANK[groups[1]] : bank;
    const job = pickOf(bank.jobs);
    const before = random() < 0.4 ? `，也在${pickOf(second.jobs.filter((j) => j !== job))}干过` : '';
    const resume = `${kind === 'graduate' ? '今年毕业，在' : '之前在'}${job}${years}${before}。${pickOf(bank.wants)}。`;

    const visibility = weighted([['agencies', 0.5], ['employers', 0.3], ['applied', 0.15], ['nobody', 0.05]] as const);
    visibilities[visibility]++;
    const recommendations = random() >= 0.03;
    if (!recommendations) tally.recommendationsOff++;
    const lapsed = random() < 0.05;
    if (lapsed) tally.lapsed++;
    const validUntil = lapsed ? addDays(today, -1 - Math.floor(random() * 60)) : addDays(today, Math.floor(random() * 184));
    const created = new Date(now.getTime() - Math.floor(random() * 180 * 86_400_000));
    const updated = new Date(Math.min(now.getTime(), created.getTime() + Math.floor(random() * 30 * 86_400_000)));
    const name = `${pickOf(SURNAMES)}${pickOf(GIVEN)}${random() < 0.6 ? pickOf(GIVEN) : ''}`;
    return {
      phone: `${SCALE_SEEKER_PHONE_PREFIX}${String(n).padStart(8, '0')}`,
      name,
      division: owningDivision(province, residence, home ?? undefined),
      categories: pgArray(categories),
      priority: kind === 'migrant' ? '{migrant_worker}' : kind === 'graduate' ? '{college_graduate}' : '{}',
      residence,
      home,
      occupations: pgArray(occupations),
      places: pgArray(places),
      salaryMin,
      salaryMax,
      unit,
      education,
      grade,
      experience,
      skills,
      resume,
      validUntil,
      visibility,
      recommendations,
      created: created.toISOString(),
      updated: updated.toISOString(),
    };
  };

  const written = await command(deps, { actor: null, ctx: { requestId: 'seed-scale', ip: 'local' } }, async ({ tx, audit }) => {
    let n = 0;
    for (const [from, to] of chunks(total)) {
      const part = Array.from({ length: to - from }, (_, i) => person(from + i));
      const col = <T>(f: (p: (typeof part)[number]) => T) => part.map(f);
      // the person (account), the seeker membership and the notice consent as registering leaves them, then the registration
      const r = await sql`
        with input as (
          select * from unnest(${col((p) => p.phone)}::text[], ${col((p) => p.name)}::text[], ${col((p) => p.division)}::text[], ${col((p) => p.categories)}::text[], ${col((p) => p.priority)}::text[],
                               ${col((p) => p.residence)}::text[], ${col((p) => p.home)}::text[], ${col((p) => p.occupations)}::text[], ${col((p) => p.places)}::text[],
                               ${col((p) => p.salaryMin)}::numeric[], ${col((p) => p.salaryMax)}::numeric[], ${col((p) => p.unit)}::text[], ${col((p) => p.education)}::text[],
                               ${col((p) => p.grade)}::text[], ${col((p) => p.experience)}::smallint[], ${col((p) => p.skills)}::text[], ${col((p) => p.resume)}::text[],
                               ${col((p) => p.validUntil)}::date[], ${col((p) => p.visibility)}::text[], ${col((p) => p.recommendations)}::boolean[],
                               ${col((p) => p.created)}::timestamptz[], ${col((p) => p.updated)}::timestamptz[])
            as x(phone, name, division, categories, priority, residence, home, occupations, places, salary_min, salary_max, unit, education, grade, experience, skills, resume,
                 valid_until, visibility, recommendations, created, updated)
        ), people as (
          insert into accounts (phone, display_name, created_at) select phone, name, created from input returning id, phone
        ), members as (
          insert into memberships (account_id, role, created_at, created_by) select p.id, 'seeker', i.created, p.id from people p join input i using (phone)
        ), consents as (
          insert into seeker_consents (account_id, subject, notice_version, given_at) select p.id, 'notice', ${notice}, i.created from people p join input i using (phone)
        )
        insert into seekers (division_code, account_id, name, phone, categories, priority_groups, residence_division, home_division, desired_occupations, desired_divisions,
                             salary_min, salary_max, salary_unit, education_code, skill_grade, experience_years, skills, resume, valid_until, visibility, recommendations, created_at, updated_at)
        select i.division, p.id, i.name, i.phone, i.categories::text[], i.priority::text[], i.residence, i.home, i.occupations::text[], i.places::text[],
               i.salary_min, i.salary_max, i.unit, i.education, i.grade, i.experience, i.skills, i.resume, i.valid_until, i.visibility, i.recommendations, i.created, i.updated
          from input i join people p using (phone)`.execute(tx);
      n += Number(r.numAffectedRows ?? 0);
      if (Math.floor(to / 50_000) > Math.floor(from / 50_000) || to === total) log(`${n} job seekers`);
    }
    audit({ action: 'seed.scale.seekers', divisionCode: null, detail: { scale: ctx.scale, seekers: n, ...tally } });
    return n;
  });
  return { seekers: written, accounts: written, ...tally, ...visibilities };
}

export const seekersPart: SeedPart = {
  name: 'seekers',
  description: 'job seekers signed up with consent and a registration: migrant workers, college graduates and others, with desired occupations, places, pay, skills and résumés',
  needs: [],
  run,
};
