// Service venues of agencies (issue 8, P5–P7; decision 0028): the venue and its QR code, hygiene
// logs against a per-venue schedule and the slots flagged as missed, visits (door entry checks and
// QR self-registrations, admitted or refused), live occupancy per venue and Beijing day, visitor
// counts per day that outlive the visits, bookable time slots and their bookings.
//
// Place-owned tables carry division_code first in every key (decision 0002). Venue codes are
// printed on posters and unique in the whole province, so every code ever issued lives in a table
// keyed by the code itself (never reused, even after its venue closes; docs/urls.md).
//
// Two counters guard capacity, each changed only in the same statement as the rows it counts
// (decision 0028): venue_slots.booked (bookings not cancelled) and venue_occupancy.inside (open
// visits of that day). What pages show is counted from the rows themselves.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE venues (
      division_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      name text NOT NULL,
      address text NOT NULL,
      area_m2 numeric(9, 1) NOT NULL CHECK (area_m2 > 0),
      -- density rule: one person per this many square metres (default 4, YUNQIAO_VENUE_M2_PER_PERSON)
      m2_per_person numeric(5, 1) NOT NULL CHECK (m2_per_person >= 1),
      capacity integer GENERATED ALWAYS AS (floor(area_m2 / m2_per_person)::integer) STORED,
      dwell_limit_minutes integer NOT NULL CHECK (dwell_limit_minutes BETWEEN 5 AND 720),
      slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 480),
      -- hygiene schedule: the day's window (minutes after 00:00 Beijing time), split evenly into
      -- as many slots as each kind is due per day
      hygiene_from smallint NOT NULL DEFAULT 360 CHECK (hygiene_from BETWEEN 0 AND 1439),
      hygiene_to smallint NOT NULL DEFAULT 1080 CHECK (hygiene_to BETWEEN 1 AND 1440),
      cleaning_per_day smallint NOT NULL DEFAULT 1 CHECK (cleaning_per_day BETWEEN 0 AND 12),
      ventilation_per_day smallint NOT NULL DEFAULT 3 CHECK (ventilation_per_day BETWEEN 0 AND 12),
      disinfection_per_day smallint NOT NULL DEFAULT 2 CHECK (disinfection_per_day BETWEEN 0 AND 12),
      -- the code printed now (venue_codes holds every code ever issued)
      code text COLLATE "C" NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, code),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id),
      CHECK (hygiene_from < hygiene_to)
    );
    CREATE INDEX venues_agency ON venues (division_code, agency_id, id);
    CREATE INDEX venues_id ON venues (id);

    -- province-wide: a printed code names one venue for ever; withdrawn codes stay, never reissued
    CREATE TABLE venue_codes (
      code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{12}$'),
      owner_division text COLLATE "C" NOT NULL,
      venue_id bigint NOT NULL,
      issued_at timestamptz NOT NULL,
      withdrawn_at timestamptz
    );
    CREATE INDEX venue_codes_owner ON venue_codes (owner_division, venue_id);

    CREATE TABLE hygiene_logs (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      venue_id bigint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('cleaning', 'ventilation', 'disinfection')),
      -- the Beijing day of done_at (the server's receipt time)
      day date NOT NULL,
      done_at timestamptz NOT NULL,
      note text NOT NULL DEFAULT '',
      recorded_by bigint,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, venue_id) REFERENCES venues (division_code, id)
    );
    CREATE INDEX hygiene_logs_day ON hygiene_logs (division_code, venue_id, day, kind);

    -- a scheduled slot that ended with no log in it, flagged once by the watcher
    CREATE TABLE hygiene_misses (
      division_code text COLLATE "C" NOT NULL,
      venue_id bigint NOT NULL,
      day date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('cleaning', 'ventilation', 'disinfection')),
      slot smallint NOT NULL,
      window_from timestamptz NOT NULL,
      window_to timestamptz NOT NULL,
      flagged_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, venue_id, day, kind, slot),
      FOREIGN KEY (division_code, venue_id) REFERENCES venues (division_code, id)
    );
    CREATE INDEX hygiene_misses_day ON hygiene_misses (division_code, day);

    CREATE TABLE venue_slots (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      venue_id bigint NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      capacity integer NOT NULL CHECK (capacity >= 1),
      -- places taken (bookings not cancelled): changed only in the statement that books or cancels
      booked integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      created_by bigint,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, venue_id, starts_at),
      FOREIGN KEY (division_code, venue_id) REFERENCES venues (division_code, id),
      CHECK (ends_at > starts_at),
      CHECK (booked BETWEEN 0 AND capacity)
    );
    CREATE INDEX venue_slots_id ON venue_slots (id);

    CREATE TABLE bookings (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      slot_id bigint NOT NULL,
      venue_id bigint NOT NULL,
      -- self-service: the booker's account; at the desk: none, the person is their phone
      account_id bigint REFERENCES accounts (id),
      name text NOT NULL,
      phone text COLLATE "C",
      visitor_type text NOT NULL CHECK (visitor_type IN ('seeker', 'employer')),
      source text NOT NULL CHECK (source IN ('self', 'desk')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
      -- shown as a QR code on the booker's phone, scanned at the door
      code text COLLATE "C" NOT NULL,
      created_at timestamptz NOT NULL,
      created_by bigint,
      cancelled_at timestamptz,
      used_at timestamptz,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, code),
      FOREIGN KEY (division_code, slot_id) REFERENCES venue_slots (division_code, id),
      FOREIGN KEY (division_code, venue_id) REFERENCES venues (division_code, id),
      CHECK (account_id IS NOT NULL OR phone IS NOT NULL)
    );
    -- one place per person per slot: the account for self-service, the phone for every booking that has one
    CREATE UNIQUE INDEX bookings_one_per_account ON bookings (division_code, slot_id, account_id) WHERE status = 'active' AND account_id IS NOT NULL;
    CREATE UNIQUE INDEX bookings_one_per_phone ON bookings (division_code, slot_id, phone) WHERE status = 'active' AND phone IS NOT NULL;
    CREATE INDEX bookings_slot ON bookings (division_code, slot_id, id);
    CREATE INDEX bookings_account ON bookings (account_id, id) WHERE account_id IS NOT NULL;
    CREATE INDEX bookings_phone ON bookings (phone) WHERE phone IS NOT NULL;

    -- a person at a venue's door: checked at the desk or self-registered by QR; admitted or refused
    CREATE TABLE visits (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      venue_id bigint NOT NULL,
      -- the Beijing day of arrived_at: occupancy, counts and retention go by it
      day date NOT NULL,
      visitor_type text NOT NULL CHECK (visitor_type IN ('staff', 'employer', 'seeker')),
      name text NOT NULL,
      phone text COLLATE "C",
      source text NOT NULL CHECK (source IN ('desk', 'qr')),
      booking_id bigint,
      -- the door check (null: self-registered, not checked); the temperature encrypted (field crypto)
      mask boolean,
      temperature_enc text,
      outcome text NOT NULL CHECK (outcome IN ('admitted', 'refused')),
      refusal_reasons text[] NOT NULL DEFAULT '{}',
      arrived_at timestamptz NOT NULL,
      checked_out_at timestamptz,
      close_reason text CHECK (close_reason IN ('checkout', 'desk', 'auto')),
      dwell_alerted_at timestamptz,
      -- hash of the secret the self-registering phone keeps to check itself out
      token_hash text,
      consent_version text,
      recorded_by bigint,
      incident_id bigint,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, venue_id) REFERENCES venues (division_code, id),
      FOREIGN KEY (division_code, booking_id) REFERENCES bookings (division_code, id),
      CHECK ((checked_out_at IS NULL) = (close_reason IS NULL)),
      CHECK (outcome = 'admitted' OR checked_out_at IS NULL)
    );
    CREATE INDEX visits_day ON visits (division_code, venue_id, day, id);
    CREATE INDEX visits_open ON visits (day, division_code, venue_id) WHERE outcome = 'admitted' AND checked_out_at IS NULL;
    CREATE INDEX visits_phone ON visits (phone) WHERE phone IS NOT NULL;
    CREATE INDEX visits_retention ON visits (day);

    -- people inside per venue and Beijing day (open visits of that day): changed only in the
    -- statement that opens or closes a visit
    CREATE TABLE venue_occupancy (
      division_code text COLLATE "C" NOT NULL,
      venue_id bigint NOT NULL,
      day date NOT NULL,
      inside integer NOT NULL CHECK (inside >= 0),
      PRIMARY KEY (division_code, venue_id, day),
      FOREIGN KEY (division_code, venue_id) REFERENCES venues (division_code, id)
    );

    -- visitors per venue, day, type and outcome: written with each visit, kept after the visits are purged
    CREATE TABLE venue_daily_counts (
      division_code text COLLATE "C" NOT NULL,
      venue_id bigint NOT NULL,
      day date NOT NULL,
      visitor_type text NOT NULL CHECK (visitor_type IN ('staff', 'employer', 'seeker')),
      outcome text NOT NULL CHECK (outcome IN ('admitted', 'refused')),
      visitors integer NOT NULL CHECK (visitors >= 0),
      PRIMARY KEY (division_code, venue_id, day, visitor_type, outcome),
      FOREIGN KEY (division_code, venue_id) REFERENCES venues (division_code, id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE venue_daily_counts, venue_occupancy, visits, bookings, venue_slots, hygiene_misses, hygiene_logs, venue_codes, venues;
  `.execute(db);
}
