// Writes the OpenAPI document (openapi.json) and the web client's types (src/web/api/schema.d.ts)
// from the route table, without a database: `npm run gen:api`; `-- --check` fails when stale.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import pino from 'pino';
import { buildApp } from '../src/server/app.ts';
import { parseConfig } from '../src/server/config.ts';
import { connect } from '../src/server/db/connection.ts';
import { createFileSink } from '../src/server/modules/channels/adapters.ts';
import { createFieldCrypto } from '../src/server/platform/crypto.ts';
import { createDeps, createModuleQueue } from '../src/server/runtime.ts';

// --spec FILE: compare (or write) another document than openapi.json (the exit-code test uses it)
const specArg = process.argv.indexOf('--spec');
const SPEC = specArg > 0 ? (process.argv[specArg + 1] as string) : 'openapi.json';
const TYPES = 'src/web/api/schema.d.ts';

export async function generateOpenApi(): Promise<{ spec: string; types: string }> {
  // Routes register without touching the database; the pool below never connects.
  const config = parseConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', LOG_LEVEL: 'silent' });
  const handle = connect(config.databaseUrl as string);
  const deps = createDeps(config, {
    db: handle.db,
    queue: createModuleQueue(config.databaseUrl as string),
    crypto: createFieldCrypto(Buffer.alloc(32)), // no key file is read or written
    sink: createFileSink('/dev/null'),
    log: pino({ level: 'silent' }),
  });
  const app = await buildApp(deps, { serveWeb: false, logger: false });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await handle.close();
  const spec = `${JSON.stringify(doc, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(spec));
  const types = `// Generated from openapi.json by npm run gen:api. Do not edit.\n${astToString(ast)}`;
  return { spec, types };
}

const { spec, types } = await generateOpenApi();
if (process.argv.includes('--check')) {
  const stale = [
    [SPEC, spec],
    [TYPES, types],
  ].filter(([file, body]) => {
    try {
      return readFileSync(file as string, 'utf8') !== body;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`stale: ${stale.map(([f]) => f).join(', ')} — run npm run gen:api and commit`);
    process.exitCode = 1;
  } else console.log('openapi.json and the web client types are current');
} else {
  mkdirSync(dirname(TYPES), { recursive: true });
  writeFileSync(SPEC, spec);
  writeFileSync(TYPES, types);
  console.log(`wrote ${SPEC} and ${TYPES}`);
}
