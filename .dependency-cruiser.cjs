// Import rules, checked by `npm test` (dependency-cruiser): no cycles; infrastructure never imports
// a module; a module reaches another only through its service.ts (and schemas.ts for contracts);
// only the composition root's importers (app.ts, runtime.ts, the CLI, scripts, tests) import it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: a top-level constant in the wrong file turns it into a ReferenceError at start.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'infrastructure-imports-no-module',
      severity: 'error',
      comment: 'db/, http/, jobs/, platform/ and the root deps files get what they need from modules through Deps or parameters.',
      from: { path: '^src/server/(db|http|jobs|platform)/|^src/server/(deps|actor|config)\\.ts$', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'modules-through-their-service',
      severity: 'error',
      comment: 'Another module imports only a module\'s service.ts (its public surface) or schemas.ts (contracts).',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/(service|schemas)\\.ts$'],
      },
    },
    {
      name: 'composition-root-importers',
      severity: 'error',
      comment: 'Only app.ts, runtime.ts and the CLI (and scripts, tests) import the manifest.',
      from: { path: '^src/', pathNot: ['^src/server/(app|runtime)\\.ts$', '^src/cli/', '\\.test\\.ts$'] },
      to: { path: '^src/server/modules/index\\.ts$' },
    },
    {
      name: 'web-imports-no-server',
      severity: 'error',
      comment: 'The UI shares code with the server only through src/shared/.',
      from: { path: '^src/web/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/server/' },
    },
    {
      name: 'mobile-imports-shared-only',
      severity: 'error',
      comment: 'The phone shell stays light: src/shared/ and the generated API types, nothing of the desks or the server.',
      from: { path: '^src/mobile/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(server|web)/', pathNot: '^src/web/api/schema\\.d\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
