// Grants: single rows outside a scope's reach that it may read (src/server/db/scope.ts). Keyed by
// the target row's division, as every place-owned table; looked up by grantee when a session is
// resolved. A grantee is 'account:<id>', 'agency:<division>:<id>', 'employer:<division>:<id>' or
// 'division:<code>' (an official's bureau).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE access_grants (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      grantee text COLLATE "C" NOT NULL,
      target_table text NOT NULL,
      target_id bigint NOT NULL,
      reason text NOT NULL,
      granted_at timestamptz NOT NULL,
      expires_at timestamptz,
      PRIMARY KEY (division_code, id)
    );
    CREATE INDEX access_grants_grantee ON access_grants (grantee);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE access_grants`.execute(db);
}
