// Verified placements (issue 13 M6, decision 0051): a hire through an agency's referral, recorded
// by the agency for a referred application at the 'hired' stage, confirmed by the employer (contract
// start, a labour contract: dispatch, 劳务派遣, does not count), verified by the monthly
// social-insurance rows the county bureau imports from the human-resources bureau's file.
//
// placements is place-owned and belongs to its application's county (the posting's, where the
// employer is): division_code first in every key, the composite foreign key to the application
// (ON DELETE CASCADE: erasing a person's applications erases their placements). The agency is named
// by (agency_division, agency_id) as on the application: it may sit in another county, so no
// foreign key. The worker's ID number is what the insurance file is matched on: encrypted, keyed
// hash for matching, masked copy for lists (as seekers and staff keep theirs). The employer's
// credit code is copied when the placement is recorded: the file names the employer by it.
//
// placement_insurance keeps every matched row (month, insurance type) per placement, so rules other
// than the one that verifies (decision 0051: Longhua 2020, tranches after 1 and 6 months) can be
// evaluated later; one row per (placement, month, type): a re-import changes nothing.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE placements (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      application_id bigint NOT NULL,
      employer_id bigint NOT NULL,
      -- the employer's unified social credit code (GB 32100) when recorded: the insurance file's key
      employer_credit_code text COLLATE "C" NOT NULL,
      seeker_account_id bigint NOT NULL REFERENCES accounts (id),
      agency_division text COLLATE "C" NOT NULL,
      agency_id bigint NOT NULL,
      agency_name text NOT NULL,
      -- the employer's name and the posting's title when recorded (no join into the market's tables to list them)
      employer_name text NOT NULL,
      posting_title text NOT NULL,
      status text NOT NULL DEFAULT 'pending_employer' CHECK (status IN ('pending_employer', 'confirmed', 'verified')),
      -- 劳动合同 only: a dispatch (劳务派遣) is refused before it is stored
      contract_type text CHECK (contract_type IN ('labour_contract')),
      contract_start date,
      -- the worker's citizen ID (GB 11643) as the employer confirmed it: encrypted, keyed hash, masked
      id_number_enc text,
      id_number_hash text,
      id_number_masked text,
      recorded_by bigint NOT NULL REFERENCES accounts (id),
      confirmed_by bigint REFERENCES accounts (id),
      confirmed_at timestamptz,
      verified_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      -- one placement per application: a second recording (or two racing) meets it
      UNIQUE (division_code, application_id),
      FOREIGN KEY (division_code, application_id) REFERENCES applications (division_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
      FOREIGN KEY (division_code, employer_id) REFERENCES employers (division_code, id),
      CHECK ((status = 'pending_employer') = (contract_start IS NULL)),
      CHECK ((contract_start IS NULL) = (contract_type IS NULL)),
      CHECK ((contract_start IS NULL) = (id_number_hash IS NULL)),
      CHECK ((status = 'verified') = (verified_at IS NOT NULL))
    );
    -- the import's match: ID number and employer credit code, within the county
    CREATE INDEX placements_match ON placements (division_code, id_number_hash, employer_credit_code) WHERE id_number_hash IS NOT NULL;
    -- an agency's own placements in every county (a named cross-division read)
    CREATE INDEX placements_agency ON placements (agency_division, agency_id, id);
    CREATE INDEX placements_employer ON placements (division_code, employer_id, id);
    CREATE INDEX placements_seeker ON placements (seeker_account_id);

    CREATE TABLE placement_insurance (
      division_code text COLLATE "C" NOT NULL,
      placement_id bigint NOT NULL,
      -- 参保年月: the first day of the month
      month date NOT NULL CHECK (extract(day from month) = 1),
      -- 险种 (MOHRSS AAE140): 110 养老, 210 失业, 310 医疗, 410 工伤, 510 生育
      insurance_type text NOT NULL CHECK (insurance_type IN ('110', '210', '310', '410', '510')),
      imported_by bigint NOT NULL REFERENCES accounts (id),
      imported_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, placement_id, month, insurance_type),
      FOREIGN KEY (division_code, placement_id) REFERENCES placements (division_code, id) ON UPDATE CASCADE ON DELETE CASCADE
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE placement_insurance; DROP TABLE placements`.execute(db);
}
