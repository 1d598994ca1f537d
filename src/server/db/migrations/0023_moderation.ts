// Moderation of postings (issue 9, "Moderation, reports"; decision 0037): a case per posting at the
// desk of the posting's place — a flagged posting (the screener's hits) or one that someone
// reported — and the reports themselves.
//
// Both tables are place-owned (decision 0002) and keyed like the posting they are about: the
// posting's division_code leads every key, the foreign keys to postings carry it, so under Citus a
// case, its reports and its posting live on one shard. A posting placed outside the province keeps
// its real code (an imported national ad, 0033); its cases carry that code too, and the province's
// officials reach them by a named rule (market/access.ts moderationReach), not by a copied code.
//
// One open case per (posting, origin): a second report on a posting joins the open report case
// (INSERT … ON CONFLICT on the partial unique index), so two reports racing open one case.
// Reports carry no reporter data but what the reporter typed: an optional contact phone.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE moderation_cases (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      posting_id bigint NOT NULL,
      -- screener: the screener flagged it (hits below); report: someone reported it
      origin text NOT NULL CHECK (origin IN ('screener', 'report')),
      -- what the screener matched ([] for a report case)
      hits jsonb NOT NULL DEFAULT '[]'::jsonb,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'released', 'dismissed', 'taken_down')),
      -- the official's reason (the take-down reason for taken_down)
      reason text,
      decided_by bigint REFERENCES accounts (id),
      decided_at timestamptz,
      report_count integer NOT NULL DEFAULT 0 CHECK (report_count >= 0),
      opened_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, posting_id) REFERENCES postings (division_code, id),
      CHECK ((status = 'open') = (decided_at IS NULL)),
      CHECK (status <> 'taken_down' OR reason IS NOT NULL),
      CHECK (origin = 'screener' OR status <> 'released'),
      CHECK (origin = 'report' OR status <> 'dismissed')
    );
    CREATE UNIQUE INDEX moderation_cases_one_open ON moderation_cases (division_code, posting_id, origin) WHERE status = 'open';
    CREATE INDEX moderation_cases_posting ON moderation_cases (division_code, posting_id);

    CREATE TABLE posting_reports (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      case_id bigint NOT NULL,
      posting_id bigint NOT NULL,
      -- 歧视, 虚假信息, 收取费用, 其他
      category text NOT NULL CHECK (category IN ('discrimination', 'false_information', 'fee_charged', 'other')),
      body text NOT NULL,
      -- only when the reporter gives one; masked in every list
      contact_phone text,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (division_code, id),
      FOREIGN KEY (division_code, case_id) REFERENCES moderation_cases (division_code, id),
      FOREIGN KEY (division_code, posting_id) REFERENCES postings (division_code, id)
    );
    CREATE INDEX posting_reports_case ON posting_reports (division_code, case_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS posting_reports; DROP TABLE IF EXISTS moderation_cases;`.execute(db);
}
