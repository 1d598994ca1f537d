import type { ModuleDefinition } from '../../platform/module.ts';
import { auditRoutes } from './routes.ts';

/** The append-only, hash-chained audit trail and its reading desk. */
export const auditModule: ModuleDefinition = {
  name: 'audit',
  routes: auditRoutes,
};
