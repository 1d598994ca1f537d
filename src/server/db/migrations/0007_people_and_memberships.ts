// People and their memberships (issue 7 §1, decision 0023). An account is a person: one sign-in
// (a user name and password, or a verified phone and SMS codes) that holds any number of
// memberships — an agency administrator who is also on the roster, a worker on two agencies'
// rosters, a county official. What an account may do comes from the membership its session acts
// as (sessions.membership_id), chosen after sign-in and switchable. The role columns move from
// accounts to memberships, one membership per existing account. Memberships are keyed by their own
// id (province-wide, like accounts and sessions) and point at the place they belong to by the
// same composite keys accounts did.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE memberships (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      role text NOT NULL CHECK (role IN ('province', 'prefecture', 'county', 'agency_admin',
                                         'agency_staff', 'employer', 'seeker')),
      official_division text COLLATE "C" REFERENCES divisions (code),
      org_division text COLLATE "C",
      agency_id bigint,
      staff_id bigint,
      employer_id bigint,
      seeker_group text CHECK (seeker_group IN ('migrant', 'graduate', 'other')),
      -- disabled: by an official above, or a roster row that departed; its sessions are deleted
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      created_at timestamptz NOT NULL,
      -- the account that created it (null: the seed, the bootstrap command, a migration)
      created_by bigint REFERENCES accounts (id),
      last_used_at timestamptz,
      FOREIGN KEY (org_division, agency_id) REFERENCES agencies (division_code, id),
      FOREIGN KEY (org_division, staff_id) REFERENCES agency_staff (division_code, id),
      FOREIGN KEY (org_division, employer_id) REFERENCES employers (division_code, id),
      CHECK ((role IN ('province', 'prefecture', 'county')) = (official_division IS NOT NULL)),
      CHECK ((role IN ('agency_admin', 'agency_staff')) = (agency_id IS NOT NULL)),
      CHECK ((role = 'agency_staff') = (staff_id IS NOT NULL)),
      CHECK ((role = 'employer') = (employer_id IS NOT NULL)),
      CHECK ((official_division IS NULL) OR (org_division IS NULL))
    );
    CREATE INDEX memberships_account ON memberships (account_id);
    CREATE INDEX memberships_official ON memberships (official_division) WHERE official_division IS NOT NULL;
    CREATE INDEX memberships_org ON memberships (org_division) WHERE org_division IS NOT NULL;
    -- a roster row is one membership; a person holds a place's role once
    CREATE UNIQUE INDEX memberships_staff_row ON memberships (org_division, staff_id) WHERE staff_id IS NOT NULL;
    CREATE UNIQUE INDEX memberships_one_per_place ON memberships (account_id, role,
      coalesce(official_division, ''), coalesce(org_division, ''), coalesce(agency_id, 0), coalesce(employer_id, 0))
      WHERE staff_id IS NULL;

    INSERT INTO memberships (account_id, role, official_division, org_division, agency_id, staff_id, employer_id, seeker_group, status, created_at)
      SELECT id, role, official_division, org_division, agency_id, staff_id, employer_id, seeker_group, 'active', created_at FROM accounts ORDER BY id;

    ALTER TABLE sessions ADD COLUMN membership_id bigint REFERENCES memberships (id) ON DELETE CASCADE;
    -- how the session was opened: an SMS code opens only the roles policy allows by SMS, and a
    -- switch stays among those (a SIM alone never reaches an administrator's membership)
    ALTER TABLE sessions ADD COLUMN sign_in_method text NOT NULL DEFAULT 'password' CHECK (sign_in_method IN ('password', 'sms'));
    UPDATE sessions s SET membership_id = m.id FROM memberships m WHERE m.account_id = s.account_id;
    ALTER TABLE sessions ALTER COLUMN membership_id SET NOT NULL;
    CREATE INDEX sessions_membership ON sessions (membership_id);

    ALTER TABLE accounts
      DROP COLUMN role, DROP COLUMN official_division, DROP COLUMN org_division, DROP COLUMN agency_id,
      DROP COLUMN staff_id, DROP COLUMN employer_id, DROP COLUMN seeker_group;
    -- people on a roster sign in by phone alone: no user name
    ALTER TABLE accounts ALTER COLUMN username DROP NOT NULL;
    ALTER TABLE accounts
      -- a one-time password (the bootstrap command, an official creating another) must be changed at first sign-in
      ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
      -- keyed hash of the last 6 characters of the ID number on file (a roster row's), asked for
      -- when an SMS sign-in follows 6 months without use (a recycled number)
      ADD COLUMN id_tail_hash text,
      ADD COLUMN last_signed_in_at timestamptz,
      ADD COLUMN phone_changed_at timestamptz;
    ALTER TABLE accounts ADD CONSTRAINT accounts_has_login CHECK (username IS NOT NULL OR phone IS NOT NULL OR status = 'disabled');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE accounts DROP CONSTRAINT accounts_has_login;
    ALTER TABLE accounts DROP COLUMN must_change_password, DROP COLUMN id_tail_hash, DROP COLUMN last_signed_in_at, DROP COLUMN phone_changed_at;
    ALTER TABLE accounts ADD COLUMN role text, ADD COLUMN official_division text COLLATE "C", ADD COLUMN org_division text COLLATE "C",
      ADD COLUMN agency_id bigint, ADD COLUMN staff_id bigint, ADD COLUMN employer_id bigint, ADD COLUMN seeker_group text;
    -- back to one role an account: its first membership's
    UPDATE accounts a SET role = m.role, official_division = m.official_division, org_division = m.org_division,
      agency_id = m.agency_id, staff_id = m.staff_id, employer_id = m.employer_id, seeker_group = m.seeker_group
      FROM (SELECT DISTINCT ON (account_id) * FROM memberships ORDER BY account_id, id) m WHERE m.account_id = a.id;
    UPDATE accounts SET role = 'seeker' WHERE role IS NULL;
    UPDATE accounts SET username = 'account-' || id WHERE username IS NULL;
    ALTER TABLE accounts ALTER COLUMN role SET NOT NULL, ALTER COLUMN username SET NOT NULL;
    ALTER TABLE sessions DROP COLUMN membership_id, DROP COLUMN sign_in_method;
    DROP TABLE memberships;
  `.execute(db);
}
