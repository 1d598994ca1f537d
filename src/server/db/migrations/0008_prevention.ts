// Prevention, issue 8 P3/P4 (the prevention module; decision 0026): consent to health-data
// processing, daily check-ins, their daily aggregates, the agency's check-in settings, incidents
// and their stages (the five earlies), escalations, the desks' in-app inbox and the bureaus' duty
// phones. Place-owned tables carry the owning county's division_code first in every key
// (decision 0002); a desk's inbox and a bureau's duty phone belong to that desk's own division.
// Health values (temperature, symptoms) are stored only encrypted (FieldCrypto envelopes).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Consent (PIPL art. 28-30): one row per consent given; withdrawing closes it. At most one open
    -- consent per staff member (the partial unique index), so a repeated consent or withdrawal is
    -- one statement that finds its row or nothing. The rows are the history.
    CREATE TABLE prevention_consents (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      staff_id bigint NOT NULL,
      -- the version of the consent text shown (or signed on paper)
      text_version text NOT NULL,
      given_at timestamptz NOT NULL,
      -- the account that recorded it: the staff member's own, or the administrator's for a paper form
      given_by bigint NOT NULL REFERENCES accounts (id),
      method text NOT NULL CHECK (method IN ('self', 'paper')),
      -- a paper consent: the date on the signed form and where the form is kept
      paper_signed_on date,
      paper_reference text,
      withdrawn_at timestamptz,
      withdrawn_by bigint REFERENCES accounts (id),
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, staff_id) REFERENCES agency_staff (division_code, id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id),
      CHECK ((method = 'paper') = (paper_signed_on IS NOT NULL AND paper_reference IS NOT NULL)),
      CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
    );
    CREATE UNIQUE INDEX prevention_consents_open ON prevention_consents (division_code, staff_id) WHERE withdrawn_at IS NULL;
    CREATE INDEX prevention_consents_staff ON prevention_consents (division_code, staff_id, given_at);
    CREATE INDEX prevention_consents_agency ON prevention_consents (division_code, agency_id);

    -- An agency's check-in settings; no row: the configured default cut-off.
    CREATE TABLE prevention_settings (
      division_code text COLLATE "C" NOT NULL,
      agency_id bigint NOT NULL,
      -- minutes after midnight Asia/Shanghai; a report received before it is on time
      cutoff_minutes smallint NOT NULL CHECK (cutoff_minutes BETWEEN 0 AND 1439),
      updated_at timestamptz NOT NULL,
      updated_by bigint REFERENCES accounts (id),
      PRIMARY KEY (division_code, agency_id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id)
    );

    -- Incidents (P4): opened in stage detected by a fever, a symptom, an exposure, a risk-area stay
    -- or a refusal at a venue's door; idempotent per trigger record.
    CREATE TABLE prevention_incidents (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      subject_kind text NOT NULL CHECK (subject_kind IN ('staff', 'visitor')),
      staff_id bigint,
      -- the subject's name as officials see it, and a visitor's phone (encrypted); null once erased
      subject_name text,
      subject_phone_enc text,
      trigger text NOT NULL CHECK (trigger IN ('fever', 'symptom', 'exposure', 'risk_area', 'door_refusal')),
      trigger_table text NOT NULL,
      trigger_id text NOT NULL,
      -- when the first copy of the triggering record reached the server
      detected_at timestamptz NOT NULL,
      stage text NOT NULL DEFAULT 'detected'
        CHECK (stage IN ('detected', 'reported', 'isolated', 'diagnosed', 'treated', 'closed', 'ruled_out')),
      -- when the current stage began (its successor's deadline counts from here)
      stage_at timestamptz NOT NULL,
      -- a stage deadline passed (set by the watcher; never cleared)
      late boolean NOT NULL DEFAULT false,
      -- what the trigger says beyond its category, never a health value (jsonb, no temperatures)
      detail jsonb,
      -- how long the trigger record is kept (days): the subject is erased this long after closing
      trigger_retention_days smallint NOT NULL,
      -- the subject was erased (closed + the trigger record's retention)
      erased_at timestamptz,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, trigger_table, trigger_id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id),
      FOREIGN KEY (division_code, staff_id) REFERENCES agency_staff (division_code, id),
      CHECK (subject_kind = 'visitor' OR staff_id IS NOT NULL OR erased_at IS NOT NULL)
    );
    CREATE INDEX prevention_incidents_agency ON prevention_incidents (division_code, agency_id, id);
    CREATE INDEX prevention_incidents_open ON prevention_incidents (stage_at) WHERE stage NOT IN ('closed', 'ruled_out');
    CREATE INDEX prevention_incidents_staff ON prevention_incidents (division_code, staff_id) WHERE staff_id IS NOT NULL;

    -- Each step of an incident with its time and who recorded it (null: the system).
    CREATE TABLE prevention_incident_steps (
      division_code text COLLATE "C" NOT NULL,
      incident_id bigint NOT NULL,
      stage text NOT NULL CHECK (stage IN ('detected', 'reported', 'isolated', 'diagnosed', 'treated', 'closed', 'ruled_out')),
      at timestamptz NOT NULL,
      by_account bigint REFERENCES accounts (id),
      by_name text,
      note text,
      PRIMARY KEY (division_code, incident_id, stage),
      FOREIGN KEY (division_code, incident_id) REFERENCES prevention_incidents (division_code, id)
    );

    -- Escalations: one row per (incident, overdue stage, level), inserted by one statement with
    -- ON CONFLICT DO NOTHING, so overlapping or repeated watcher runs escalate exactly once.
    CREATE TABLE prevention_escalations (
      division_code text COLLATE "C" NOT NULL,
      incident_id bigint NOT NULL,
      -- the stage that was due
      stage text NOT NULL CHECK (stage IN ('reported', 'isolated', 'diagnosed', 'treated', 'closed')),
      level text NOT NULL CHECK (level IN ('prefecture', 'province')),
      deadline_at timestamptz NOT NULL,
      escalated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, incident_id, stage, level),
      FOREIGN KEY (division_code, incident_id) REFERENCES prevention_incidents (division_code, id)
    );

    -- Daily check-ins (P3). Idempotent per (recording account, client id): the phone's queue may
    -- send the same report again. The fingerprint (a keyed hash of what was reported) tells a
    -- retry from an edited report without decrypting.
    CREATE TABLE prevention_checkins (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      staff_id bigint NOT NULL,
      -- the account that sent it: the staff member's own, or the administrator's for a paper record
      recorded_by bigint NOT NULL REFERENCES accounts (id),
      client_id text COLLATE "C" NOT NULL,
      fingerprint text NOT NULL,
      -- the server's receipt time; measured_at = received_at minus the phone's queue time
      received_at timestamptz NOT NULL,
      measured_at timestamptz NOT NULL,
      -- the phone's own claims, kept as sent
      phone_measured_at timestamptz,
      phone_sent_at timestamptz,
      -- the phone's queue time was negative or over 48 hours: measured_at = received_at
      phone_clock_unreliable boolean NOT NULL DEFAULT false,
      -- the Asia/Shanghai date of measured_at, and whether measured_at was before that day's cut-off
      day date NOT NULL,
      on_time boolean NOT NULL,
      temperature_enc text NOT NULL,
      symptoms_enc text NOT NULL,
      abnormal boolean NOT NULL,
      incident_id bigint,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, recorded_by, client_id),
      FOREIGN KEY (division_code, staff_id) REFERENCES agency_staff (division_code, id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id),
      FOREIGN KEY (division_code, incident_id) REFERENCES prevention_incidents (division_code, id)
    );
    CREATE INDEX prevention_checkins_day ON prevention_checkins (division_code, agency_id, day);
    CREATE INDEX prevention_checkins_staff ON prevention_checkins (division_code, staff_id, day);
    CREATE INDEX prevention_checkins_purge ON prevention_checkins (day);

    -- What remains of a day's check-ins after the raw rows are purged: counts per agency and day.
    CREATE TABLE prevention_daily_counts (
      division_code text COLLATE "C" NOT NULL,
      agency_id bigint NOT NULL,
      day date NOT NULL,
      -- staff on the roster that day with consent in force (expected to report)
      expected integer NOT NULL,
      reported integer NOT NULL,
      on_time integer NOT NULL,
      late integer NOT NULL,
      abnormal integer NOT NULL,
      withdrawn integer NOT NULL,
      computed_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, agency_id, day),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id)
    );

    -- A desk's in-app inbox: an agency's (agency_id set) or a bureau's (its own division code).
    -- One row per notice; the idempotency key makes a repeated notice a no-op.
    CREATE TABLE prevention_inbox (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      desk text NOT NULL CHECK (desk IN ('agency', 'bureau')),
      agency_id bigint,
      kind text NOT NULL,
      incident_division text COLLATE "C",
      incident_id bigint,
      -- what the notice says, never a health value
      payload jsonb NOT NULL,
      idempotency_key text COLLATE "C" NOT NULL,
      created_at timestamptz NOT NULL,
      read_at timestamptz,
      read_by bigint REFERENCES accounts (id),
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, idempotency_key),
      CHECK ((desk = 'agency') = (agency_id IS NOT NULL))
    );
    CREATE INDEX prevention_inbox_desk ON prevention_inbox (division_code, desk, agency_id, id);

    -- A bureau's duty phone: every notice to its desk is also an SMS to it.
    CREATE TABLE prevention_duty_phones (
      division_code text COLLATE "C" PRIMARY KEY REFERENCES divisions (code),
      phone text COLLATE "C" NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by bigint REFERENCES accounts (id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE prevention_duty_phones, prevention_inbox, prevention_daily_counts, prevention_checkins,
      prevention_escalations, prevention_incident_steps, prevention_incidents, prevention_settings, prevention_consents;
  `.execute(db);
}
