// This worker's test database (test/setup/global-db.ts clones one per vitest worker from a migrated,
// seeded template): as the application role, which is what the app under test uses, or as the
// owner, for tests that need owner rights (DDL, SET ROLE, tampering behind the append-only trigger).
import pg from 'pg';
import { inject } from 'vitest';

function pick(urls: string[]): string {
  const pool = Number(process.env.VITEST_POOL_ID ?? '1');
  const url = urls[pool - 1];
  if (!url) throw new Error(`no test database for vitest worker ${pool} (have ${urls.length}); global-db.ts sizes them by maxWorkers`);
  return url;
}

/** This worker's database as yunqiao_app (the restricted role the app runs as). */
export const appDbUrl = (): string => pick(inject('dbUrls'));

/** This worker's database as its owner. */
export const ownerDbUrl = (): string => pick(inject('ownerUrls'));

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * A database of the suite's own, cloned from the run's migrated and seeded template (a block copy,
 * well under a second), for a suite whose writes and lockouts must not reach the other files of
 * its worker (the API fuzzer). Named `<template base>_<name>_w<worker>`; `drop()` removes it.
 */
export async function cloneTemplate(name: string): Promise<{ appUrl: string; ownerUrl: string; drop: () => Promise<void> }> {
  const template = inject('templateDb');
  const database = `${template.replace(/_template$/, '')}_${name}_w${process.env.VITEST_POOL_ID ?? '1'}`;
  const ident = (n: string) => `"${n.replace(/"/g, '""')}"`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: ownerDbUrl(), connectionTimeoutMillis: 10_000 });
    c.on('error', () => {});
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end().catch(() => {});
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${ident(database)} TEMPLATE ${ident(template)} STRATEGY WAL_LOG`);
  await admin(`ALTER DATABASE ${ident(database)} SET synchronous_commit = off`);
  return {
    appUrl: withDatabase(appDbUrl(), database),
    ownerUrl: withDatabase(ownerDbUrl(), database),
    drop: () => admin(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`),
  };
}
