// Demo data (first run, and `yunqiao seed --demo`): the usernames below are a contract that tests
// and docs rely on. Everything goes through the services' own repositories and the audit trail.
import { verify } from '@node-rs/argon2';
import type { Deps } from '../deps.ts';
import { creditCodeCheckChar, maskCitizenId } from '../../shared/checksums.ts';
import { demoCitizenId } from './citizen-ids.ts';
import { command } from '../platform/command.ts';
import * as identityRepo from '../modules/identity/repository.ts';
import type { Actor } from '../actor.ts';
import { actorFromRow, admitRosterRows, hashPassword, type RosterRow } from '../modules/identity/service.ts';
import * as agencyRepo from '../modules/registry/repository/agencies.ts';
import * as employerRepo from '../modules/registry/repository/employers.ts';
import * as staffRepo from '../modules/registry/repository/staff.ts';
import { seedPreventionDemo } from './prevention-demo.ts';
import { seedIncidentsDemo } from './prevention-incidents-demo.ts';
import { seedPlansDemo } from './prevention-plans-demo.ts';
import { seedMarketDemo } from './market-demo.ts';
import { seedResumptionDemo } from './resumption-demo.ts';
import { seedSeekersDemo } from './seekers-demo.ts';
import { seedVenuesDemo } from './venues-demo.ts';

export const DEMO_PASSWORD = 'yunqiao-demo-2020';

/**
 * Whether any demo account still signs in with the published password (checked on `prov` and the
 * other demo usernames that exist): the server then listens on loopback unless HOST says otherwise.
 */
export async function demoLoginsOpen(deps: Deps): Promise<boolean> {
  for (const username of DEMO_USERNAMES) {
    const account = await identityRepo.findAccountByUsername(deps.db, username);
    if (account?.password_hash && account.status === 'active' && (await verify(account.password_hash, DEMO_PASSWORD).catch(() => false))) return true;
  }
  return false;
}

export function demoCreditCode(division: string, serial: number): string {
  const first17 = `9${1}${division}MA${String(serial).padStart(7, '0')}`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

export { demoCitizenId } from './citizen-ids.ts';

type AgencySeed = { key: string; division: string; name: string; kind: 'public' | 'commercial'; person: string; phone: string; address: string; staff: [string, string][] };

const AGENCIES: AgencySeed[] = [
  { key: 'wh', division: '530102', name: '昆明五华人力资源服务有限公司', kind: 'commercial', person: '李建华', phone: '13708710001', address: '昆明市五华区人民中路 88 号', staff: [['张晓燕', '招聘专员'], ['王磊', '职业指导师'], ['赵丽', '前台接待'], ['杨帆', '测评师']] },
  { key: 'pl', division: '530103', name: '昆明盘龙区公共就业服务中心', kind: 'public', person: '周敏', phone: '13708710002', address: '昆明市盘龙区北京路 1001 号', staff: [['孙强', '窗口受理'], ['何静', '就业指导']] },
  { key: 'xs', division: '530112', name: '云南西山劳务派遣有限公司', kind: 'commercial', person: '马云飞', phone: '13708710003', address: '昆明市西山区滇池路 560 号', staff: [['刘洋', '派遣专员']] },
  { key: 'qlz', division: '530302', name: '曲靖市麒麟区公共就业和人才服务中心', kind: 'public', person: '陈志刚', phone: '13708740001', address: '曲靖市麒麟区麒麟南路 21 号', staff: [['黄秀英', '窗口受理'], ['罗斌', '职业介绍']] },
  { key: 'zy', division: '530303', name: '曲靖沾益人力资源市场', kind: 'commercial', person: '郭海燕', phone: '13708740002', address: '曲靖市沾益区龙华路 5 号', staff: [['宋涛', '招聘专员']] },
  { key: 'ht', division: '530402', name: '玉溪红塔人力资源服务有限公司', kind: 'commercial', person: '谢明', phone: '13708770001', address: '玉溪市红塔区东风南路 33 号', staff: [['韩梅', '招聘专员']] },
  { key: 'jh', division: '532801', name: '景洪市公共就业服务中心', kind: 'public', person: '岩温', phone: '13708690001', address: '西双版纳州景洪市宣慰大道 9 号', staff: [['玉香', '窗口受理']] },
  { key: 'dl', division: '532901', name: '大理苍洱人力资源有限公司', kind: 'commercial', person: '段志强', phone: '13708720001', address: '大理市下关镇建设路 18 号', staff: [['杨丽华', '职业指导师']] },
];

const EMPLOYERS = [
  { key: 'km', division: '530102', name: '昆明康泰医用防护用品有限公司', industry: '2770', contact: '钱晓东', phone: '13888100001', address: '昆明市五华区科普路 12 号', producer: true },
  { key: 'pl', division: '530103', name: '云南滇池软件有限公司', industry: '6513', contact: '冯佳', phone: '13888100002', address: '昆明市盘龙区白塔路 200 号', producer: false },
  { key: 'ql', division: '530302', name: '曲靖麒麟汽车零部件有限公司', industry: '3670', contact: '蒋伟', phone: '13888740001', address: '曲靖市经开区珠江源大道 66 号', producer: false },
  { key: 'yx', division: '530402', name: '玉溪红塔精制茶厂', industry: '1530', contact: '沈芳', phone: '13888770001', address: '玉溪市红塔区研和镇 3 号', producer: false },
  { key: 'dl', division: '532901', name: '大理洱海旅游饭店有限公司', industry: '6110', contact: '赵雪', phone: '13888720001', address: '大理市大理镇洱海路 7 号', producer: false },
  { key: 'jh', division: '532801', name: '西双版纳热带水果种植合作社', industry: '0151', contact: '岩罕', phone: '13888690001', address: '景洪市嘎洒镇曼达村', producer: false },
];

export const DEMO_PHONES = { staff: '13800000003', seeker: '13900000001', graduate: '13900000002' } as const;

export type SeedResult = { created: boolean; password: string; usernames: string[]; phones: typeof DEMO_PHONES };

export const DEMO_USERNAMES = ['prov', 'km', 'qj', 'wh', 'pl', 'qlz', 'agency-wh', 'agency-qlz', 'staff-wh', 'employer-km', 'seeker', 'graduate'];

export async function seedDemo(deps: Deps, opts: { onlyIfEmpty?: boolean } = {}): Promise<SeedResult> {
  const result = { password: DEMO_PASSWORD, usernames: DEMO_USERNAMES, phones: DEMO_PHONES };
  const existing = opts.onlyIfEmpty
    ? (await identityRepo.countAccounts(deps.db)) > 0
    : Boolean(await identityRepo.findAccountByUsername(deps.db, 'prov'));
  if (existing) return { ...result, created: false };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();
  const who = { actor: null, ctx: { requestId: 'seed-demo', ip: 'local' } };

  // who writes the demo employers' postings: employer-km itself, the province bureau for the others
  const postingWriters = new Map<string, { actor: Actor; employerId: number }>();
  await command(deps, who, async ({ tx, audit, deps: inTx }) => {
    const agencyIds = new Map<string, { division_code: string; id: number }>();
    const staffIds = new Map<string, number>();
    // every roster row is a staff membership of its phone's person, as the roster routes make them
    const rosterRows: RosterRow[] = [];
    let serial = 1;
    for (const a of AGENCIES) {
      const key = await agencyRepo.insertAgency(tx, {
        division_code: a.division,
        name: a.name,
        kind: a.kind,
        licence_no: `（云）人服证字〔2019〕第${a.division.slice(2)}${String(serial).padStart(2, '0')}号`,
        credit_code: demoCreditCode(a.division, serial++),
        address: a.address,
        responsible_person: a.person,
        responsible_phone: a.phone,
        created_at: now,
        updated_at: now,
      });
      agencyIds.set(a.key, key);
      const people = a.staff.map(([name], i) => ({
        name,
        idNumber: demoCitizenId(a.division, `19${88 + i}0${(i % 9) + 1}1${i}`, serial * 10 + i),
        phone: a.key === 'wh' && i === 0 ? DEMO_PHONES.staff : `137${a.division.slice(2)}${String(i).padStart(4, '0')}`,
      }));
      const ids = await staffRepo.insertStaff(
        tx,
        a.staff.map(([name, position], i) => {
          const { idNumber, phone } = people[i] as (typeof people)[number];
          return {
            division_code: a.division,
            agency_id: key.id,
            name,
            phone,
            id_number_enc: deps.crypto.encrypt(idNumber),
            id_number_hash: deps.crypto.keyedHash(idNumber),
            id_number_masked: maskCitizenId(idNumber),
            position,
            created_at: now,
            updated_at: now,
          };
        }),
      );
      staffIds.set(a.key, ids[0] as number);
      ids.forEach((staffId, i) => {
        const p = people[i] as (typeof people)[number];
        rosterRows.push({ divisionCode: a.division, agencyId: key.id, staffId, name: p.name, phone: p.phone, idNumber: p.idNumber });
      });
      audit({ action: 'registry.agency.create', divisionCode: a.division, targetType: 'agency', targetId: key.id, detail: { seed: 'demo' } });
    }
    const employerIds = new Map<string, { division_code: string; id: number }>();
    for (const e of EMPLOYERS) {
      const key = await employerRepo.insertEmployer(tx, {
        division_code: e.division,
        credit_code: demoCreditCode(e.division, serial++),
        name: e.name,
        industry_code: e.industry,
        address: e.address,
        contact_name: e.contact,
        contact_phone: e.phone,
        epidemic_supplies_producer: e.producer,
        created_at: now,
        updated_at: now,
      });
      employerIds.set(e.key, key);
      audit({ action: 'registry.employer.create', divisionCode: e.division, targetType: 'employer', targetId: key.id, detail: { seed: 'demo' } });
    }

    const wh = agencyIds.get('wh') as { division_code: string; id: number };
    const qlz = agencyIds.get('qlz') as { division_code: string; id: number };
    const km = employerIds.get('km') as { division_code: string; id: number };
    const accounts = [
      { username: 'prov', role: 'province', display_name: '云南省人力资源和社会保障厅', official_division: '530000' },
      { username: 'km', role: 'prefecture', display_name: '昆明市人力资源和社会保障局', official_division: '530100' },
      { username: 'qj', role: 'prefecture', display_name: '曲靖市人力资源和社会保障局', official_division: '530300' },
      { username: 'wh', role: 'county', display_name: '五华区人力资源和社会保障局', official_division: '530102' },
      { username: 'pl', role: 'county', display_name: '盘龙区人力资源和社会保障局', official_division: '530103' },
      { username: 'qlz', role: 'county', display_name: '麒麟区人力资源和社会保障局', official_division: '530302' },
      { username: 'agency-wh', role: 'agency_admin', display_name: '李建华（昆明五华人力资源服务有限公司）', org_division: wh.division_code, agency_id: wh.id },
      { username: 'agency-qlz', role: 'agency_admin', display_name: '陈志刚（麒麟区公共就业和人才服务中心）', org_division: qlz.division_code, agency_id: qlz.id },
      { username: 'staff-wh', role: 'agency_staff', display_name: '张晓燕', phone: DEMO_PHONES.staff, org_division: wh.division_code, agency_id: wh.id, staff_id: staffIds.get('wh') },
      { username: 'employer-km', role: 'employer', display_name: '昆明康泰医用防护用品有限公司', org_division: km.division_code, employer_id: km.id },
      { username: 'seeker', role: 'seeker', display_name: '王大山', phone: DEMO_PHONES.seeker, seeker_group: 'migrant' },
      { username: 'graduate', role: 'seeker', display_name: '李思雨', phone: DEMO_PHONES.graduate, seeker_group: 'graduate' },
    ];
    for (const { username, display_name, phone, ...membership } of accounts) {
      const { id } = await identityRepo.insertAccount(tx, { username, display_name, phone: phone ?? null, password_hash: passwordHash, created_at: now });
      const divisionCode = membership.official_division ?? membership.org_division ?? null;
      audit({ action: 'identity.account.create', divisionCode, targetType: 'account', targetId: id, detail: { seed: 'demo', username } });
      const membershipId = await identityRepo.upsertMembership(tx, { account_id: id, created_at: now, ...membership });
      if (username === 'prov' || username === 'employer-km') {
        const m = membership as { role: string; official_division?: string; org_division?: string; employer_id?: number };
        const actor = actorFromRow({ account_id: id, membership_id: membershipId, username, phone: phone ?? null, role: m.role, display_name, official_division: m.official_division ?? null, org_division: m.org_division ?? null, agency_id: null, staff_id: null, employer_id: m.employer_id ?? null });
        if (username === 'employer-km') postingWriters.set('km', { actor, employerId: km.id });
        else for (const [key, e] of employerIds) if (key !== 'km') postingWriters.set(key, { actor, employerId: e.id });
      }
      audit({ action: 'identity.membership.create', divisionCode, targetType: 'membership', targetId: membershipId, detail: { seed: 'demo', role: membership.role } });
      // one person, two memberships: the 五华 roster's 张晓燕 also looks for a second job
      if (username === 'staff-wh') {
        const second = await identityRepo.upsertMembership(tx, { account_id: id, created_at: now, role: 'seeker', seeker_group: 'other' });
        audit({ action: 'identity.membership.create', divisionCode: null, targetType: 'membership', targetId: second, detail: { seed: 'demo', role: 'seeker' } });
      }
    }
    const memberships = await admitRosterRows(inTx, rosterRows, null);
    audit({ action: 'identity.membership.create', divisionCode: null, targetType: 'roster', detail: { seed: 'demo', rosterRows: rosterRows.length, memberships } });
  });
  await seedVenuesDemo(deps);
  await seedPreventionDemo(deps);
  await seedIncidentsDemo(deps);
  await seedPlansDemo(deps);
  await seedMarketDemo(deps, postingWriters);
  await seedSeekersDemo(deps);
  await seedResumptionDemo(deps);
  return { ...result, created: true };
}
