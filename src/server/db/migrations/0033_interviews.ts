// Online interviews (issue 13 S2, decision 0049): an interview is held online at a time slot with a
// video-meeting link, for an application at the interview stage (decision 0036's stage table); at
// most one live (scheduled) interview per application. Rescheduling rewrites the slot and raises the
// iCalendar SEQUENCE (RFC 5545 §3.8.7.4), so a calendar that imported the invitation replaces it;
// cancelling raises it once more. The reminder job marks what it has sent (a day before, an hour
// before) in the same statement that picks the interviews, so two runners send each once; a
// reschedule clears the marks.
//
// Interviews belong to their application (place-owned, the application's key): they move with it when
// a county is re-coded and go with it when a person's applications are erased (ON DELETE CASCADE).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE interviews (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      application_id bigint NOT NULL,
      starts_at timestamptz NOT NULL,
      duration_minutes smallint NOT NULL CHECK (duration_minutes BETWEEN 10 AND 240),
      -- an https link to the video meeting (腾讯会议, 钉钉, …): no meeting in person
      meeting_url text NOT NULL CHECK (meeting_url LIKE 'https://%'),
      -- what the candidate should prepare, as the employer wrote it
      note text,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      sequence integer NOT NULL DEFAULT 0,
      scheduled_by bigint NOT NULL REFERENCES accounts (id),
      -- the last change (rescheduled or cancelled) and which side made it
      changed_by_side text CHECK (changed_by_side IN ('employer', 'seeker')),
      cancel_reason text,
      reminded_day_at timestamptz,
      reminded_hour_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, application_id) REFERENCES applications (division_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
      CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
    );
    -- one live interview per application: a second schedule (or two racing) meets it
    CREATE UNIQUE INDEX interviews_live ON interviews (division_code, application_id) WHERE status = 'scheduled';
    -- the reminder job's walk: live interviews by start
    CREATE INDEX interviews_due ON interviews (starts_at) WHERE status = 'scheduled';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE interviews`.execute(db);
}
