// The posting reader's public surface (issue 9): every way a posting comes in — the employer form,
// an agency, `yunqiao import postings`, any future importer — reads and normalises it here.
export { buildRegionIndex, type DivisionInput, type RegionIndex, type RegionResult, resolveRegion } from './region.ts';
export { monthlyEquivalent, parseSalary, parseSalaryColumns, parseSalaryText, type Salary, type SalaryInput, type SalaryProblem, type SalaryResult, type SalaryUnit, SALARY_UNITS } from './salary.ts';
export { beijingIso, cleanPostingLine, cleanPostingText, type DateResult, parsePostingDate } from './text.ts';
export { type OccupationLookup, occupationFromTitle, titleKey } from './occupation.ts';
export { emptyKey, POSTING_COLUMNS, POSTING_LIMITS, POSTING_SHEET_SPEC, type PostingInput, type PostingProblem, type ReadContext, type ReadResult, readPostingRecord, readValidUntil } from './record.ts';
export { ingestMessages } from './messages.ts';
