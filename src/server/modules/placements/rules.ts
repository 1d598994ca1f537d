// Rules over a placement's monthly social-insurance rows (issue 13 M6, decision 0051). Pure
// functions: the rows are kept per placement (placement_insurance), so a subsidy workflow can later
// evaluate whichever rule its policy names without re-importing anything.
//
// A month counts as insured when the human-resources bureau's file has any row (any 险种) for the
// worker at the placement's employer in that month, from the month of the contract start on; months
// are counted whether or not they are consecutive (a stricter "continuous" rule is another name).

/** The rules this module can evaluate, by name. */
export const RULE_NAMES = ['verified', 'longhua-2020', 'half-1-6'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** What a rule is evaluated on: the contract's first day (YYYY-MM-DD), the insured months (YYYY-MM, any order, repeats allowed), and the latest month of any row imported for the county (YYYY-MM, null before any import). */
export type InsuranceFacts = { contractStart: string; insuredMonths: readonly string[]; latestImportedMonth: string | null };

export type Tranche = { afterMonths: number; share: number; met: boolean };
export type RuleOutcome = { rule: RuleName; met: boolean; insuredMonths: number; tranches: Tranche[] };

/** The distinct insured months on or after the contract start's month, ascending (YYYY-MM). */
export function insuredMonthsSince(facts: Pick<InsuranceFacts, 'contractStart' | 'insuredMonths'>): string[] {
  const from = facts.contractStart.slice(0, 7);
  return [...new Set(facts.insuredMonths.filter((m) => m >= from))].sort();
}

const tranches = (count: number, plan: ReadonlyArray<{ afterMonths: number; share: number }>): Tranche[] => plan.map((t) => ({ ...t, met: count >= t.afterMonths }));

/**
 * Evaluates a named rule on one placement's insurance facts:
 *
 * - `verified` — this platform's verification (decision 0051): insured for at least one month since
 *   the contract start. A placement becomes `verified` when an import makes this true.
 * - `longhua-2020` — the rule the issue quotes from Shenzhen Longhua District's 2020 employment
 *   subsidy ("insured for at least one month and still employed"): at least one insured month since
 *   the contract start, and insured in the latest month the bureau's files cover for the county (the
 *   "still employed" half: a worker who left drops out of the next file). Not met before any import.
 * - `half-1-6` — the tranche rule the issue names ("half after one month, half after six"): 50 %
 *   once one month is insured, the other 50 % once six are; met when both are.
 *
 * Returns whether it is met, the insured months counted, and the tranches (one tranche of share 1
 * for the single-condition rules). Dates are compared as strings: YYYY-MM-DD and YYYY-MM sort by time.
 */
export function evaluateRule(rule: RuleName, facts: InsuranceFacts): RuleOutcome {
  const months = insuredMonthsSince(facts);
  const n = months.length;
  switch (rule) {
    case 'verified': {
      const t = tranches(n, [{ afterMonths: 1, share: 1 }]);
      return { rule, met: n >= 1, insuredMonths: n, tranches: t };
    }
    case 'longhua-2020': {
      const stillEmployed = facts.latestImportedMonth !== null && months.includes(facts.latestImportedMonth);
      const met = n >= 1 && stillEmployed;
      return { rule, met, insuredMonths: n, tranches: [{ afterMonths: 1, share: 1, met }] };
    }
    case 'half-1-6': {
      const t = tranches(n, [{ afterMonths: 1, share: 0.5 }, { afterMonths: 6, share: 0.5 }]);
      return { rule, met: t.every((x) => x.met), insuredMonths: n, tranches: t };
    }
  }
}

/** Every named rule evaluated on the same facts, in RULE_NAMES order. */
export const evaluateAll = (facts: InsuranceFacts): RuleOutcome[] => RULE_NAMES.map((r) => evaluateRule(r, facts));
