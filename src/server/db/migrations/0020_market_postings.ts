// The job market's first slice (issue 9; decision 0033): postings, the province-wide claim of an
// imported posting's source key, and the change log the public feed reads.
//
// postings is place-owned (decision 0002): division_code first in every key. A registered
// employer's postings live in its own county (the composite foreign key); an imported posting
// carries its employer as text and its source, and the division its region resolved to
// (national codes stay as they are; '000000' when nothing resolved). No column for sex, age limit,
// ethnicity, household registration or marital status, on purpose (issue 9).
//
// posting_sources is keyed by the source key itself, (source_platform, source_id), like
// venue_codes: the first importer claims it (ON CONFLICT DO NOTHING in the statement that inserts
// the posting), so two imports of one file never make two postings.
//
// posting_changes is written in the transaction of each change of a public posting (created,
// updated, removed) with the writer's transaction id; `pos` is handed out after commit by the
// feed's sequencer, serialised by a transaction-scoped advisory lock, so positions become visible
// in increasing order and a change that committed late gets a later position instead of being
// skipped (decision 0033).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- a public job page's code (docs/urls.md): 10 Crockford base32 symbols, 50 bits from the
    -- CSPRNG behind gen_random_uuid() (bytes 0-5 and 7-10 of a v4 UUID: byte 6 holds the version)
    CREATE FUNCTION draw_posting_code() RETURNS text LANGUAGE sql VOLATILE AS $$
      SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (get_byte(b, i) % 32) + 1, 1), '' ORDER BY n)
        FROM (SELECT uuid_send(gen_random_uuid()) AS b) r,
             unnest(ARRAY[0, 1, 2, 3, 4, 5, 7, 8, 9, 10]) WITH ORDINALITY AS u(i, n)
    $$;

    CREATE TABLE postings (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      -- the public page's code, /m/jobs/{public_code}; unique province-wide through posting_codes
      public_code text COLLATE "C" NOT NULL DEFAULT draw_posting_code() CHECK (public_code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
      -- a registered employer (its own county), or none for an imported posting
      employer_id bigint,
      employer_name text NOT NULL,
      source_platform text COLLATE "C",
      source_id text COLLATE "C",
      source_url text,
      -- the region as the source wrote it (kept when it does not resolve)
      region_text text NOT NULL DEFAULT '',
      title text NOT NULL,
      occupation_code text COLLATE "C" REFERENCES occupations (code),
      industry_code text COLLATE "C" REFERENCES industries (code),
      address text NOT NULL DEFAULT '',
      headcount integer CHECK (headcount BETWEEN 1 AND 100000),
      -- 面议: all NULL, never 0; amounts with no unit (unit unknown, decision 0034) are kept but
      -- never shown, filtered or banded
      salary_min numeric(12, 2) CHECK (salary_min > 0),
      salary_max numeric(12, 2) CHECK (salary_max > 0),
      salary_unit text CHECK (salary_unit IN ('HOUR', 'DAY', 'PIECE', 'MONTH', 'YEAR')),
      salary_months smallint CHECK (salary_months BETWEEN 1 AND 24),
      education text NOT NULL DEFAULT '',
      skill_grade text NOT NULL DEFAULT '',
      experience text NOT NULL DEFAULT '',
      description text NOT NULL DEFAULT '',
      benefits text NOT NULL DEFAULT '',
      contact text NOT NULL DEFAULT '',
      employment_type text CHECK (employment_type IN ('full_time', 'part_time', 'temporary', 'internship')),
      -- the last instant it is open: a date means 23:59:59 Asia/Shanghai that day
      valid_through timestamptz,
      -- 防疫物资生产企业: copied from the employer's flag (set by a bureau)
      epidemic_supplies boolean NOT NULL DEFAULT false,
      priority_groups text[] NOT NULL DEFAULT '{}' CHECK (priority_groups <@ ARRAY['graduate', 'migrant']::text[]),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'screened', 'published', 'closed', 'expired', 'taken_down')),
      screened_at timestamptz,
      first_published_at timestamptz,
      published_at timestamptz,
      ended_at timestamptz,
      takedown_reason text,
      -- digest of what an import compares (re-importing the same content changes nothing)
      content_hash text COLLATE "C",
      created_by bigint,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      UNIQUE (division_code, source_platform, source_id),
      FOREIGN KEY (division_code, employer_id) REFERENCES employers (division_code, id),
      CHECK (employer_id IS NOT NULL OR source_platform IS NOT NULL),
      CHECK ((source_platform IS NULL) = (source_id IS NULL)),
      CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max),
      CHECK (status IN ('draft', 'screened') OR valid_through IS NOT NULL),
      CHECK (status <> 'taken_down' OR takedown_reason IS NOT NULL)
    );
    CREATE INDEX postings_id ON postings (id);
    CREATE INDEX postings_employer ON postings (division_code, employer_id, id);
    CREATE INDEX postings_open ON postings (division_code, id) WHERE status = 'published';
    CREATE INDEX postings_due ON postings (valid_through) WHERE status = 'published';

    -- province-wide: one source key names one posting for ever (like venue_codes)
    CREATE TABLE posting_sources (
      source_platform text COLLATE "C" NOT NULL,
      source_id text COLLATE "C" NOT NULL,
      owner_division text COLLATE "C" NOT NULL,
      claimed_at timestamptz NOT NULL,
      PRIMARY KEY (source_platform, source_id)
    );

    -- province-wide: a printed code names one posting for ever (like venue_codes); written by the
    -- trigger below in the posting's own statement, so every way a posting is made gets one. Two
    -- postings drawing the same code (50 bits) fail the second statement with 23505 on this key.
    CREATE TABLE posting_codes (
      code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
      owner_division text COLLATE "C" NOT NULL,
      posting_id bigint NOT NULL,
      issued_at timestamptz NOT NULL
    );
    CREATE FUNCTION posting_code_issue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO posting_codes (code, owner_division, posting_id, issued_at) VALUES (NEW.public_code, NEW.division_code, NEW.id, NEW.created_at);
      RETURN NEW;
    END
    $$;
    CREATE TRIGGER postings_code_issue AFTER INSERT ON postings FOR EACH ROW EXECUTE FUNCTION posting_code_issue();

    CREATE TABLE posting_changes (
      division_code text COLLATE "C" NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      posting_id bigint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('created', 'updated', 'removed')),
      -- for a removal: closed, expired or taken_down
      reason text CHECK (reason IN ('closed', 'expired', 'taken_down')),
      -- the public fields as they were after this change; none for a removal
      body jsonb,
      -- the writer's transaction (diagnostics; the sharded design in docs/operations.md)
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      at timestamptz NOT NULL,
      -- the feed position, handed out after commit by the sequencer (NULL until then)
      pos bigint,
      PRIMARY KEY (division_code, id),
      CHECK ((kind = 'removed') = (reason IS NOT NULL)),
      CHECK ((kind = 'removed') = (body IS NULL))
    );
    CREATE INDEX posting_changes_pos ON posting_changes (pos) WHERE pos IS NOT NULL;
    CREATE INDEX posting_changes_pending ON posting_changes (id) WHERE pos IS NULL;

    -- the public fields of a posting, as the feed carries them (no contact, no owner data)
    CREATE FUNCTION market_posting_body(p postings) RETURNS jsonb LANGUAGE sql STABLE AS $$
      SELECT jsonb_build_object(
        'id', p.id, 'divisionCode', p.division_code, 'title', p.title, 'employerName', p.employer_name,
        'occupationCode', p.occupation_code, 'industryCode', p.industry_code, 'address', p.address,
        'headcount', p.headcount,
        'salary', CASE WHEN p.salary_unit IS NULL THEN NULL ELSE jsonb_build_object(
          'min', p.salary_min, 'max', p.salary_max, 'unit', p.salary_unit, 'monthsPaid', p.salary_months) END,
        'education', p.education, 'skillGrade', p.skill_grade, 'experience', p.experience,
        'description', p.description, 'benefits', p.benefits, 'employmentType', p.employment_type,
        'validThrough', p.valid_through, 'datePosted', p.first_published_at,
        'epidemicSupplies', p.epidemic_supplies, 'priorityGroups', to_jsonb(p.priority_groups),
        'sourcePlatform', p.source_platform, 'sourceId', p.source_id)
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP FUNCTION IF EXISTS market_posting_body(postings);
    DROP TABLE IF EXISTS posting_changes;
    DROP TABLE IF EXISTS posting_sources;
    DROP TABLE IF EXISTS postings;
    DROP FUNCTION IF EXISTS posting_code_issue();
    DROP TABLE IF EXISTS posting_codes;
    DROP FUNCTION IF EXISTS draw_posting_code();
  `.execute(db);
}
