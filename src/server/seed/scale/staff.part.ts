// The `staff` part: agencies spread over the scale's counties, each with an administrator (one
// shared password hash) and a roster of staff who sign in by phone — each a person (account), a
// staff membership, a consent to health-data processing given on their own phone (so they can
// check in at once), and an open session whose token is written to the sessions file for the
// benchmark's clients. Every value a key protects (ID numbers, the ID tail) is made with the
// deployment's keys, as the registry and identity modules make them.
import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { maskCitizenId } from '../../../shared/checksums.ts';
import { command } from '../../platform/command.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { sessionLimits } from '../../modules/identity/policy.ts';
import { hashPassword, idTailHash } from '../../modules/identity/service.ts';
import { CONSENT_TEXT_VERSION } from '../../modules/prevention/schemas.ts';
import { DEMO_PASSWORD, demoCitizenId, demoCreditCode } from '../demo.ts';
import { chunks, type PartContext, type PartSummary, SCALES, type SeedPart } from './common.ts';

/** Generated agencies carry this licence prefix: how later parts (and a second run) find them. */
export const SCALE_LICENCE_PREFIX = '（规模数据）';
/** Credit code serials of generated agencies start here (the demo's are below 100). */
const CREDIT_SERIAL_BASE = 1_000_000;

/** One session a benchmark client can use: `Cookie: yq_sid={token}`. */
export type ScaleSession = { divisionCode: string; agencyId: number; staffId: number; accountId: number; token: string };
export type SessionsFile = { scale: string; createdAt: string; password: string; sessions: ScaleSession[] };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A birth date `YYYYMMDD` for person n: 1,000 people a day from 1970-01-01 (the ID serial is n mod 1000). */
function birthOf(n: number): string {
  return new Date(Date.UTC(1970, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}

async function countiesOf(ctx: PartContext): Promise<string[]> {
  const spec = SCALES[ctx.scale].counties;
  if (spec !== 'all') return spec;
  const rows = await ctx.deps.db.selectFrom('divisions').select('code').where('level', '=', 'county').where('active', '=', true).where('code', 'like', '53%').orderBy('code').execute();
  if (!rows.length) throw new Error('no counties loaded: run `yunqiao migrate` first (reference data)');
  return rows.map((r) => r.code);
}

async function run(ctx: PartContext): Promise<PartSummary> {
  const { deps, log } = ctx;
  const spec = { ...SCALES[ctx.scale], ...ctx.size };
  const present = await deps.db.selectFrom('agencies').select('id').where('licence_no', 'like', `${SCALE_LICENCE_PREFIX}%`).limit(1).executeTakeFirst();
  if (present) throw new Error('generated agencies are present already (licence numbers starting 「（规模数据）」): seed a fresh database');
  const counties = await countiesOf(ctx);
  const now = deps.clock.now();
  const adminHash = await hashPassword(DEMO_PASSWORD); // once, for every administrator
  const staffLimits = sessionLimits('agency_staff');

  // agencies, round-robin over the counties
  const agencies = Array.from({ length: spec.agencies }, (_, i) => {
    const division = counties[i % counties.length] as string;
    return {
      division,
      name: `规模测试人力资源服务机构${i + 1}号`,
      kind: i % 3 === 0 ? 'public' : 'commercial',
      licence: `${SCALE_LICENCE_PREFIX}〔2020〕第${i + 1}号`,
      credit: demoCreditCode(division, CREDIT_SERIAL_BASE + i),
      address: `云南省${division}测试路 ${i + 1} 号`,
      person: `负责人${i + 1}`,
      phone: `196${pad(i, 8)}`,
    };
  });
  const staff = agencies.flatMap((a, j) =>
    Array.from({ length: spec.staffPerAgency }, (_, k) => {
      const n = j * spec.staffPerAgency + k;
      const idNumber = demoCitizenId(a.division, birthOf(n), n % 1000);
      return { agency: j, division: a.division, name: `测试员工${n + 1}`, phone: `195${pad(n, 8)}`, idNumber, position: k === 0 ? '招聘专员' : '窗口受理' };
    }),
  );
  log(`${agencies.length} agencies over ${counties.length} counties, ${staff.length} staff`);

  const sessions = await command(deps, { actor: null, ctx: { requestId: 'seed-scale', ip: 'local' } }, async ({ tx, audit }) => {
    const agencyIds: number[] = [];
    for (const [from, to] of chunks(agencies.length)) {
      const part = agencies.slice(from, to);
      const rows = await sql<{ id: number; credit_code: string }>`
        insert into agencies (division_code, name, kind, licence_no, credit_code, address, responsible_person, responsible_phone, created_at, updated_at)
        select d, n, k, l, c, a, p, ph, ${now}, ${now}
        from unnest(${part.map((a) => a.division)}::text[], ${part.map((a) => a.name)}::text[], ${part.map((a) => a.kind)}::text[], ${part.map((a) => a.licence)}::text[],
                    ${part.map((a) => a.credit)}::text[], ${part.map((a) => a.address)}::text[], ${part.map((a) => a.person)}::text[], ${part.map((a) => a.phone)}::text[])
          as t(d, n, k, l, c, a, p, ph)
        returning id, credit_code`.execute(tx);
      const byCredit = new Map(rows.rows.map((r) => [r.credit_code, Number(r.id)]));
      for (const a of part) agencyIds.push(byCredit.get(a.credit) as number);
    }
    await sql`
      insert into credit_code_claims (credit_code, kind, owner_division, owner_id, claimed_at)
      select credit_code, 'agency', division_code, id, created_at from agencies where licence_no like ${`${SCALE_LICENCE_PREFIX}%`}`.execute(tx);
    log('agencies and their credit code claims loaded');

    // administrators: one account and membership per agency, one shared password hash
    const admins = await sql<{ id: number }>`
      insert into accounts (username, password_hash, display_name, created_at)
      select 'scale-admin-' || g, ${adminHash}, '机构管理员' || g, ${now} from generate_series(1, ${agencies.length}::int) g
      returning id`.execute(tx);
    await sql`
      insert into memberships (account_id, role, org_division, agency_id, created_at)
      select a.id, 'agency_admin', d, ag, ${now}
      from unnest(${admins.rows.map((r) => Number(r.id))}::bigint[], ${agencies.map((a) => a.division)}::text[], ${agencyIds}::bigint[]) as a(id, d, ag)`.execute(tx);
    log('administrators loaded');

    const out: { divisionCode: string; agencyId: number; staffId: number; accountId: number; token: string }[] = [];
    for (const [from, to] of chunks(staff.length)) {
      const part = staff.slice(from, to);
      const agencyOf = part.map((s) => agencyIds[s.agency] as number);
      const staffRows = await sql<{ id: number; phone: string }>`
        insert into agency_staff (division_code, agency_id, name, phone, id_number_enc, id_number_hash, id_number_masked, position, created_at, updated_at)
        select d, ag, n, ph, enc, h, m, pos, ${now}, ${now}
        from unnest(${part.map((s) => s.division)}::text[], ${agencyOf}::bigint[], ${part.map((s) => s.name)}::text[], ${part.map((s) => s.phone)}::text[],
                    ${part.map((s) => deps.crypto.encrypt(s.idNumber))}::text[], ${part.map((s) => deps.crypto.keyedHash(s.idNumber))}::text[],
                    ${part.map((s) => maskCitizenId(s.idNumber))}::text[], ${part.map((s) => s.position)}::text[])
          as t(d, ag, n, ph, enc, h, m, pos)
        returning id, phone`.execute(tx);
      const staffIdOf = new Map(staffRows.rows.map((r) => [r.phone, Number(r.id)]));
      const accountRows = await sql<{ id: number; phone: string }>`
        insert into accounts (phone, display_name, id_tail_hash, created_at)
        select ph, n, tail, ${now} from unnest(${part.map((s) => s.phone)}::text[], ${part.map((s) => s.name)}::text[], ${part.map((s) => idTailHash(deps, s.idNumber))}::text[]) as t(ph, n, tail)
        returning id, phone`.execute(tx);
      const accountOf = new Map(accountRows.rows.map((r) => [r.phone, Number(r.id)]));
      const staffIds = part.map((s) => staffIdOf.get(s.phone) as number);
      const accountIds = part.map((s) => accountOf.get(s.phone) as number);
      const membershipRows = await sql<{ id: number; account_id: number }>`
        insert into memberships (account_id, role, org_division, agency_id, staff_id, created_at)
        select a, 'agency_staff', d, ag, st, ${now} from unnest(${accountIds}::bigint[], ${part.map((s) => s.division)}::text[], ${agencyOf}::bigint[], ${staffIds}::bigint[]) as t(a, d, ag, st)
        returning id, account_id`.execute(tx);
      const membershipOf = new Map(membershipRows.rows.map((r) => [Number(r.account_id), Number(r.id)]));
      await sql`
        insert into prevention_consents (division_code, agency_id, staff_id, text_version, given_at, given_by, method)
        select d, ag, st, ${CONSENT_TEXT_VERSION}, ${now}, a, 'self' from unnest(${part.map((s) => s.division)}::text[], ${agencyOf}::bigint[], ${staffIds}::bigint[], ${accountIds}::bigint[]) as t(d, ag, st, a)`.execute(tx);
      const tokens = part.map(() => randomBytes(32).toString('base64url'));
      await sql`
        insert into sessions (token_hash, account_id, membership_id, sign_in_method, created_at, last_seen_at, idle_expires_at, expires_at, ip, user_agent)
        select h, a, m, 'sms', ${now}, ${now}, ${new Date(now.getTime() + staffLimits.idleMs)}, ${new Date(now.getTime() + staffLimits.absoluteMs)}, 'local', 'yunqiao seed --scale'
        from unnest(${tokens.map(sha256Hex)}::text[], ${accountIds}::bigint[], ${accountIds.map((a) => membershipOf.get(a) as number)}::bigint[]) as t(h, a, m)`.execute(tx);
      part.forEach((s, i) => {
        out.push({ divisionCode: s.division, agencyId: agencyOf[i] as number, staffId: staffIds[i] as number, accountId: accountIds[i] as number, token: tokens[i] as string });
      });
      log(`staff ${to}/${staff.length}`);
    }
    audit({ action: 'seed.scale.staff', divisionCode: null, detail: { scale: ctx.scale, agencies: agencies.length, counties: counties.length, staff: staff.length } });
    return out;
  });

  const file: SessionsFile = { scale: ctx.scale, createdAt: now.toISOString(), password: DEMO_PASSWORD, sessions };
  writeFileSync(ctx.sessionsFile, JSON.stringify(file), { mode: 0o600 });
  chmodSync(ctx.sessionsFile, 0o600);
  log(`${sessions.length} session tokens written to ${ctx.sessionsFile} (secrets: keep it to the benchmark)`);
  return { counties: counties.length, agencies: agencies.length, administrators: agencies.length, staff: staff.length, consents: staff.length, sessions: sessions.length };
}

export const staffPart: SeedPart = {
  name: 'staff',
  description: 'agencies with administrators, rosters of staff who sign in by phone, their consents and open sessions',
  needs: [],
  run,
};
