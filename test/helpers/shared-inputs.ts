// The shared inputs beside the project (../shared: cases written before the code, real data for
// tests and benchmarks), which are never copied into the repository when they may not be shipped.
// A test that needs them skips with a notice when they are absent on a developer's machine, and
// fails when they are absent under CI (CI=true), so a run that proves nothing never looks green
// (issue 9: "tests that need ../shared/data/ skip with a notice when it is absent locally and fail
// when it is absent under CI").
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared next to the project root (the worktree's or the main checkout's). */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared');

/** A path under ../shared (`sharedPath('cases/postings-and-search', '01-salary-units.csv')`). */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/**
 * Whether every path under ../shared that a suite needs exists. Absent: under CI (`CI` set to
 * anything but '' or 'false') throws, naming the paths; otherwise prints a notice and returns
 * false, for `describe.skipIf(!sharedAvailable(…))`.
 */
export function sharedAvailable(...paths: string[]): boolean {
  const missing = paths.filter((p) => !existsSync(sharedPath(p)));
  if (!missing.length) return true;
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
  const what = missing.map((p) => sharedPath(p)).join(', ');
  if (ci) throw new Error(`shared test inputs missing under CI: ${what}`);
  console.warn(`[skipped] shared test inputs absent locally: ${what}`);
  return false;
}
