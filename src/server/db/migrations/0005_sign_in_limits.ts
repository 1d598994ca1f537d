// Sign-in abuse and limits (issue 6 §2, decision 0020): the failure counter is per (login, device)
// — '' is every stranger's device — so a stranger cannot lock an official out of the devices they
// signed in on before; the devices an account signed in on; counters behind the rate limits (per
// address, per phone a day, per SMS purpose a day), held here so they hold across instances; and
// alerts for the province's desk (an SMS budget spent). Counters and devices are keyed by their own
// value (province-wide, like sessions); alerts are place-owned (the province's division code).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_pkey;
    ALTER TABLE login_throttle ADD COLUMN device text COLLATE "C" NOT NULL DEFAULT '';
    ALTER TABLE login_throttle ADD PRIMARY KEY (login, device);

    -- the devices (a long-lived signed cookie) an account signed in on; the id's SHA-256 only
    CREATE TABLE account_devices (
      account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      device_hash text COLLATE "C" NOT NULL,
      first_seen_at timestamptz NOT NULL,
      last_signed_in_at timestamptz NOT NULL,
      PRIMARY KEY (account_id, device_hash)
    );
    CREATE INDEX account_devices_last ON account_devices (last_signed_in_at);

    -- fixed-window counters: 'sign-in:ip:…', 'sms-phone:…:2026-11-30', 'sms-budget:login_code:…'
    CREATE TABLE limit_counters (
      key text COLLATE "C" PRIMARY KEY,
      hits integer NOT NULL,
      window_ends_at timestamptz NOT NULL
    );
    CREATE INDEX limit_counters_window ON limit_counters (window_ends_at);

    -- something the province's officials should know about (an SMS budget spent), once per key
    CREATE TABLE alerts (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      kind text NOT NULL,
      once_key text COLLATE "C" NOT NULL,
      raised_at timestamptz NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, once_key)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE alerts, limit_counters, account_devices;
    DELETE FROM login_throttle WHERE device <> '';
    ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_pkey;
    ALTER TABLE login_throttle DROP COLUMN device;
    ALTER TABLE login_throttle ADD PRIMARY KEY (login);
  `.execute(db);
}
