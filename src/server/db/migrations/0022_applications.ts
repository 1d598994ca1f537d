// Applications to postings (issue 9, "Postings and applications"; decision 0036).
//
// applications is place-owned (decision 0002) and belongs to the posting's county: division_code
// first in the key, the composite foreign keys to the posting and its employer carry it. The
// seeker is named by their account (accounts is province-wide), not by the profile's key: a
// profile moves when its county changes (decision 0035), an account does not, and no personal
// text is copied here — name and phone are read from the profile when shown, so erasing the
// profile erases them from every application too. An agency's referral records the agency
// (its division, id and name then, no foreign key: the agency may sit in another county).
//
// One live application per seeker per posting: a partial unique index led by division_code
// (withdrawn ones do not count, so a seeker may apply again after withdrawing); the apply is one
// INSERT … ON CONFLICT DO NOTHING, so parallel applies make one row.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE applications (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      posting_id bigint NOT NULL,
      -- the posting's employer (fixed with the posting): its scope reaches its applications
      employer_id bigint NOT NULL,
      seeker_account_id bigint NOT NULL REFERENCES accounts (id),
      -- a referral (推荐): the agency that referred the seeker and the person who did
      agency_division text COLLATE "C",
      agency_id bigint,
      -- the agency's name when it referred (licensed agencies are public; no cross-county join to read it)
      agency_name text,
      referred_by bigint REFERENCES accounts (id),
      stage text NOT NULL DEFAULT 'applied' CHECK (stage IN ('applied', 'shortlisted', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')),
      stage_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, posting_id) REFERENCES postings (division_code, id),
      FOREIGN KEY (division_code, employer_id) REFERENCES employers (division_code, id),
      CHECK ((agency_id IS NULL) = (agency_division IS NULL)),
      CHECK ((agency_id IS NULL) = (referred_by IS NULL)),
      CHECK ((agency_id IS NULL) = (agency_name IS NULL))
    );
    -- one live application per seeker per posting (a withdrawn one is not live)
    CREATE UNIQUE INDEX applications_live ON applications (division_code, posting_id, seeker_account_id) WHERE stage <> 'withdrawn';
    -- the employer's list, by posting and stage
    CREATE INDEX applications_employer ON applications (division_code, employer_id, id);
    -- a seeker's own applications in every county (a named cross-division read)
    CREATE INDEX applications_seeker ON applications (seeker_account_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE applications`.execute(db);
}
