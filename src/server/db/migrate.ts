// Migrations (Kysely Migrator, static list so tsx and bundlers need no directory scan), then
// pg-boss's own schema, then the privileges of the application role. Runs as the owner.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { type JobContract, queueName } from '../jobs/contract.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_credit_code_registry.ts';
import * as m0003 from './migrations/0003_audit_appender.ts';
import * as m0004 from './migrations/0004_access_grants.ts';
import * as m0005 from './migrations/0005_sign_in_limits.ts';
import * as m0006 from './migrations/0006_reference_editions.ts';
import * as m0007 from './migrations/0007_people_and_memberships.ts';
import * as m0008 from './migrations/0008_prevention.ts';
import * as m0010 from './migrations/0010_venues.ts';
import * as m0011 from './migrations/0011_plans_and_screening.ts';
import * as m0016 from './migrations/0016_venue_visit_once.ts';
import * as m0020 from './migrations/0020_market_postings.ts';
import * as m0021 from './migrations/0021_seekers_and_employer_signup.ts';
import * as m0022 from './migrations/0022_applications.ts';
import * as m0023 from './migrations/0023_moderation.ts';
import * as m0025 from './migrations/0025_posting_code_redraw.ts';
import * as m0026 from './migrations/0026_seeker_consents.ts';
import * as m0027 from './migrations/0027_posting_search.ts';
import * as m0028 from './migrations/0028_search_plan.ts';
import * as m0029 from './migrations/0029_search_facts.ts';
import * as m0030 from './migrations/0030_matching.ts';
import * as m0031 from './migrations/0031_job_alerts.ts';
import * as m0033 from './migrations/0033_interviews.ts';
import * as m0034 from './migrations/0034_resumption.ts';
import * as m0035 from './migrations/0035_placements.ts';
import * as m0036 from './migrations/0036_match_group_indexes.ts';
import * as m0037 from './migrations/0037_match_document_length.ts';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_credit_code_registry': m0002,
  '0003_audit_appender': m0003,
  '0004_access_grants': m0004,
  '0005_sign_in_limits': m0005,
  '0006_reference_editions': m0006,
  '0007_people_and_memberships': m0007,
  '0008_prevention': m0008,
  '0010_venues': m0010,
  '0011_plans_and_screening': m0011,
  '0016_venue_visit_once': m0016,
  '0020_market_postings': m0020,
  '0021_seekers_and_employer_signup': m0021,
  '0022_applications': m0022,
  '0023_moderation': m0023,
  '0025_posting_code_redraw': m0025,
  '0026_seeker_consents': m0026,
  '0027_posting_search': m0027,
  '0028_search_plan': m0028,
  '0029_search_facts': m0029,
  '0030_matching': m0030,
  '0031_job_alerts': m0031,
  '0033_interviews': m0033,
  '0034_resumption': m0034,
  '0035_placements': m0035,
  '0036_match_group_indexes': m0036,
  '0037_match_document_length': m0037,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const BOSS_SCHEMA = 'pgboss';

/**
 * Installs or upgrades pg-boss's schema and creates or updates one queue per job contract with the
 * contract's options, as the owner (the application role may not create partitions). pg-boss's
 * own cron queue is created here too: otherwise its timekeeper tries to create it as the
 * application role at every start and fails ("permission denied for table queue").
 */
export async function installQueues(ownerUrl: string, contracts: readonly JobContract[]): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: BOSS_SCHEMA, supervise: false, schedule: false, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  try {
    if (!(await boss.getQueue(PGBOSS_CRON_QUEUE))) await boss.createQueue(PGBOSS_CRON_QUEUE);
    for (const c of contracts) {
      const name = queueName(c);
      const options = { name, ...c.queue };
      if (await boss.getQueue(name)) await boss.updateQueue(name, options);
      else await boss.createQueue(name, options);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/** The queue pg-boss's timekeeper sends cron jobs through (pg-boss 10's `__pgboss__send-it`). */
export const PGBOSS_CRON_QUEUE = '__pgboss__send-it';

/**
 * The application role may read and write the domain tables. The audit trail (decision 0009): it
 * may only append entries and chain links; it may append and erase (DELETE, never UPDATE) personal
 * fields (PIPL art. 47); it may append and take (DELETE) pending rows — UPDATE stays granted there
 * only because SELECT … FOR UPDATE SKIP LOCKED needs it, and a trigger refuses a real UPDATE; the
 * audit_log view is read-only. Idempotent: run after every migration so new tables are covered.
 */
export async function grantApplicationRole(db: Kysely<unknown>): Promise<void> {
  await sql`
    GRANT USAGE ON SCHEMA public TO yunqiao_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO yunqiao_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_chain FROM yunqiao_app, PUBLIC;
    REVOKE UPDATE, TRUNCATE ON audit_personal FROM yunqiao_app, PUBLIC;
    REVOKE TRUNCATE ON audit_pending FROM yunqiao_app, PUBLIC;
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM yunqiao_app, PUBLIC;
    REVOKE ALL ON kysely_migration, kysely_migration_lock FROM yunqiao_app;
    GRANT SELECT ON kysely_migration, kysely_migration_lock TO yunqiao_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO yunqiao_app;
    GRANT USAGE ON SCHEMA ${sql.id(BOSS_SCHEMA)} TO yunqiao_app;
    REVOKE CREATE ON SCHEMA ${sql.id(BOSS_SCHEMA)} FROM yunqiao_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${sql.id(BOSS_SCHEMA)} TO yunqiao_app;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${sql.id(BOSS_SCHEMA)} TO yunqiao_app;
    -- pg-boss creates a table per queue when the queue first appears, which can be after this
    -- grant (its cron queue, created when an owner process first schedules): cover those too
    ALTER DEFAULT PRIVILEGES IN SCHEMA ${sql.id(BOSS_SCHEMA)} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO yunqiao_app;
  `.execute(db);
  // Timeouts live on the role, not in session SET commands (pooler-safe): a stuck query or an
  // abandoned transaction cannot hold locks for long. Needs CREATEROLE; skipped where the owner
  // lacks it (a managed server sets them itself). The role is cluster-wide: set only when not set
  // already, so databases migrated at the same time on one server do not update it concurrently.
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (
        SELECT 1 FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
         WHERE r.rolname = 'yunqiao_app' AND s.setdatabase = 0
           AND s.setconfig @> ARRAY['statement_timeout=30s', 'lock_timeout=10s', 'idle_in_transaction_session_timeout=60s']
      ) THEN
        ALTER ROLE yunqiao_app SET statement_timeout = '30s';
        ALTER ROLE yunqiao_app SET lock_timeout = '10s';
        ALTER ROLE yunqiao_app SET idle_in_transaction_session_timeout = '60s';
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'yunqiao_app timeouts not set: %', SQLERRM;
    END $$;
  `.execute(db);
}
