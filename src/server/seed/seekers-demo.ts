// Demo job seekers (issue 9): demo.ts makes 王大山 (`seeker`) and 李思雨 (`graduate`) sign-ins with a
// seeker membership, as POST /seekers/register leaves a person; here each consents to the notice of
// how the information is used, under its current version, as registering records it (decision
// 0040), and then does what real seekers do next, through the modules' own services, so the audit
// rows, consents, in-app messages (outbox) and grants are the ones real requests write:
//   - 王大山, a migrant worker from 镇雄县 (昭通) living in 五华区, fills in his registration (外埠人员,
//     migrant worker, production jobs, 4,500–6,000 a month, junior high school, skills and a short
//     résumé; seen by the agencies serving him and the employers he applies to), authorises
//     昆明五华人力资源服务有限公司 (agency-wh) to serve him and applies to employer-km's 防护服缝纫工,
//     which shortlists him; agency-wh refers him to employer-km's 口罩机操作工;
//   - 李思雨, this year's college graduate living in 呈贡区, fills in hers (found by employers, so
//     employer-km's 人才推荐 has a candidate for its sewing job from the start) and applies to 口罩机操作工.
// Everything happens at the clock's now, after the demo postings are published (market-demo.ts).
import type { Deps } from '../deps.ts';
import { beijingDate } from '../../shared/beijing-day.ts';
import { demoCitizenId as citizenId } from './citizen-ids.ts';
import * as identity from '../modules/identity/service.ts';
import * as market from '../modules/market/service.ts';
import * as seekers from '../modules/seekers/service.ts';

const CTX = { requestId: 'seed-demo', ip: 'local', locale: 'zh-CN' as const };

/** The demo postings the seekers apply to and are referred to (employer-km's, market-demo.ts). */
export const SEEKER_DEMO_POSTINGS = { sewing: '防护服缝纫工', maskMachine: '口罩机操作工' } as const;

type ProfileInput = Parameters<typeof seekers.saveProfile>[2];

/** 王大山's registration: a migrant worker from 镇雄县 (530627) living in 五华区 (530102). */
export function wangDashanProfile(): ProfileInput {
  return {
    name: '王大山',
    idNumber: citizenId('530627', '19860315', 131),
    // the separate consent to the ID number (sensitive personal information), ticked beside it
    idNumberConsent: true,
    // 外埠人员: his household is in 昭通, he looks for work in 昆明 (本市农村人员 is Kunming's own rural labour)
    categories: ['from_outside_city'],
    priorityGroups: ['migrant_worker'],
    residenceDivision: '530102',
    homeDivision: '530627',
    // 生产制造及有关人员 (the major group: the shipped table has the eight groups only)
    desiredOccupations: ['6'],
    desiredDivisions: ['530102', '530103'],
    salaryMin: 4500,
    salaryMax: 6000,
    salaryUnit: 'month',
    educationCode: '70',
    skillGrade: '缝纫工（五级/初级工）',
    experienceYears: 8,
    skills: '平缝机、包缝机操作熟练，会看工艺单，能上夜班。',
    resume: '初中毕业后外出务工：在广东东莞的服装厂做平车工六年，后回云南在曲靖一家箱包厂做缝纫工两年。春节后来昆明找工作，现住五华区，希望找提供宿舍的工厂岗位。',
    visibility: 'applied',
  };
}

/** 李思雨's registration: this year's college graduate (大学专科) living in 呈贡区 (530114); born 21 years before this Beijing year. */
export function liSiyuProfile(today: string): ProfileInput {
  return {
    name: '李思雨',
    idNumber: citizenId('530402', `${Number(today.slice(0, 4)) - 21}0612`, 242),
    idNumberConsent: true,
    categories: ['new_entrant', 'new_graduate'],
    priorityGroups: ['college_graduate'],
    residenceDivision: '530114',
    homeDivision: '530402',
    desiredOccupations: ['2', '6'],
    desiredDivisions: ['530114', '530102'],
    salaryMin: 4000,
    salaryMax: 5500,
    salaryUnit: 'month',
    educationCode: '30',
    experienceYears: 0,
    skills: '医疗器械维护与管理专业，熟悉常用检测仪器的使用与点检；会用办公软件。',
    resume: '今年毕业于呈贡大学城的一所职业技术学院（医疗器械维护与管理专业），在校期间在一家医疗器械公司实习三个月，做过来料检验和设备点检。希望在昆明从事医用防护用品的生产或质检工作。',
    // a graduate who lets employers find her: the demo employer's 人才推荐 proposes her out of the box
    visibility: 'employers',
  };
}

/**
 * Seeds the demo seekers' registrations, authorisation and applications once: nothing when 王大山
 * already has a profile, or when a demo person or employer-km's postings are missing (a database
 * seeded by something else). Returns how many applications it made (3 on a fresh demo).
 */
export async function seedSeekersDemo(deps: Deps): Promise<number> {
  const [wang, li, employer, agency] = await Promise.all([
    identity.actorOfUsername(deps, 'seeker', 'seeker'),
    identity.actorOfUsername(deps, 'graduate', 'seeker'),
    identity.actorOfUsername(deps, 'employer-km', 'employer'),
    identity.actorOfUsername(deps, 'agency-wh', 'agency_admin'),
  ]);
  if (!wang || !li || !employer?.employerId || !agency?.agencyId) return 0;
  if (await deps.db.selectFrom('seekers').select('id').where('account_id', '=', wang.accountId).limit(1).executeTakeFirst()) return 0;
  const posting = async (title: string) =>
    (
      await deps.db
        .selectFrom('postings')
        .select('id')
        .where('division_code', '=', employer.divisionCode as string)
        .where('employer_id', '=', employer.employerId as number)
        .where('title', '=', title)
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirst()
    )?.id;
  const sewing = await posting(SEEKER_DEMO_POSTINGS.sewing);
  const maskMachine = await posting(SEEKER_DEMO_POSTINGS.maskMachine);
  if (sewing === undefined || maskMachine === undefined) return 0;

  // the notice each read and agreed to when signing up (POST /seekers/register's noticeVersion and consent)
  const notice = seekers.currentNoticeVersion(deps.config);
  await seekers.consentToNotice(deps, wang, notice, CTX);
  await seekers.consentToNotice(deps, li, notice, CTX);
  // the registrations (PUT /seekers/me)
  const wangProfile = await seekers.saveProfile(deps, wang, wangDashanProfile(), CTX);
  await seekers.saveProfile(deps, li, liSiyuProfile(beijingDate(deps.clock.now())), CTX);
  // 王大山 authorises the 五华 agency, applies to the sewing job, and employer-km shortlists him
  await seekers.authoriseAgency(deps, wang, agency.agencyId, CTX);
  const sewingApplication = await market.applyToPosting(deps, wang, sewing, CTX);
  await market.moveApplication(deps, employer, sewingApplication.id, 'shortlisted', CTX);
  // the agency refers him to the mask-machine job, acting with the grant his authorisation gave it
  // (loaded as its next session would load it)
  const granted = await identity.actorOfUsername(deps, 'agency-wh', 'agency_admin');
  if (!granted) throw new Error('agency-wh cannot act after the authorisation');
  await market.referSeeker(deps, granted, { postingId: maskMachine, seekerId: wangProfile.id }, CTX);
  // 李思雨 applies to the mask-machine job
  await market.applyToPosting(deps, li, maskMachine, CTX);
  return 3;
}
