// Prevention plans (issue 8 P1) and staff screening against the province's risk areas (P2);
// decision 0027. Two modules own these tables: `plans` (the plan, its protective stock, the staff
// education log) and `screening` (risk areas, declarations, what matching them found).
//
// Place-owned tables carry division_code first in every key (decision 0002). A plan and its rows
// belong to the agency's county. Risk areas belong to the province that keeps them (530000): the
// area itself may lie anywhere in the national division table (area_code), so it is a column,
// never a key. Declarations and findings belong to the staff member's agency's county.
// A declaration's content (stays, contacts, cases) is health data: stored only encrypted (the field
// crypto); findings keep what the incidents and the agency's follow-up list must show (the area,
// its level, the overlapping dates), never a case or contact answer.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- P1: one prevention plan per agency (防控工作方案): measures ticked from a checklist plus free
    -- text, and the person answerable for it (R1).
    CREATE TABLE prevention_plans (
      division_code text COLLATE "C" NOT NULL,
      agency_id bigint NOT NULL,
      -- codes of the checklist's measures that the agency has in place (plans/schemas.ts)
      measures text[] NOT NULL DEFAULT '{}',
      measures_text text NOT NULL DEFAULT '',
      responsible_name text NOT NULL,
      responsible_position text NOT NULL DEFAULT '',
      -- the roster row of the responsible person, when they are on it
      responsible_staff_id bigint,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by bigint REFERENCES accounts (id),
      PRIMARY KEY (division_code, agency_id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id),
      FOREIGN KEY (division_code, responsible_staff_id) REFERENCES agency_staff (division_code, id)
    );

    -- Protective equipment on hand: quantity and the minimum below which the agency and its
    -- supervising bureau see a low-stock warning. One row per item name and agency.
    CREATE TABLE prevention_stock_items (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('mask', 'thermometer', 'disinfectant', 'gloves', 'goggles', 'protective_suit', 'hand_sanitiser', 'other')),
      name text NOT NULL,
      unit text NOT NULL DEFAULT '',
      quantity integer NOT NULL CHECK (quantity >= 0),
      minimum integer NOT NULL CHECK (minimum >= 0),
      low boolean GENERATED ALWAYS AS (quantity < minimum) STORED,
      updated_at timestamptz NOT NULL,
      updated_by bigint REFERENCES accounts (id),
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, agency_id, name),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id)
    );

    -- Publicity and education given to staff (宣传教育): date, topic, who attended (roster rows).
    CREATE TABLE prevention_education_sessions (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      held_on date NOT NULL,
      topic text NOT NULL,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      created_by bigint REFERENCES accounts (id),
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id)
    );
    CREATE INDEX prevention_education_agency ON prevention_education_sessions (division_code, agency_id, held_on);

    CREATE TABLE prevention_education_attendees (
      division_code text COLLATE "C" NOT NULL,
      session_id bigint NOT NULL,
      staff_id bigint NOT NULL,
      PRIMARY KEY (division_code, session_id, staff_id),
      FOREIGN KEY (division_code, session_id) REFERENCES prevention_education_sessions (division_code, id) ON DELETE CASCADE,
      FOREIGN KEY (division_code, staff_id) REFERENCES agency_staff (division_code, id)
    );

    -- Risk areas the province keeps (疫区): a division of the national table at any level
    -- (area_code, six digits; 5323 and 532300 are one division) and optionally a street (9-digit
    -- code) or community (12-digit code) inside it, by code or by name. Dates inclusive; no end
    -- date: in force until edited. Lifting an area sets its end date; rows are never deleted, so
    -- a stay is matched against the areas as they stood on the stay's dates.
    CREATE TABLE risk_areas (
      division_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      id bigint GENERATED ALWAYS AS IDENTITY,
      area_code text COLLATE "C" NOT NULL REFERENCES divisions (code),
      sub_kind text CHECK (sub_kind IN ('street', 'community')),
      sub_code text COLLATE "C" CHECK (sub_code ~ '^[0-9]{9}([0-9]{3})?$'),
      sub_name text,
      risk_level text NOT NULL CHECK (risk_level IN ('high', 'medium', 'low')),
      valid_from date NOT NULL,
      valid_to date,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      created_by bigint REFERENCES accounts (id),
      updated_at timestamptz NOT NULL,
      updated_by bigint REFERENCES accounts (id),
      PRIMARY KEY (division_code, id),
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CHECK ((sub_kind IS NULL) = (sub_code IS NULL AND sub_name IS NULL)),
      CHECK (sub_code IS NULL OR left(sub_code, 6) = area_code)
    );
    CREATE INDEX risk_areas_area ON risk_areas (division_code, area_code, valid_from);

    -- A staff member's screening declaration (P2). What was declared is one encrypted envelope
    -- (stays with dates, close contact, own or a close relative's case); the day says when it
    -- goes stale.
    CREATE TABLE screening_declarations (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      staff_id bigint NOT NULL,
      declared_at timestamptz NOT NULL,
      -- the Beijing day of declared_at
      day date NOT NULL,
      declared_by bigint NOT NULL REFERENCES accounts (id),
      content_enc text NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id),
      FOREIGN KEY (division_code, staff_id) REFERENCES agency_staff (division_code, id)
    );
    CREATE INDEX screening_declarations_staff ON screening_declarations (division_code, agency_id, staff_id, day);

    -- What matching a declaration found: a stay in a risk area (an incident), a stay to follow up
    -- (a street or community inside the declared county, or a stay declared only above county
    -- level), or an exposure (a close contact or a case: an incident). A risk-area finding is kept
    -- once per staff member, area and overlapping dates, so declaring the same trip again opens no
    -- second incident and re-opens no cleared follow-up.
    CREATE TABLE screening_findings (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      agency_id bigint NOT NULL,
      staff_id bigint NOT NULL,
      declaration_id bigint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('risk_area', 'follow_up', 'exposure')),
      -- the risk area (its row lives under the province that keeps it: no foreign key across divisions)
      area_owner text COLLATE "C",
      area_id bigint,
      area_code text COLLATE "C",
      risk_level text CHECK (risk_level IN ('high', 'medium', 'low')),
      -- the division the stay was declared in, and the dates it shares with the area
      stay_code text COLLATE "C",
      overlap_from date,
      overlap_to date,
      incident_id bigint,
      found_at timestamptz NOT NULL,
      -- follow-ups: cleared by the agency with a note (encrypted: it may say a test result)
      cleared_at timestamptz,
      cleared_by bigint REFERENCES accounts (id),
      note_enc text,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, agency_id) REFERENCES agencies (division_code, id),
      FOREIGN KEY (division_code, staff_id) REFERENCES agency_staff (division_code, id),
      FOREIGN KEY (division_code, declaration_id) REFERENCES screening_declarations (division_code, id),
      FOREIGN KEY (division_code, incident_id) REFERENCES prevention_incidents (division_code, id),
      CHECK ((kind = 'exposure') = (area_id IS NULL)),
      CHECK (kind = 'follow_up' OR cleared_at IS NULL),
      CHECK ((cleared_at IS NULL) = (cleared_by IS NULL))
    );
    CREATE UNIQUE INDEX screening_findings_once ON screening_findings (division_code, staff_id, kind, area_owner, area_id, stay_code, overlap_from, overlap_to) WHERE area_id IS NOT NULL;
    CREATE INDEX screening_findings_agency ON screening_findings (division_code, agency_id, kind, id);
    CREATE INDEX screening_findings_declaration ON screening_findings (division_code, declaration_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE screening_findings, screening_declarations, risk_areas, prevention_education_attendees,
      prevention_education_sessions, prevention_stock_items, prevention_plans;
  `.execute(db);
}
