// Job seekers who sign up, employers who register themselves, attachments (issue 9, "People who
// sign up"; decision 0035). Seekers' rows belong to their Yunnan county of residence, else their
// Yunnan home county, else the province's own code (the province sees them). An employer's own
// registration waits for its county bureau and claims no credit code until approved (0007).
import { type Kysely, sql } from 'kysely';

const OWNERSHIP = sql.raw(
  ['state_owned', 'collective', 'joint_stock_cooperative', 'joint_venture', 'limited_liability', 'joint_stock_limited', 'private', 'other_enterprise',
   'hmt_invested', 'foreign_invested', 'individual', 'public_institution', 'government', 'other'].map((v) => `'${v}'`).join(', '),
);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE seekers (
      division_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      id bigint GENERATED ALWAYS AS IDENTITY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      name text NOT NULL,
      phone text NOT NULL,
      -- citizen ID: encrypted, keyed hash (personal-data requests), masked copy for lists
      id_number_enc text,
      id_number_hash text,
      id_number_masked text,
      -- derived from the ID number, for statistics only: never a filter offered to employers
      sex text CHECK (sex IN ('male', 'female')),
      birth_date date,
      -- MOHRSS quarterly supply-demand report categories, any that apply
      categories text[] NOT NULL DEFAULT '{}' CHECK (categories <@ ARRAY['new_entrant', 'new_graduate',
        'unemployed_after_work', 'other_unemployed', 'laid_off', 'employed', 'in_school',
        'rural_local', 'from_outside_city', 'retired']::text[]),
      priority_groups text[] NOT NULL DEFAULT '{}' CHECK (priority_groups <@ ARRAY['college_graduate', 'migrant_worker']::text[]),
      residence_division text COLLATE "C" REFERENCES divisions (code),
      home_division text COLLATE "C" REFERENCES divisions (code),
      desired_occupations text[] NOT NULL DEFAULT '{}',
      desired_divisions text[] NOT NULL DEFAULT '{}',
      salary_min numeric(12, 2) CHECK (salary_min >= 0),
      salary_max numeric(12, 2) CHECK (salary_max >= 0),
      salary_unit text CHECK (salary_unit IN ('month', 'day', 'hour')),
      education_code text COLLATE "C" REFERENCES education_levels (code),
      skill_grade text,
      experience_years smallint CHECK (experience_years BETWEEN 0 AND 70),
      skills text,
      resume text,
      valid_until date NOT NULL,
      visibility text NOT NULL DEFAULT 'agencies' CHECK (visibility IN ('nobody', 'agencies', 'applied', 'employers')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max),
      CHECK ((salary_min IS NULL AND salary_max IS NULL) = (salary_unit IS NULL))
    );
    -- one profile per account: created under a transaction-scoped advisory lock on the account
    CREATE INDEX seekers_account ON seekers (account_id);
    CREATE INDEX seekers_id_hash ON seekers (id_number_hash) WHERE id_number_hash IS NOT NULL;

    -- ownership type as the MOHRSS quarterly supply-demand report groups employers (用人单位性质分组:
    -- 内资企业 — 国有、集体、股份合作、联营、有限责任公司、股份有限公司、私营、其他企业; 港澳台投资企业;
    -- 外商投资企业; 个体经营; 事业; 机关; 其他); null for employers registered before
    ALTER TABLE employers ADD COLUMN ownership_type text CHECK (ownership_type IN (${OWNERSHIP}));

    CREATE TABLE attachments (
      division_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      id bigint GENERATED ALWAYS AS IDENTITY,
      kind text NOT NULL CHECK (kind IN ('business_licence', 'employer_authorisation', 'paper_consent')),
      -- the row it documents (table and id), set when the owner row is written
      owner_table text,
      owner_id bigint,
      media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      uploaded_by bigint NOT NULL REFERENCES accounts (id),
      created_at timestamptz NOT NULL,
      retain_until date NOT NULL,
      PRIMARY KEY (division_code, id)
    );
    CREATE INDEX attachments_owner ON attachments (owner_table, owner_id);
    CREATE INDEX attachments_uploader ON attachments (uploaded_by);

    CREATE TABLE employer_registrations (
      division_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      id bigint GENERATED ALWAYS AS IDENTITY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      credit_code text COLLATE "C" NOT NULL,
      name text NOT NULL,
      industry_code text COLLATE "C" NOT NULL REFERENCES industries (code),
      ownership_type text NOT NULL CHECK (ownership_type IN (${OWNERSHIP})),
      address text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      -- the licence scan; cleared when the scan's retention ends (the decision stays on record)
      licence_attachment_id bigint,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
      reason text,
      decided_by bigint REFERENCES accounts (id),
      decided_at timestamptz,
      employer_id bigint,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, licence_attachment_id) REFERENCES attachments (division_code, id) ON DELETE SET NULL (licence_attachment_id),
      FOREIGN KEY (division_code, employer_id) REFERENCES employers (division_code, id),
      CHECK ((status = 'approved') = (employer_id IS NOT NULL)),
      CHECK ((status = 'refused') = (reason IS NOT NULL))
    );
    -- the county sees every registration naming the same code
    CREATE INDEX employer_registrations_code ON employer_registrations (credit_code);
    CREATE INDEX employer_registrations_account ON employer_registrations (account_id);
    -- an employer acts only after approval: which employers were approved from a registration
    CREATE INDEX employer_registrations_employer ON employer_registrations (division_code, employer_id) WHERE employer_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE employer_registrations, attachments, seekers;
    ALTER TABLE employers DROP COLUMN ownership_type;
  `.execute(db);
}
