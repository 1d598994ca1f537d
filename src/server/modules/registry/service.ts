// The registry's public surface: what routes, other modules and the CLI may call. Another module
// imports only this file (and schemas.ts for contracts), never the registry's repositories or
// per-aggregate services directly.
export { createAgency, exportAgencies, getAgency, getAgencyRow, listAgencies, requireCountyInScope, updateAgency } from './agencies.service.ts';
export { authoriseAgencyForEmployer, listEmployerAuthorisations, revokeEmployerAuthorisation } from './employer-authorisations.service.ts';
export { createEmployer, employerIdentity, getEmployer, listEmployers, updateEmployer } from './employers.service.ts';
export { locateAgency, locateEmployer } from './locate.ts';
export { decideRegistration, getRegistration, isApprovedEmployer, listRegistrations, submitRegistration } from './registrations.service.ts';
export { registryPersonalData } from './personal-data.ts';
export { addStaff, exportStaff, importStaff, listStaff, type StaffInput, updateStaff } from './staff.service.ts';
export { summariseRegistry } from './summary.service.ts';
