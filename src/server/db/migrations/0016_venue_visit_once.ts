// One open QR visit per phone per venue and Beijing day (decision 0028): a phone that registers
// again while its visit is open gets that visit back instead of a second place. The index makes
// the rule hold under concurrent scans: the loser of a race fails with 23505 and reads the
// winner's visit. Desk visits are not covered (the door check may admit two people who share a
// phone, and a desk visit carries no token to hand back).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNIQUE INDEX visits_open_qr_phone ON visits (division_code, venue_id, day, phone)
      WHERE source = 'qr' AND outcome = 'admitted' AND checked_out_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX visits_open_qr_phone;`.execute(db);
}
