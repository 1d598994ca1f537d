// Audit trail, second shape (decision 0009): writers only INSERT, an appender chains after commit,
// personal fields live apart so they can be erased (PIPL art. 47) without breaking the chain.
//   audit_entries   immutable facts of each event (who by account id and role, what, outcome …)
//                   and personal_digest = H(salt ‖ canonical personal fields)
//   audit_personal  the erasable part: actor username, address, a person's id as target, detail,
//                   and the salt; the application may DELETE here, never UPDATE
//   audit_pending   what the appender still has to chain (division_code, entry_id)
//   audit_chain     one gap-free hash chain per division, written by the appender only
//   audit_log       a read-only view joining the three, for reading and for operators
// There is no production data yet: the old audit_log table is replaced, not migrated.
// Every table is place-owned and sharding-ready (division_code first in every key, composite FKs).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_log;
    DROP FUNCTION audit_log_is_append_only();

    CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END $f$;

    CREATE TABLE audit_entries (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      id bigint GENERATED ALWAYS AS IDENTITY,
      at timestamptz NOT NULL,
      actor_id bigint,
      actor_role text,
      action text NOT NULL,
      target_type text,
      -- the target's id when it is not a person (an agency, an employer); a person's id is personal
      target_id text,
      outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      request_id text,
      alg text NOT NULL CHECK (alg IN ('sha256', 'sm3')),
      -- H(salt ‖ canonical personal fields) with alg; null when the entry had no personal fields
      personal_digest text,
      PRIMARY KEY (division_code, id)
    );
    CREATE INDEX audit_entries_at ON audit_entries (at, division_code, id);
    CREATE INDEX audit_entries_division_at ON audit_entries (division_code, at);
    CREATE INDEX audit_entries_actor ON audit_entries (actor_id) WHERE actor_id IS NOT NULL;
    CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

    CREATE TABLE audit_personal (
      division_code text COLLATE "C" NOT NULL,
      entry_id bigint NOT NULL,
      salt text NOT NULL,
      actor_username text,
      ip text,
      target_id text,
      detail jsonb,
      PRIMARY KEY (division_code, entry_id),
      FOREIGN KEY (division_code, entry_id) REFERENCES audit_entries (division_code, id)
    );
    CREATE INDEX audit_personal_target ON audit_personal (target_id) WHERE target_id IS NOT NULL;
    -- erasable row by row (DELETE), never changed, never emptied wholesale
    CREATE TRIGGER audit_personal_no_update BEFORE UPDATE ON audit_personal
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_personal_no_truncate BEFORE TRUNCATE ON audit_personal
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

    CREATE TABLE audit_pending (
      division_code text COLLATE "C" NOT NULL,
      entry_id bigint NOT NULL,
      PRIMARY KEY (division_code, entry_id),
      FOREIGN KEY (division_code, entry_id) REFERENCES audit_entries (division_code, id)
    );
    CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_pending_no_truncate BEFORE TRUNCATE ON audit_pending
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

    CREATE TABLE audit_chain (
      division_code text COLLATE "C" NOT NULL,
      seq bigint NOT NULL CHECK (seq >= 1),
      entry_id bigint NOT NULL,
      linked_at timestamptz NOT NULL,
      alg text NOT NULL CHECK (alg IN ('sha256', 'sm3')),
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (division_code, seq),
      UNIQUE (division_code, entry_id),
      FOREIGN KEY (division_code, entry_id) REFERENCES audit_entries (division_code, id)
    );
    CREATE TRIGGER audit_chain_no_change BEFORE UPDATE OR DELETE ON audit_chain
      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
    CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

    CREATE VIEW audit_log AS
      SELECT e.division_code, e.id, c.seq, e.at, e.actor_id, p.actor_username, e.actor_role, e.action,
             e.target_type, coalesce(e.target_id, p.target_id) AS target_id, e.outcome, e.request_id,
             p.ip, p.detail, e.alg, e.personal_digest,
             (e.personal_digest IS NOT NULL AND p.entry_id IS NULL) AS personal_erased,
             (c.seq IS NOT NULL) AS chained, c.linked_at, c.alg AS chain_alg, c.prev_hash, c.hash
        FROM audit_entries e
        LEFT JOIN audit_personal p ON p.division_code = e.division_code AND p.entry_id = e.id
        LEFT JOIN audit_chain c ON c.division_code = e.division_code AND c.entry_id = e.id;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP VIEW audit_log;
    DROP TABLE audit_chain, audit_pending, audit_personal, audit_entries;
    DROP FUNCTION audit_refuse_change();
    CREATE TABLE audit_log (
      division_code text COLLATE "C" NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
      seq bigint NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      at timestamptz NOT NULL,
      actor_id bigint,
      actor_username text,
      actor_role text,
      action text NOT NULL,
      target_type text,
      target_id text,
      outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
      request_id text,
      ip text,
      detail jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (division_code, seq)
    );
    CREATE INDEX audit_log_at ON audit_log (division_code, at);
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $f$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
  `.execute(db);
}
