import type { ModuleDefinition } from '../../platform/module.ts';
import { auditPersonalData } from './personal-data.ts';
import { auditRoutes } from './routes.ts';
import { startAuditAppender } from './service.ts';

/** The append-only, hash-chained audit trail, its appender and its reading desk. */
export const auditModule: ModuleDefinition = {
  name: 'audit',
  routes: auditRoutes,
  personalData: auditPersonalData,
  loops: [{ name: 'audit-appender', start: (deps) => startAuditAppender(deps) }],
};
