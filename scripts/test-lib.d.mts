// Types for scripts/test-lib.mjs (plain ESM, run by node without tsx as part of `npm test`).
import type { ChildProcess } from 'node:child_process';

export const SERVER_PASS_FUZZ_RUNS: string;
export function serverPassEnv(env: NodeJS.ProcessEnv, url: string): NodeJS.ProcessEnv;
export function killGroup(child: ChildProcess, sig: NodeJS.Signals): void;
export function execCollected(
  cmd: string,
  args: string[],
  opts?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; running?: Set<ChildProcess> },
): Promise<{ code: number; stdout: string; output: string }>;
export function chromiumVersion(chromium: string): string;
export function browserPrerequisites(opts: {
  chromium: string;
  isRoot: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  running?: Set<ChildProcess>;
}): Promise<{ ok: boolean; note: string; output: string; ms: number }>;
