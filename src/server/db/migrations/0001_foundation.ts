// Foundation schema: reference tables, identity, registry, audit, outbox.
// Scale-out rules (docs/decisions/0002-sharding-ready-keys.md): place-owned tables carry
// division_code (the owning county), first in the primary key and in every unique constraint;
// foreign keys between them are composite; ids are bigint identity.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- the role is cluster-wide: another database on the same server may create it at the same moment
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yunqiao_app') THEN
        CREATE ROLE yunqiao_app NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END $$;

    -- Reference tables (small, replicated to every node when sharded) -------------------------
    CREATE TABLE divisions (
      code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
      parent_code text COLLATE "C" REFERENCES divisions (code),
      prefecture_code text COLLATE "C",
      province_code text COLLATE "C" NOT NULL
    );
    CREATE INDEX divisions_parent ON divisions (parent_code);

    CREATE TABLE industries (
      code text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
      parent_code text COLLATE "C" REFERENCES industries (code),
      remark text
    );
    CREATE INDEX industries_parent ON industries (parent_code);

    -- 职业分类大典 (2022): only the 8 major groups ship; the deployer imports the full table.
    CREATE TABLE occupations (
      code text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
      parent_code text COLLATE "C" REFERENCES occupations (code) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE INDEX occupations_parent ON occupations (parent_code);

    CREATE TABLE education_levels (
      code text COLLATE "C" PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      rank smallint NOT NULL
    );

    -- Registry (place-owned) -------------------------------------------------------------------
    CREATE TABLE agencies (
      division_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      id bigint GENERATED ALWAYS AS IDENTITY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('public', 'commercial')),
      licence_no text NOT NULL,
      credit_code text COLLATE "C" NOT NULL,
      address text NOT NULL,
      responsible_person text NOT NULL,
      responsible_phone text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, credit_code)
    );
    CREATE INDEX agencies_id ON agencies (id);

    CREATE TABLE employers (
      division_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      id bigint GENERATED ALWAYS AS IDENTITY,
      credit_code text COLLATE "C" NOT NULL,
      name text NOT NULL,
      industry_code text COLLATE "C" NOT NULL REFERENCES industries (code),
      address text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      -- 防疫物资生产企业, set by a bureau (M3 priority)
      epidemic_supplies_producer boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, credit_code)
    );
    CREATE INDEX employers_id ON employers (id);

    CREATE TABLE agency_staff (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      name text NOT NULL,
      phone text NOT NULL,
      -- citizen ID: encrypted at rest, keyed hash for uniqueness, masked copy for lists
      id_number_enc text NOT NULL,
      id_number_hash text NOT NULL,
      id_number_masked text NOT NULL,
      position text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, agency_id, id_number_hash),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id)
    );
    CREATE INDEX agency_staff_agency ON agency_staff (division_code, agency_id, id);

    -- Identity (keyed by province-wide unique values, not place-owned) ------------------------
    CREATE TABLE accounts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text COLLATE "C" NOT NULL UNIQUE,
      phone text COLLATE "C" UNIQUE,
      password_hash text,
      role text NOT NULL CHECK (role IN ('province', 'prefecture', 'county', 'agency_admin',
                                         'agency_staff', 'employer', 'seeker')),
      display_name text NOT NULL,
      -- officials: the division they answer for (six digits)
      official_division text COLLATE "C" REFERENCES divisions (code),
      -- agency and employer roles: the organisation, by its composite key
      org_division text COLLATE "C",
      agency_id bigint,
      staff_id bigint,
      employer_id bigint,
      seeker_group text CHECK (seeker_group IN ('migrant', 'graduate', 'other')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      password_changed_at timestamptz,
      created_at timestamptz NOT NULL,
      FOREIGN KEY (org_division, agency_id) REFERENCES agencies (division_code, id),
      FOREIGN KEY (org_division, staff_id) REFERENCES agency_staff (division_code, id),
      FOREIGN KEY (org_division, employer_id) REFERENCES employers (division_code, id),
      CHECK ((role IN ('province', 'prefecture', 'county')) = (official_division IS NOT NULL)),
      CHECK ((role IN ('agency_admin', 'agency_staff')) = (agency_id IS NOT NULL)),
      CHECK ((role = 'employer') = (employer_id IS NOT NULL))
    );

    CREATE TABLE sessions (
      token_hash text COLLATE "C" PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      idle_expires_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_account ON sessions (account_id);
    CREATE INDEX sessions_expires ON sessions (expires_at);

    -- failed sign-ins per login name, whether or not the account exists (same answer either way)
    CREATE TABLE login_throttle (
      login text COLLATE "C" PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz
    );

    -- one-time SMS login codes, one live code per phone
    CREATE TABLE login_codes (
      phone text COLLATE "C" PRIMARY KEY,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0
    );

    -- Audit: append-only, one hash chain per division ----------------------------------------
    CREATE TABLE audit_log (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      seq bigint NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      at timestamptz NOT NULL,
      actor_id bigint,
      actor_username text,
      actor_role text,
      action text NOT NULL,
      target_type text,
      target_id text,
      outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      request_id text,
      ip text,
      detail jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (division_code, seq)
    );
    CREATE INDEX audit_log_at ON audit_log (division_code, at);

    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $f$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

    -- Outbox: messages to the outside, written in the transaction that causes them ----------
    CREATE TABLE outbox (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      channel text NOT NULL CHECK (channel IN ('sms', 'wechat', 'email', 'inapp')),
      recipient text NOT NULL,
      template text NOT NULL,
      payload jsonb NOT NULL,
      idempotency_key text COLLATE "C" NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, idempotency_key)
    );
    CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE outbox, audit_log, login_codes, login_throttle, sessions, accounts, agency_staff, employers,
      agencies, education_levels, occupations, industries, divisions;
    DROP FUNCTION audit_log_is_append_only();
  `.execute(db);
}
