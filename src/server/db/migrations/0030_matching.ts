// The matcher (issue 12, decision 0046). A job seeker may switch automated recommendations off
// (PIPL art. 24: 个人信息处理者通过自动化决策方式向个人进行信息推送、商业营销，应当同时提供不针对其个人
// 特征的选项, 或者向个人提供便捷的拒绝方式): then nothing is computed for them and the matcher proposes
// them to no employer. And the keys a posting's candidate seekers are found by, made from the
// profile's own columns (always current; no write path changes): `match_keys`, a stored generated
// text[] with a GIN index over the profiles the matcher may propose —
//   o<code prefix>  each level of each desired occupation (o4, o4-02, o4-02-01, o4-02-01-01); oany when none
//   c<county>       the residence, the home county, and each county chosen
//   f<prefecture>   their prefectures (four digits), and each prefecture chosen
//   v<province>     a whole province chosen (two digits)
// A posting in county 530102 of occupation 4-02-01 asks for seekers whose keys meet both
// {c530102, f5301, v53} and {o4, o4-02, o4-02-01, oany}.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE seekers ADD COLUMN recommendations boolean NOT NULL DEFAULT true;
    -- calls no function of ours (a generated column runs it with a search_path of pg_catalog only, PostgreSQL 17 and later)
    CREATE FUNCTION seeker_match_keys(desired_occupations text[], desired_divisions text[], residence_division text, home_division text)
      RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT k), '{}') FROM (
        SELECT 'o' || left(o, n) AS k FROM unnest(desired_occupations) o, unnest(ARRAY[1, 4, 7, 10]) n WHERE n <= length(o)
        UNION ALL SELECT 'oany' WHERE cardinality(desired_occupations) = 0
        UNION ALL SELECT 'c' || d FROM unnest(ARRAY[residence_division, home_division] || desired_divisions) d WHERE d ~ '^[0-9]{4}(0[1-9]|[1-9][0-9])$'
        UNION ALL SELECT 'f' || left(d, 4) FROM unnest(ARRAY[residence_division, home_division] || desired_divisions) d WHERE d ~ '^[0-9]{6}$' AND d !~ '^[0-9]{2}0000$'
        UNION ALL SELECT 'v' || left(d, 2) FROM unnest(desired_divisions) d WHERE d ~ '^[0-9]{2}0000$'
      ) keys
    $$;
    ALTER TABLE seekers ADD COLUMN match_keys text[] GENERATED ALWAYS AS (seeker_match_keys(desired_occupations, desired_divisions, residence_division, home_division)) STORED;
    -- the profiles the matcher may propose: recommendations on and seen by someone
    CREATE INDEX seekers_match ON seekers USING gin (match_keys) WHERE recommendations AND visibility <> 'nobody';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX seekers_match;
    ALTER TABLE seekers DROP COLUMN match_keys, DROP COLUMN recommendations;
    DROP FUNCTION seeker_match_keys(text[], text[], text, text);
  `.execute(db);
}
