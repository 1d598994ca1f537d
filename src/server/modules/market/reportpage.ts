// The report form under a posting's public page (/m/jobs/{code}/report; issue 9, decision 0037):
// plain HTML, no script, posted as a form (application/x-www-form-urlencoded) to the same address,
// so it works on any phone and for anyone, signed in or not. The answer is the same page: the form
// again with the fields to check (400), or a receipt. Every text through escapeHtml.
import { RAW_CODE_MAX } from '../../platform/fields.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import { escapeHtml } from './jobposting.ts';
import { REPORT_TEXT_MAX } from './schemas.ts';

export const REPORT_CATEGORIES = ['discrimination', 'false_information', 'fee_charged', 'other'] as const;

const STYLE =
  'body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f1f1f;background:#f5f5f5}' +
  'main{max-width:720px;margin:0 auto;padding:16px;background:#fff}h1{font-size:20px;margin:0 0 8px}' +
  'label{display:block;margin:12px 0 4px;font-weight:600}select,textarea,input{width:100%;box-sizing:border-box;font:inherit;padding:8px}' +
  'button{display:block;width:100%;margin:16px 0;padding:12px;background:#1677ff;color:#fff;border:0;border-radius:6px;font:inherit}' +
  '.error{background:#fff1f0;border:1px solid #ffa39e;padding:8px 12px}.done{background:#f6ffed;border:1px solid #b7eb8f;padding:8px 12px}.meta{color:#595959}';

export type ReportPageState = {
  /** The posting's title and page path (/m/jobs/{code}). */
  title: string;
  jobPath: string;
  /** What the reporter sent (kept on a refused form). */
  values?: { category?: string; text?: string; contactPhone?: string };
  /** Labels of the fields to check (a refused form), or what is wrong with one (report_page_text_too_long). */
  invalid?: string[];
  /** The receipt's reference (a filed report). */
  reference?: number;
  locale?: Locale;
};

/** The whole HTML document of the report form, or its receipt. text/html; charset=utf-8. */
export function renderReportPage(st: ReportPageState): string {
  const locale = st.locale ?? 'zh-CN';
  const w = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => escapeHtml(t(locale, key, params));
  const v = st.values ?? {};
  const body =
    st.reference !== undefined
      ? [`<p class="done" data-reference="${st.reference}">${w('report_page_done', { reference: st.reference })}</p>`]
      : [
          st.invalid?.length ? `<p class="error" role="alert">${escapeHtml(t(locale, 'report_page_invalid', { fields: st.invalid.join(t(locale, 'job_list_separator')) }))}</p>` : '',
          `<p class="meta">${w('report_page_help')}</p>`,
          `<form method="post" action="${escapeHtml(`${st.jobPath}/report`)}">`,
          `<label for="category">${w('report_page_category')}</label><select id="category" name="category" required>`,
          ...REPORT_CATEGORIES.map((c) => `<option value="${c}"${v.category === c ? ' selected' : ''}>${w(`report_category_${c}`)}</option>`),
          '</select>',
          `<label for="text">${w('report_page_text')}</label><textarea id="text" name="text" rows="5" maxlength="${REPORT_TEXT_MAX}" required>${escapeHtml(v.text ?? '')}</textarea>`,
          `<label for="contactPhone">${w('report_page_phone')}</label><input id="contactPhone" name="contactPhone" type="tel" inputmode="tel" maxlength="${RAW_CODE_MAX}" value="${escapeHtml(v.contactPhone ?? '')}">`,
          `<button type="submit">${w('report_page_submit')}</button>`,
          '</form>',
        ];
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${w('report_page_title')} - ${escapeHtml(st.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body><main>',
    `<h1>${w('report_page_title')}</h1>`,
    `<p class="meta">${escapeHtml(st.title)}</p>`,
    ...body,
    `<p><a href="${escapeHtml(st.jobPath)}">${w('report_page_back')}</a></p>`,
    '</main></body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}
