// A posting's schema.org JobPosting markup for its public page (issue 9 "Moderation, reports,
// publishing"; case 09-jobposting-jsonld). Pure: the caller reads the posting, its place names and
// the clock; this shapes what Google's Job Search and feed consumers read, following the property
// list committed beside it (jobposting-properties.json: Google Search Central's required and
// recommended properties). What it never does, from the case's counter-example: a unit other than
// HOUR/DAY/WEEK/MONTH/YEAR, a currency other than CNY, amounts as text or 0, an employer as a bare
// or empty string, an address without its country, a validThrough before datePosted, or markup on
// a page whose posting is no longer open (Google asks for expired postings' markup to go).
import { addDays, beijingInstant } from '../../../shared/beijing-day.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import './page-messages.ts';

/** Units a JobPosting's baseSalary may carry (schema.org QuantitativeValue.unitText as Google reads it). */
export const SALARY_UNITS_IN_MARKUP = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

/** Our employment types → schema.org/Google's employmentType values. */
const EMPLOYMENT_TYPES: Record<string, string> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  contractor: 'CONTRACTOR',
  temporary: 'TEMPORARY',
  intern: 'INTERN',
  internship: 'INTERN',
  volunteer: 'VOLUNTEER',
  per_diem: 'PER_DIEM',
  other: 'OTHER',
};

/** What the markup is built from: a posting as stored, with the names of its place. */
export type JobPostingView = {
  id: number;
  title: string;
  /** Plain text as stored (cleaned on the way in); '' or null when the source had none. */
  description: string | null;
  /** The legal name when known, else the name the posting shows (a brand, an imported employer text). */
  employer: { legalName: string | null; shortName: string | null };
  /** Names from the division tree: the county (or the finest level known) and its province. */
  place: { localityName: string | null; provinceName: string | null };
  address: string | null;
  headcount: number | null;
  /** Amounts in yuan per `salaryUnit`; null for 面议 (never 0). */
  salaryMin: number | null;
  salaryMax: number | null;
  salaryUnit: 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR' | 'PIECE' | null;
  monthsPaid: number | null;
  benefits: readonly string[];
  employmentType: string | null;
  experienceYears: number | null;
  /** First publication. */
  publishedAt: Date;
  /** The last instant it is open (a valid-until date is 23:59:59 +08:00 that day: endOfBeijingDay). */
  validThrough: Date | null;
  /** Published and not closed, expired or taken down at the time of the page. */
  open: boolean;
  /** Whether the page takes an application itself (a posting written on the platform). */
  directApply: boolean;
};

/** An instant as ISO 8601 in Beijing time with its offset: 2025-03-01T09:30:00+08:00. */
export function beijingIso(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The end of a Beijing day as ISO 8601 with its offset: 2025-04-30 → 2025-04-30T23:59:59+08:00. */
export function endOfBeijingDay(day: string): string {
  return beijingIso(new Date(beijingInstant(addDays(day, 1)).getTime() - 1000));
}

/** Text as HTML text or an attribute value: & < > " ' as entities. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Plain text as HTML: escaped, each line break a <br>. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeHtml(line))
    .join('<br>');
}

/** A salary as people read it (zh-CN): 4000–5500元/月, 5000元/月起, 面议, 8000–9000（单位未注明）. */
export function salaryText(p: Pick<JobPostingView, 'salaryMin' | 'salaryMax' | 'salaryUnit'>, locale: Locale = 'zh-CN'): string {
  const min = p.salaryMin && p.salaryMin > 0 ? p.salaryMin : null;
  const max = p.salaryMax && p.salaryMax > 0 ? p.salaryMax : null;
  if (min === null && max === null) return t(locale, 'salary_negotiable');
  // an amount whose unit nobody wrote is shown as written, never as monthly
  const per = t(locale, p.salaryUnit ? `salary_unit_${p.salaryUnit}` : 'salary_unit_unknown');
  if (min !== null && max !== null) return min === max ? `${min}${per}` : `${min}–${max}${per}`;
  return min !== null ? t(locale, 'salary_from', { amount: `${min}${per}` }) : t(locale, 'salary_up_to', { amount: `${max}${per}` });
}

/** The employer's name as the page shows it: the legal name, else the brand; null when neither is known. */
export function employerName(p: Pick<JobPostingView, 'employer'>): string | null {
  const name = (p.employer.legalName ?? '').trim() || (p.employer.shortName ?? '').trim();
  return name || null;
}

/** A description for a posting imported without one: what the page knows, never ''. */
function builtDescription(p: JobPostingView, employer: string, locale: Locale): string {
  const headcount = p.headcount ? t(locale, 'job_built_headcount', { n: p.headcount }) : '';
  const parts = [t(locale, 'job_built_description', { employer, title: p.title, headcount })];
  const where = [p.place.localityName, p.address].filter(Boolean).join(' ');
  if (where) parts.push(t(locale, 'job_built_place', { place: where }));
  parts.push(t(locale, 'job_built_salary', { salary: salaryText(p, locale) }));
  if (p.benefits.length) parts.push(t(locale, 'job_built_benefits', { benefits: p.benefits.join(t(locale, 'job_list_separator')) }));
  return parts.join('\n');
}

/**
 * The JobPosting object of an open posting, or null: a posting that is not open carries no markup
 * (its page says it is closed), and one without an employer name cannot have a hiringOrganization.
 *
 * Shapes: datePosted and validThrough ISO 8601 with +08:00 (validThrough left out when it would
 * come before datePosted); baseSalary only for a unit in
 * SALARY_UNITS_IN_MARKUP and a minimum above 0 (面议, per-piece pay and maximum-only amounts have
 * none); amounts as JSON numbers in CNY; employmentType from EMPLOYMENT_TYPES; months paid a year
 * go with the benefits (JobPosting has no property for them).
 * Source: Google Search Central, JobPosting structured data (jobposting-properties.json).
 */
export function jobPostingJsonLd(p: JobPostingView, opts: { platformName: string; url?: string; locale?: Locale }): Record<string, unknown> | null {
  const locale = opts.locale ?? 'zh-CN';
  if (!p.open) return null;
  const employer = employerName(p);
  if (!employer) return null;
  const text = (p.description ?? '').trim() ? (p.description as string) : builtDescription(p, employer, locale);
  const datePosted = beijingIso(p.publishedAt);
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: p.title,
    description: textToHtml(text),
    datePosted,
    hiringOrganization: { '@type': 'Organization', name: employer },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        ...(p.address ? { streetAddress: p.address } : {}),
        ...(p.place.localityName ? { addressLocality: p.place.localityName } : {}),
        ...(p.place.provinceName ? { addressRegion: p.place.provinceName } : {}),
        addressCountry: 'CN',
      },
    },
    identifier: { '@type': 'PropertyValue', name: opts.platformName, value: String(p.id) },
    directApply: p.directApply,
  };
  if (p.validThrough && p.validThrough.getTime() >= p.publishedAt.getTime()) out.validThrough = beijingIso(p.validThrough);
  const type = p.employmentType ? EMPLOYMENT_TYPES[p.employmentType] : undefined;
  if (type) out.employmentType = type;
  const unit = p.salaryUnit && (SALARY_UNITS_IN_MARKUP as readonly string[]).includes(p.salaryUnit) ? p.salaryUnit : null;
  const min = p.salaryMin && p.salaryMin > 0 ? p.salaryMin : null;
  const max = p.salaryMax && p.salaryMax > 0 && (min === null || p.salaryMax >= min) ? p.salaryMax : null;
  if (unit && min !== null) {
    out.baseSalary = {
      '@type': 'MonetaryAmount',
      currency: 'CNY',
      value: { '@type': 'QuantitativeValue', minValue: min, ...(max !== null ? { maxValue: max } : {}), unitText: unit },
    };
  }
  const benefits = [...p.benefits];
  if (p.monthsPaid && p.monthsPaid !== 12) benefits.push(t(locale, 'job_months_paid', { n: p.monthsPaid }));
  if (benefits.length) out.jobBenefits = benefits.join(t(locale, 'job_list_separator'));
  if (p.experienceYears !== null) {
    out.experienceRequirements = p.experienceYears > 0 ? { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: Math.round(p.experienceYears * 12) } : 'no requirements';
  }
  if (opts.url) out.url = opts.url;
  return out;
}

/**
 * The markup as a <script type="application/ld+json"> element, safe inside HTML: `<`, `>`, `&`
 * and the JavaScript line separators are written as \u escapes, so a `</script>` or `<!--` in a
 * title or description cannot end the element (the JSON still parses to the same strings).
 */
export function jsonLdScript(markup: Record<string, unknown>): string {
  const json = JSON.stringify(markup).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/ld+json">${json}</script>`;
}
