// A posting's public page, rendered on the server (issue 9: crawlers and feed consumers run no
// JavaScript): title, employer, salary, place, description and benefits as plain HTML, the
// JobPosting markup of an open posting, and a link into the phone shell to apply. A page whose
// posting is closed or expired says so, offers no application and carries no markup; one taken
// down says so and shows nothing of it (renderTakenDownPage).
// Every text goes through escapeHtml; the markup through jsonLdScript. Chinese, like the phone
// shell, its words in the market catalogue (page-messages.ts); small (no script of its own, one
// inline style block).
import { beijingDate } from '../../../shared/beijing-day.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import { employerName, escapeHtml, type JobPostingView, jobPostingJsonLd, jsonLdScript, salaryText, textToHtml } from './jobposting.ts';


/** Why a posting is not open, as its page says it. */
export type ClosedReason = 'closed' | 'expired' | 'taken_down';


const STYLE =
  'body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f1f1f;background:#f5f5f5}' +
  'main{max-width:720px;margin:0 auto;padding:16px;background:#fff}h1{font-size:22px;margin:0 0 4px}' +
  '.salary{color:#d4380d;font-size:20px;font-weight:600}.meta{color:#595959;margin:4px 0}' +
  '.closed{background:#fff1f0;border:1px solid #ffa39e;padding:8px 12px;margin:12px 0}' +
  '.apply{display:block;text-align:center;background:#1677ff;color:#fff;padding:12px;border-radius:6px;text-decoration:none;margin:16px 0}' +
  'ul{padding-left:20px}';

/**
 * The page of a posting an official took down: the notice alone, nothing of the posting (no title,
 * employer, salary, place or text — what it was taken down for may be in them), no markup, no
 * links. The route answers it 410: the address still says what became of it (it never answers 404
 * or shows another posting, docs/urls.md), crawlers drop it, and the page serves as little of the
 * posting as the public API's 404 does (case postings-and-search 07).
 */
export function renderTakenDownPage(opts: { platformName: string; url: string; locale?: Locale }): string {
  const locale = opts.locale ?? 'zh-CN';
  const notice = t(locale, 'job_page_taken_down');
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(notice)} - ${escapeHtml(opts.platformName)}</title>`,
    `<link rel="canonical" href="${escapeHtml(opts.url)}">`,
    '<meta name="robots" content="noindex">',
    `<style>${STYLE}</style>`,
    '</head><body><main>',
    `<p class="closed" data-status="taken_down">${escapeHtml(notice)}</p>`,
    '</main></body></html>',
  ].join('\n');
}

/**
 * The whole HTML document of a posting's public page.
 * @param p the posting as stored with its place names (`p.open` false: the page says `closed`'s reason)
 * @param opts platformName (the markup's identifier name, the page's suffix), canonical URL of
 *   this page, applyUrl (the phone shell's application page; only an open, directly applicable
 *   posting shows it), reportUrl (the report form, a plain link under an open posting; decision
 *   0037), closed (why a posting that is not open is not)
 * @returns text/html; charset=utf-8
 */
export function renderJobPage(p: JobPostingView, opts: { platformName: string; url: string; applyUrl: string; reportUrl?: string; closed?: ClosedReason; locale?: Locale }): string {
  const locale = opts.locale ?? 'zh-CN';
  const employer = employerName(p) ?? '';
  const markup = jobPostingJsonLd(p, { platformName: opts.platformName, url: opts.url, locale });
  const place = [p.place.provinceName, p.place.localityName].filter(Boolean).join(' ');
  const description = (p.description ?? '').trim();
  const parts = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(p.title)}${employer ? ` - ${escapeHtml(employer)}` : ''} - ${escapeHtml(opts.platformName)}</title>`,
    `<link rel="canonical" href="${escapeHtml(opts.url)}">`,
    p.open ? '' : '<meta name="robots" content="noindex">',
    `<style>${STYLE}</style>`,
    markup ? jsonLdScript(markup) : '',
    '</head><body><main>',
    `<h1>${escapeHtml(p.title)}</h1>`,
    `<div class="salary">${escapeHtml(salaryText(p, locale))}</div>`,
    employer ? `<p class="meta">${escapeHtml(employer)}</p>` : '',
    place || p.address ? `<p class="meta">${escapeHtml([place, p.address].filter(Boolean).join(' · '))}</p>` : '',
    p.headcount ? `<p class="meta">${escapeHtml(t(locale, 'job_page_headcount', { n: p.headcount }))}</p>` : '',
    p.validThrough && p.open ? `<p class="meta">${escapeHtml(t(locale, 'job_page_valid_until', { day: beijingDate(p.validThrough) }))}</p>` : '',
    p.open ? '' : `<p class="closed" data-status="${escapeHtml(opts.closed ?? 'closed')}">${escapeHtml(t(locale, `job_page_${opts.closed ?? 'closed'}`))}</p>`,
    description ? `<h2>${escapeHtml(t(locale, 'job_page_description'))}</h2><p>${textToHtml(description)}</p>` : '',
    p.benefits.length ? `<h2>${escapeHtml(t(locale, 'job_page_benefits'))}</h2><ul>${p.benefits.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>` : '',
    p.open && p.directApply ? `<a class="apply" href="${escapeHtml(opts.applyUrl)}">${escapeHtml(t(locale, 'job_page_apply'))}</a>` : '',
    p.open && opts.reportUrl ? `<p class="meta"><a rel="nofollow" href="${escapeHtml(opts.reportUrl)}">${escapeHtml(t(locale, 'job_page_report'))}</a></p>` : '',
    '</main></body></html>',
  ];
  return parts.filter(Boolean).join('\n');
}
