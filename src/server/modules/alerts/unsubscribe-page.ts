// The one-tap unsubscribe page (/m/alerts/unsubscribe?t=…; decision 0047), rendered on the server
// like a posting's public page (market/jobpage.ts): plain HTML, no script, one inline style block.
// A GET only shows the page and its single button (link previewers in chat apps fetch every link
// they see, so a GET must change nothing); the button POSTs the token back to the same address.
// Chinese first, English under each text. Every text through escapeHtml.
import { t } from '../../platform/i18n.ts';
import { escapeHtml } from '../market/service.ts';
import type { MessageKey } from '../../platform/i18n.ts';

/** The page's address (docs/urls.md: sent in SMS and WeChat messages, never printed). */
export const UNSUBSCRIBE_PATH = '/m/alerts/unsubscribe';

const STYLE =
  'body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f1f1f;background:#f5f5f5}' +
  'main{max-width:560px;margin:0 auto;padding:16px;background:#fff}h1{font-size:20px;margin:0 0 8px}' +
  '.en{color:#8c8c8c;font-size:14px;margin-top:0}' +
  'button{display:block;width:100%;margin:16px 0;padding:12px;background:#1677ff;color:#fff;border:0;border-radius:6px;font:inherit}' +
  '.error{background:#fff1f0;border:1px solid #ffa39e;padding:8px 12px}.done{background:#f6ffed;border:1px solid #b7eb8f;padding:8px 12px}';

/** What the page shows: the button (a valid token, alerts on), the outcome of the tap, or a token that does not hold. */
export type UnsubscribeState = { kind: 'confirm'; token: string } | { kind: 'done' } | { kind: 'already' } | { kind: 'invalid' };

/** A text in Chinese, then in English, as two paragraphs (`cls` on the first). */
function both(key: MessageKey, cls = ''): string {
  const zh = escapeHtml(t('zh-CN', key));
  const en = escapeHtml(t('en', key));
  return `<p${cls ? ` class="${cls}"` : ''}>${zh}</p>\n<p class="en" lang="en">${en}</p>`;
}

/** The whole HTML document. text/html; charset=utf-8. */
export function renderUnsubscribePage(st: UnsubscribeState): string {
  const body =
    st.kind === 'confirm'
      ? [
          both('alerts_page_prompt'),
          `<form method="post" action="${UNSUBSCRIBE_PATH}">`,
          `<input type="hidden" name="t" value="${escapeHtml(st.token)}">`,
          `<button type="submit">${escapeHtml(t('zh-CN', 'alerts_page_button'))} · ${escapeHtml(t('en', 'alerts_page_button'))}</button>`,
          '</form>',
        ]
      : st.kind === 'done'
        ? [`<div class="done" role="status" data-outcome="unsubscribed">${both('alerts_page_done')}</div>`]
        : st.kind === 'already'
          ? [`<div class="done" role="status" data-outcome="not-subscribed">${both('alerts_page_already')}</div>`]
          : [`<div class="error" role="alert" data-outcome="invalid">${both('alerts_page_invalid')}</div>`];
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(t('zh-CN', 'alerts_page_title'))}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body><main>',
    `<h1>${escapeHtml(t('zh-CN', 'alerts_page_title'))}</h1>`,
    `<p class="en" lang="en">${escapeHtml(t('en', 'alerts_page_title'))}</p>`,
    ...body,
    '</main></body></html>',
  ].join('\n');
}
