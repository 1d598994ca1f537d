// Resumption plans (issue 13 M2, decision 0050): an employer's plan to resume work — the day, its
// staff on post / away / isolated, a contact — with its labour demand by occupation (each line may
// become a posting with one action: posting_id) and its returning employees (imported from .xlsx,
// all-or-nothing; ID numbers encrypted, matched by keyed hash, shown masked), each with their origin
// county (any GB/T 2260 county, often in another province), travel day and whether they need
// point-to-point transport.
//
// A destination county shares the workers waiting to leave a Yunnan origin county with that county's
// bureau through an access grant (decision 0014) on a share row: one per (destination, origin), kept
// when the grant ends so a new grant reuses it. Outside Yunnan the destination exports the list.
//
// Every table is place-owned by the employer's county (the destination); lines and returnees belong
// to their plan (composite foreign keys, ON DELETE CASCADE), and move with it when a county is re-coded.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE resumption_plans (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      employer_id bigint NOT NULL,
      resume_on date NOT NULL,
      staff_on_post integer NOT NULL CHECK (staff_on_post >= 0),
      staff_away integer NOT NULL CHECK (staff_away >= 0),
      staff_isolated integer NOT NULL CHECK (staff_isolated >= 0),
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      note text,
      created_by bigint NOT NULL REFERENCES accounts (id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, employer_id) REFERENCES employers (division_code, id),
      -- one plan per employer: saving again updates it (INSERT … ON CONFLICT)
      UNIQUE (division_code, employer_id)
    );

    CREATE TABLE resumption_demand (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      plan_id bigint NOT NULL,
      occupation_code text COLLATE "C" NOT NULL REFERENCES occupations (code),
      headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 100000),
      -- the posting made from this line (market), once: the one action claims the line
      posting_id bigint,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, plan_id) REFERENCES resumption_plans (division_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
      UNIQUE (division_code, plan_id, occupation_code)
    );

    CREATE TABLE resumption_returnees (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      plan_id bigint NOT NULL,
      name text NOT NULL,
      id_number_enc text NOT NULL,
      id_number_hash text NOT NULL,
      id_number_masked text NOT NULL,
      phone text NOT NULL,
      -- the county they return from: any county of the national table, in Yunnan or not
      origin_division text COLLATE "C" NOT NULL REFERENCES divisions (code),
      travel_on date NOT NULL,
      needs_transport boolean NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, plan_id) REFERENCES resumption_plans (division_code, id) ON UPDATE CASCADE ON DELETE CASCADE,
      UNIQUE (division_code, plan_id, id_number_hash)
    );
    -- the transport board: waiting workers by origin and day, per destination county
    CREATE INDEX resumption_returnees_transport ON resumption_returnees (division_code, origin_division, travel_on) WHERE needs_transport;
    -- an origin county's view through its grants, and the personal-data lookup
    CREATE INDEX resumption_returnees_origin ON resumption_returnees (origin_division) WHERE needs_transport;
    CREATE INDEX resumption_returnees_person ON resumption_returnees (id_number_hash);
    CREATE INDEX resumption_returnees_phone ON resumption_returnees (phone);

    CREATE TABLE resumption_transport_shares (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      origin_division text COLLATE "C" NOT NULL REFERENCES divisions (code),
      created_by bigint NOT NULL REFERENCES accounts (id),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, origin_division)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE resumption_transport_shares, resumption_returnees, resumption_demand, resumption_plans`.execute(db);
}
