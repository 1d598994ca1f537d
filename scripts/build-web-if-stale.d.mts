// Types for scripts/build-web-if-stale.mjs (plain ESM so bin/yunqiao.mjs can load it before tsx).
export function webBuildReason(root?: string): string | null;
export function buildWebIfStale(opts?: { log?: (line: string) => void; quiet?: boolean }): boolean;
