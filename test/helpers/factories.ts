// Plain factories for test data: unique per call, valid by construction (check digits included).
import { citizenIdCheckChar, creditCodeCheckChar, maskCitizenId } from '../../src/shared/checksums.ts';
import type { Deps } from '../../src/server/deps.ts';
import * as identityRepo from '../../src/server/modules/identity/repository.ts';
import { hashPassword } from '../../src/server/modules/identity/service.ts';
import * as staffRepo from '../../src/server/modules/registry/repository/staff.ts';

let counter = Math.floor(Math.random() * 1_000_000);
export const unique = () => ++counter;

export function creditCode(division = '530102'): string {
  const first17 = `91${division}MA${String(unique() % 10_000_000).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

export function citizenId(division = '530102'): string {
  const n = unique();
  const first17 = `${division}1990${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

export function mobile(): string {
  return `15${String(unique()).padStart(9, '0').slice(-9)}`;
}

export function agencyInput(division = '530102') {
  return {
    name: `测试人力资源服务机构${unique()}`,
    kind: 'commercial' as const,
    licenceNo: `TEST-${unique()}`,
    creditCode: creditCode(division),
    divisionCode: division,
    address: '测试地址 1 号',
    responsiblePerson: '测试负责人',
    responsiblePhone: mobile(),
  };
}

// argon2id at the production profile costs tens of milliseconds a hash: one hash per password per
// worker process, shared by the accounts made with it (signing in still verifies it for real).
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
}

/** An account of any role, with a unique username; returns the username. */
export async function createAccount(
  deps: Deps,
  a: { role: string; password?: string; phone?: string | null; official_division?: string; org_division?: string; agency_id?: number; staff_id?: number; employer_id?: number; seeker_group?: string },
): Promise<string> {
  const username = `t-${a.role}-${unique()}`;
  const { id } = await identityRepo.insertAccount(deps.db, {
    username,
    phone: a.phone ?? null,
    password_hash: await hashOnce(a.password ?? 'Test-password-2020'),
    display_name: username,
    created_at: deps.clock.now(),
  });
  // a roster row made through the registry has its membership already (with the row's phone's person): moved here
  if (a.staff_id !== undefined && a.org_division !== undefined && a.agency_id !== undefined) {
    await identityRepo.upsertStaffMembership(deps.db, { account_id: id, org_division: a.org_division, agency_id: a.agency_id, staff_id: a.staff_id, created_at: deps.clock.now(), created_by: null });
    return username;
  }
  await identityRepo.upsertMembership(deps.db, {
    account_id: id,
    role: a.role,
    official_division: a.official_division ?? null,
    org_division: a.org_division ?? null,
    agency_id: a.agency_id ?? null,
    staff_id: a.staff_id ?? null,
    employer_id: a.employer_id ?? null,
    seeker_group: a.seeker_group ?? null,
    created_at: deps.clock.now(),
  });
  return username;
}

/** A roster row of an agency, written straight to the table (no membership: createAccount with its staff_id adds one); returns its id. */
export async function createStaffRow(deps: Deps, agency: { division_code: string; id: number }, phone = mobile()): Promise<number> {
  const idNumber = citizenId(agency.division_code);
  const now = deps.clock.now();
  const [id] = await staffRepo.insertStaff(deps.db, [
    {
      division_code: agency.division_code,
      agency_id: agency.id,
      name: `员工${unique()}`,
      phone,
      id_number_enc: deps.crypto.encrypt(idNumber),
      id_number_hash: deps.crypto.keyedHash(idNumber),
      id_number_masked: maskCitizenId(idNumber),
      position: '',
      created_at: now,
      updated_at: now,
    },
  ]);
  return id as number;
}
