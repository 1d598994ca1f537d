// The resumption module's public surface: what routes, other modules and the CLI may call.
export {
  demandAgainstSupply,
  departures,
  endShare,
  exportDemand,
  exportDepartures,
  exportPlans,
  exportReturnees,
  exportWaiting,
  getOwnPlan,
  getPlan,
  importReturnees,
  listPlans,
  listReturnees,
  postingFromLine,
  savePlan,
  SHARE_REASON,
  shareWithOrigin,
  transportBoard,
  waitingWorkers,
} from './resumption.service.ts';
export { resumptionPersonalData } from './personal-data.ts';
