// Job seekers' consent to the notice of how their information is processed (issue 9, PIPL art.
// 13–14, 17 and 29; decision 0040). A person consents when they sign up, before any profile or
// county exists, so the consent belongs to the account (province-wide, keyed by its own id like
// memberships): the notice as a whole, and separately the ID number (sensitive personal
// information, GB/T 35273-2020 appendix B). Each row records the version of the notice shown and
// when; a withdrawal closes the row (the rows are the history). At most one open row per account
// and subject, so giving twice or withdrawing twice races safely.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE seeker_consents (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id bigint NOT NULL REFERENCES accounts (id),
      -- notice: the sign-up notice as a whole; id_number: the separate consent to the ID number
      subject text NOT NULL CHECK (subject IN ('notice', 'id_number')),
      -- the version of the notice the person was shown (GET /seekers/notice)
      notice_version text NOT NULL,
      given_at timestamptz NOT NULL,
      withdrawn_at timestamptz,
      CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
    );
    CREATE UNIQUE INDEX seeker_consents_open ON seeker_consents (account_id, subject) WHERE withdrawn_at IS NULL;
    CREATE INDEX seeker_consents_account ON seeker_consents (account_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE seeker_consents`.execute(db);
}
