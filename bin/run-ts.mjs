#!/usr/bin/env node
// Runs one TypeScript script (scripts/, bench/) through tsx: `node bin/run-ts.mjs path/to/file.ts args…`.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [, , script, ...rest] = process.argv;
if (!script) {
  console.error('usage: run-ts.mjs <script.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], script, ...rest];
await import(pathToFileURL(resolve(script)).href);
