// A posting's page code is claimed before its row is written, and redrawn when taken (decision
// 0033, "Public pages by code"): two postings drawing one of 2^50 codes used to fail the second
// statement with 23505 — a 500 for a form, a stopped import batch. The claim now runs in a BEFORE
// INSERT trigger: `ON CONFLICT DO NOTHING` on posting_codes, and on a conflict a new draw, up to
// eight times (a ninth collision means the code space is nearly full: raised, not looped). Every way
// a posting is written (form, import batch) keeps getting its code in its own statement.
// The feed's body of a posting says null for a place that did not resolve (was '000000', which is
// no division) and carries the source's place text, as the public API does. The daily feed
// compaction finds a change's successors through posting_changes_posting.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER postings_code_issue ON postings;
    CREATE OR REPLACE FUNCTION posting_code_issue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      FOR attempt IN 1..8 LOOP
        INSERT INTO posting_codes (code, owner_division, posting_id, issued_at)
        VALUES (NEW.public_code, NEW.division_code, NEW.id, NEW.created_at)
        ON CONFLICT (code) DO NOTHING;
        IF FOUND THEN
          RETURN NEW;
        END IF;
        NEW.public_code := draw_posting_code();
      END LOOP;
      RAISE EXCEPTION 'no free posting code after 8 draws' USING ERRCODE = 'unique_violation';
    END
    $$;
    CREATE TRIGGER postings_code_issue BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION posting_code_issue();
    CREATE OR REPLACE FUNCTION market_posting_body(p postings) RETURNS jsonb LANGUAGE sql STABLE AS $$
      SELECT jsonb_build_object(
        'id', p.id, 'divisionCode', NULLIF(p.division_code, '000000'), 'regionText', p.region_text, 'title', p.title, 'employerName', p.employer_name,
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
    CREATE INDEX posting_changes_posting ON posting_changes (division_code, posting_id, pos);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX posting_changes_posting;
    DROP TRIGGER postings_code_issue ON postings;
    CREATE OR REPLACE FUNCTION posting_code_issue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO posting_codes (code, owner_division, posting_id, issued_at) VALUES (NEW.public_code, NEW.division_code, NEW.id, NEW.created_at);
      RETURN NEW;
    END
    $$;
    CREATE TRIGGER postings_code_issue AFTER INSERT ON postings FOR EACH ROW EXECUTE FUNCTION posting_code_issue();
    CREATE OR REPLACE FUNCTION market_posting_body(p postings) RETURNS jsonb LANGUAGE sql STABLE AS $$
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
