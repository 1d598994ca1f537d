// A unified social credit code names one legal entity in the whole province, whichever county
// registers it. Place-owned tables can only be unique per division (they shard by it), so the
// province-wide claim lives in a table keyed by the code itself (decision 0002).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE credit_code_claims (
      credit_code text COLLATE "C" NOT NULL,
      kind text NOT NULL CHECK (kind IN ('agency', 'employer')),
      owner_division text COLLATE "C" NOT NULL,
      owner_id bigint NOT NULL,
      claimed_at timestamptz NOT NULL,
      PRIMARY KEY (credit_code, kind)
    );
    INSERT INTO credit_code_claims (credit_code, kind, owner_division, owner_id, claimed_at)
      SELECT DISTINCT ON (credit_code) credit_code, 'agency', division_code, id, created_at
      FROM agencies ORDER BY credit_code, id
    ON CONFLICT DO NOTHING;
    INSERT INTO credit_code_claims (credit_code, kind, owner_division, owner_id, claimed_at)
      SELECT DISTINCT ON (credit_code) credit_code, 'employer', division_code, id, created_at
      FROM employers ORDER BY credit_code, id
    ON CONFLICT DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE credit_code_claims`.execute(db);
}
