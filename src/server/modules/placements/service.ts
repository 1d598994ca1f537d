// The placements module's public surface: what routes, other modules and the CLI may call.
export { confirmPlacement, getPlacement, listPlacements, placementCounts, recordPlacement } from './placements.service.ts';
export { importInsurance } from './insurance.service.ts';
export { INSURANCE_TYPES, insuranceSheet, parseInsuranceMonth, parseInsuranceType } from './insurance-sheet.ts';
export { evaluateAll, evaluateRule, RULE_NAMES, type RuleName } from './rules.ts';
export { simulateInsurance } from './simulate.ts';
