// Case 09-jobposting-jsonld (../shared/cases/postings-and-search, copied to test/fixtures/cases/postings-and-search):
// the posting and each variant through jobPostingJsonLd, the markup checked against the committed
// property list (required, nested required, enums, dates with +08:00) and against the case's
// expectations; the case's counter-example fails the same check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJobPage } from './jobpage.ts';
import { beijingIso, endOfBeijingDay, type JobPostingView, jobPostingJsonLd, jsonLdScript, salaryText } from './jobposting.ts';
import PROPERTIES from './jobposting-properties.json' with { type: 'json' };

const CASE = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../test/fixtures/cases/postings-and-search/09-jobposting-jsonld.json'), 'utf8'));
type CasePosting = typeof CASE.posting;

/** The case's posting as the page would read it (place names from the division tree: 532503 蒙自市, 云南省). */
function view(p: CasePosting, over: Partial<JobPostingView> = {}): JobPostingView {
  return {
    id: 4711,
    title: p.title,
    description: p.description,
    employer: { legalName: p.employer.legalName, shortName: p.employer.shortName },
    place: { localityName: '蒙自市', provinceName: '云南省' },
    address: p.address,
    headcount: p.headcount,
    salaryMin: p.salaryMin,
    salaryMax: p.salaryMax,
    salaryUnit: p.salaryUnit,
    monthsPaid: p.monthsPaid,
    benefits: p.benefits,
    employmentType: p.employmentType,
    experienceYears: p.experienceYears,
    publishedAt: new Date(p.publishedAt),
    validThrough: p.validUntil ? new Date(endOfBeijingDay(p.validUntil)) : null,
    open: true,
    directApply: p.writtenBy === 'employer',
    ...over,
  };
}

const markup = (v: JobPostingView) => jobPostingJsonLd(v, { platformName: '云桥' });

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((a, k) => (a && typeof a === 'object' ? (a as Record<string, unknown>)[k] : undefined), o);
const ISO_BEIJING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

/** What is wrong with a JobPosting object by the committed property list (empty: nothing). */
function problems(m: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (m['@type'] !== 'JobPosting') out.push('@type');
  for (const k of PROPERTIES.required) {
    const v = m[k];
    if (v === undefined || v === null || v === '' || (typeof v === 'object' && !Object.keys(v).length)) out.push(`missing ${k}`);
  }
  for (const [path, rule] of Object.entries(PROPERTIES.nested) as [string, { '@type': string; required?: string[]; oneOf?: string[][] }][]) {
    const v = get(m, path);
    if (v === undefined) continue;
    if (typeof v !== 'object' || v === null) {
      out.push(`${path} is not an object`);
      continue;
    }
    if ((v as Record<string, unknown>)['@type'] !== rule['@type']) out.push(`${path}.@type`);
    for (const k of rule.required ?? []) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined || x === null || x === '') out.push(`missing ${path}.${k}`);
    }
  }
  for (const [path, allowed] of Object.entries(PROPERTIES.enums)) {
    const v = get(m, path);
    if (v !== undefined && !(allowed as string[]).includes(v as string)) out.push(`${path}=${String(v)}`);
  }
  for (const k of PROPERTIES.dateTimes) if (m[k] !== undefined && !ISO_BEIJING.test(String(m[k]))) out.push(`${k} not ISO 8601 +08:00`);
  const value = get(m, 'baseSalary.value') as Record<string, unknown> | undefined;
  if (value) {
    for (const k of ['minValue', 'maxValue', 'value']) if (k in value && (typeof value[k] !== 'number' || (value[k] as number) <= 0)) out.push(`baseSalary.value.${k}=${String(value[k])}`);
  }
  if (m.validThrough && m.datePosted && new Date(String(m.validThrough)) < new Date(String(m.datePosted))) out.push('validThrough before datePosted');
  return out;
}

describe('JobPosting markup of a published posting (case 09)', () => {
  const m = markup(view(CASE.posting)) as Record<string, unknown>;

  it('passes the property list and carries the required values', () => {
    expect(problems(m)).toEqual([]);
    expect(m.title).toBe('米线生产普工');
    expect(m.datePosted).toBe('2025-03-01T09:30:00+08:00');
    expect(m.validThrough).toBe('2025-04-30T23:59:59+08:00');
    expect(m.hiringOrganization).toEqual({ '@type': 'Organization', name: '蒙自滇南米线食品有限公司' });
    expect(m.jobLocation).toEqual({
      '@type': 'Place',
      address: { '@type': 'PostalAddress', streetAddress: '蒙自市雨过铺街道滇南路88号', addressLocality: '蒙自市', addressRegion: '云南省', addressCountry: 'CN' },
    });
  });

  it('gives the description as HTML: the full text, line breaks as <br>, text escaped', () => {
    const d = String(m.description);
    expect(d).toContain('米线蒸煮');
    expect(d.split('<br>').length).toBe(CASE.posting.description.split('\n').length);
    const risky = markup(view(CASE.posting, { description: '薪资 <5000> & 奖金 "年终"' })) as Record<string, unknown>;
    expect(risky.description).toBe('薪资 &lt;5000&gt; &amp; 奖金 &quot;年终&quot;');
  });

  it('carries the recommended properties as the case gives them', () => {
    expect(m.baseSalary).toEqual({ '@type': 'MonetaryAmount', currency: 'CNY', value: { '@type': 'QuantitativeValue', minValue: 4000, maxValue: 5500, unitText: 'MONTH' } });
    expect(m.employmentType).toBe('FULL_TIME');
    expect(m.identifier).toEqual({ '@type': 'PropertyValue', name: '云桥', value: '4711' });
    expect(m.directApply).toBe(true);
    expect(m.jobBenefits).toContain('包吃住');
    expect(m.jobBenefits).toContain('五险一金');
    expect(m.jobBenefits).toContain('13薪');
  });

  it('is one <script> block that parses, and a </script> in the text cannot end it', () => {
    const hostile = markup(view(CASE.posting, { title: '普工</script><script>alert(1)</script>', description: '<!-- x --> \u2028 end' })) as Record<string, unknown>;
    const html = jsonLdScript(hostile);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html.endsWith('</script>')).toBe(true);
    const json = html.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(JSON.parse(json).title).toBe('普工</script><script>alert(1)</script>');
  });
});

describe('its variants (case 09)', () => {
  const variant = (name: string) => {
    const v = CASE.variants.find((x: { name: string }) => x.name === name);
    if (!v) throw new Error(`no variant ${name}`);
    const p = { ...CASE.posting, ...v.change, employer: { ...CASE.posting.employer, ...(v.change.employer ?? {}) } };
    const m = markup(view(p)) as Record<string, unknown>;
    expect(problems(m), name).toEqual([]);
    return m;
  };

  it('negotiable salary: no baseSalary at all', () => {
    expect(variant('negotiable salary')).not.toHaveProperty('baseSalary');
  });
  it('day wage, part time', () => {
    const m = variant('day wage, part time');
    expect(get(m, 'baseSalary.value')).toEqual({ '@type': 'QuantitativeValue', minValue: 200, maxValue: 260, unitText: 'DAY' });
    expect(m.employmentType).toBe('PART_TIME');
  });
  it('open-ended salary: a minimum and no maximum', () => {
    const value = get(variant('open-ended salary'), 'baseSalary.value') as Record<string, unknown>;
    expect(value.minValue).toBe(5000);
    expect(value).not.toHaveProperty('maxValue');
  });
  it('an imported Excel date keeps its instant', () => {
    expect(variant('imported ad whose 首次发布时间 was an Excel day number (45717.3958…)').datePosted).toBe('2025-03-01T09:30:00+08:00');
  });
  it('an empty description is built from what the page knows, never ""', () => {
    const d = String(variant('imported ad with an empty description').description);
    expect(d).toContain('米线生产普工');
    expect(d).toContain('蒙自滇南米线食品有限公司');
    expect(d).toContain('4000–5500元/月');
    expect(d).toContain('包吃住');
  });
  it('a brand-only employer is named by its brand', () => {
    expect(variant('imported ad whose employer is only a brand (公司是否为全称 = 0)').hiringOrganization).toEqual({ '@type': 'Organization', name: '滇味小馆' });
  });
});

describe('what is never emitted', () => {
  it('the case\'s counter-example fails the check on each of its faults', () => {
    const found = problems(CASE.counter_example_do_not_emit);
    expect(found).toEqual(
      expect.arrayContaining(['missing description', 'missing hiringOrganization', 'hiringOrganization is not an object', 'jobLocation.address is not an object', 'baseSalary.currency=RMB', 'baseSalary.value.unitText=月', 'datePosted not ISO 8601 +08:00', 'validThrough not ISO 8601 +08:00', 'baseSalary.value.minValue=0']),
    );
  });

  it.each([
    ['closed, expired or taken down: no markup (its page says so)', { open: false }],
    ['no employer name at all: no markup rather than an empty organisation', { employer: { legalName: null, shortName: ' ' } }],
  ])('%s', (_, over) => {
    expect(markup(view(CASE.posting, over))).toBeNull();
  });

  it.each([
    ['per-piece pay', { salaryUnit: 'PIECE' as const, salaryMin: 5, salaryMax: 10 }],
    ['a unit nobody wrote', { salaryUnit: null, salaryMin: 4000, salaryMax: 5000 }],
    ['a maximum only', { salaryMin: null, salaryMax: 5000 }],
    ['0–0', { salaryMin: 0, salaryMax: 0 }],
  ])('no baseSalary for %s', (_, over) => {
    const m = markup(view(CASE.posting, over)) as Record<string, unknown>;
    expect(m).not.toHaveProperty('baseSalary');
    expect(problems(m)).toEqual([]);
  });

  it('a valid-until day before the publication leaves validThrough out', () => {
    const m = markup(view(CASE.posting, { validThrough: new Date(endOfBeijingDay('2025-02-28')) })) as Record<string, unknown>;
    expect(m).not.toHaveProperty('validThrough');
  });
});

describe('times and amounts as text', () => {
  it.each([
    ['2025-03-01T01:30:00Z', '2025-03-01T09:30:00+08:00'],
    ['2025-02-28T16:00:00Z', '2025-03-01T00:00:00+08:00'],
    ['2025-12-31T15:59:59Z', '2025-12-31T23:59:59+08:00'],
  ])('beijingIso(%s) = %s', (at, iso) => {
    expect(beijingIso(new Date(at))).toBe(iso);
  });
  it('the end of a Beijing day', () => {
    expect(endOfBeijingDay('2025-03-31')).toBe('2025-03-31T23:59:59+08:00');
    expect(new Date(endOfBeijingDay('2025-03-31')).toISOString()).toBe('2025-03-31T15:59:59.000Z');
  });
  it.each([
    [{ salaryMin: 4000, salaryMax: 5500, salaryUnit: 'MONTH' as const }, '4000–5500元/月'],
    [{ salaryMin: 200, salaryMax: 200, salaryUnit: 'DAY' as const }, '200元/天'],
    [{ salaryMin: 5000, salaryMax: null, salaryUnit: 'MONTH' as const }, '5000元/月起'],
    [{ salaryMin: null, salaryMax: null, salaryUnit: null }, '面议'],
    [{ salaryMin: 8000, salaryMax: 9000, salaryUnit: null }, '8000–9000（单位未注明）'],
    [{ salaryMin: 0, salaryMax: 0, salaryUnit: 'MONTH' as const }, '面议'],
  ])('salaryText(%o) = %s', (p, text) => {
    expect(salaryText(p)).toBe(text);
  });
});

describe('the public page (renderJobPage)', () => {
  const opts = { platformName: '云桥', url: 'https://yq.example/jobs/4711', applyUrl: 'https://yq.example/m/jobs/4711/apply' };
  const scripts = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] as string));

  it('an open posting: exactly one JobPosting block, the text on the page, an apply link', () => {
    const html = renderJobPage(view(CASE.posting), opts);
    const blocks = scripts(html);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]['@type']).toBe('JobPosting');
    expect(html).toContain('<h1>米线生产普工</h1>');
    expect(html).toContain('4000–5500元/月');
    expect(html).toContain('米线蒸煮');
    expect(html).toContain('href="https://yq.example/m/jobs/4711/apply"');
    expect(html).not.toContain('noindex');
  });

  it.each([
    ['expired', '该岗位已过有效期'],
    ['closed', '该岗位已停止招聘'],
    ['taken_down', '该岗位已下架'],
  ] as const)('a posting %s: says so, no application, no markup, no future validThrough', (closed, text) => {
    const html = renderJobPage(view(CASE.posting, { open: false }), { ...opts, closed });
    expect(html).toContain(text);
    expect(scripts(html)).toEqual([]);
    expect(html).not.toContain('立即申请');
    expect(html).not.toContain('validThrough');
    expect(html).toContain('noindex');
  });

  it('escapes every text: a hostile title or benefit stays text', () => {
    const html = renderJobPage(view(CASE.posting, { title: '<img src=x onerror=alert(1)>', benefits: ['</li><script>x</script>'] }), opts);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(scripts(html)[0].title).toBe('<img src=x onerror=alert(1)>');
  });
});
