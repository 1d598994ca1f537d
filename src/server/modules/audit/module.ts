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
  // append-only, one hash chain per division (decisions 0003, 0009): a re-coded county's history
  // stays where it was chained; its successor's officials read it through their predecessor prefixes
  recode: {
    stays: {
      audit_entries: 'append-only: the old chain keeps its entries',
      audit_personal: 'tied to its entry (division, entry id)',
      audit_pending: 'tied to its entry until the appender chains it',
      audit_chain: 'one hash chain per division, never rewritten',
    },
  },
};
