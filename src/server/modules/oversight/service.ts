// The prevention desk's public surface (decision 0031): what routes, other modules and the CLI may
// call. Read-only: the desk counts other modules' rows and writes only its export's audit entry.
export { bureauName, exportDesk, openDesk } from './desk.service.ts';
export { deskMapOf, divisionIndex, mappedFeatures } from './map.service.ts';
