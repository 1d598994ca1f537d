#!/usr/bin/env node
// The `yunqiao` command: runs the TypeScript CLI through tsx, so a checkout needs no build step.
// `start` first builds the web UI when dist/web is missing or older than src/web (mtime check only).
import { register } from 'tsx/esm/api';

if (process.argv[2] === 'start') {
  const { buildWebIfStale } = await import('../scripts/build-web-if-stale.mjs');
  buildWebIfStale();
}
register();
await import('../src/cli/main.ts');
