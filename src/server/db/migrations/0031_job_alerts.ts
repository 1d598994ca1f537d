// Job alerts (issue 12, decision 0047): a job seeker's subscription to a daily digest of the day's
// new postings that match them, by SMS, in the app, and by WeChat once bound; the digests written
// (one per seeker and day: the unique key a re-run meets); the day's new postings as the alerts'
// feed consumer found them in the change feed (its cursor kept here); inbound SMS replies taken
// ("TD"), so a line or a webhook call is acted on once; and the outbox's `deliver_after`, the
// instant before which a message is not delivered (quiet hours).
//
// Subscriptions and digests belong to the seeker's profile (place-owned, the profile's key): they
// follow a profile that moves county (ON UPDATE CASCADE: the seekers module rewrites the profile's
// division when its residence changes) and go with a closed registration (ON DELETE CASCADE).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE alert_subscriptions (
      division_code text COLLATE "C" NOT NULL,
      seeker_id bigint NOT NULL,
      account_id bigint NOT NULL REFERENCES accounts (id),
      active boolean NOT NULL,
      channels text[] NOT NULL CHECK (channels <@ ARRAY['sms', 'in_app', 'wechat']::text[]),
      -- quiet hours, minutes after midnight Beijing time (start may be after end: over midnight); none when both NULL
      quiet_start smallint CHECK (quiet_start BETWEEN 0 AND 1439),
      quiet_end smallint CHECK (quiet_end BETWEEN 0 AND 1439),
      -- the language the digest is written in (the one the subscription was saved in)
      locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
      -- the official account's openid for this person (web authorisation, snsapi_base)
      wechat_openid text,
      wechat_bound_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      unsubscribed_at timestamptz,
      unsubscribed_via text CHECK (unsubscribed_via IN ('api', 'link', 'sms_reply')),
      PRIMARY KEY (division_code, seeker_id),
      FOREIGN KEY (division_code, seeker_id) REFERENCES seekers (division_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
      CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
      CHECK (quiet_start IS NULL OR quiet_start <> quiet_end),
      CHECK (NOT ('wechat' = ANY (channels)) OR wechat_openid IS NOT NULL)
    );
    CREATE INDEX alert_subscriptions_account ON alert_subscriptions (account_id);
    -- the digest walks the active subscriptions in key order (keyset)
    CREATE INDEX alert_subscriptions_active ON alert_subscriptions (division_code, seeker_id) WHERE active;

    CREATE TABLE alert_digests (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      seeker_id bigint NOT NULL,
      -- the Beijing day whose new postings it lists
      day date NOT NULL,
      -- [{ postingId, divisionCode, publicCode, title, employerName, salary…, score, reasons: [code] }], best first
      items jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      -- exactly one per seeker and day: a second run of the day meets it and writes nothing
      UNIQUE (division_code, seeker_id, day),
      FOREIGN KEY (division_code, seeker_id) REFERENCES seekers (division_code, id) ON UPDATE CASCADE ON DELETE CASCADE
    );
    CREATE INDEX alert_digests_day ON alert_digests (day);

    -- the day's new postings, as the alerts' consumer of the change feed found them (kind created,
    -- by the Beijing day of the change); the digest reads one day at once
    CREATE TABLE alert_new_postings (
      division_code text COLLATE "C" NOT NULL,
      posting_id bigint NOT NULL,
      day date NOT NULL,
      position bigint NOT NULL,
      PRIMARY KEY (division_code, posting_id)
    );
    CREATE INDEX alert_new_postings_day ON alert_new_postings (day);

    -- where each consumer of the change feed stands (the cursor the feed gave it last)
    CREATE TABLE alert_feed_cursors (
      consumer text PRIMARY KEY,
      after text NOT NULL,
      updated_at timestamptz NOT NULL
    );

    -- inbound SMS taken: a message id (the provider's, or a file line's offset and digest) is acted
    -- on once; the outcome, never the number or the text
    CREATE TABLE alert_inbound_messages (
      source text NOT NULL,
      message_id text NOT NULL,
      received_at timestamptz NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('unsubscribed', 'not_subscribed', 'unknown_number', 'not_a_command')),
      PRIMARY KEY (source, message_id)
    );
    -- how far the dev adapter has read its file (bytes)
    CREATE TABLE alert_inbound_files (
      path text PRIMARY KEY,
      read_to bigint NOT NULL,
      updated_at timestamptz NOT NULL
    );

    -- quiet hours: a message is not delivered before deliver_after; the sweeper looks at the
    -- instant a pending message falls due, not the one it was written
    ALTER TABLE outbox ADD COLUMN deliver_after timestamptz;
    DROP INDEX outbox_pending;
    CREATE INDEX outbox_due ON outbox ((coalesce(deliver_after, created_at))) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX outbox_due;
    CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending';
    ALTER TABLE outbox DROP COLUMN deliver_after;
    DROP TABLE alert_inbound_files, alert_inbound_messages, alert_feed_cursors, alert_new_postings, alert_digests, alert_subscriptions;
  `.execute(db);
}
