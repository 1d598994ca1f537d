// The market's server-rendered pages (issue 9: crawlers and feed consumers run no JavaScript): a
// posting's public page at its printed address /m/jobs/{code} (docs/urls.md), with its JobPosting
// markup while it is open, and the plain-HTML report form under it (/m/jobs/{code}/report, decision
// 0037). They answer before the phone shell's fallback for other /m/ paths.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requestContext } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { t } from '../../platform/i18n.ts';
import { fileReport, reportFormOf } from './moderation.service.ts';
import { renderPublicPostingPage } from './postings.service.ts';
import { renderReportPage } from './reportpage.ts';
import { REPORT_TEXT_MAX, reportCreate } from './schemas.ts';

/** The form's field → its words on the page (a refused form names the fields to check). */
const FIELD_WORDS = { category: 'report_page_category', text: 'report_page_text', contactPhone: 'report_page_phone', code: 'report_page_title' } as const;
/**
 * A form field as posted, before the report's own schema reads it: bounded well past the longest
 * text a report takes (REPORT_TEXT_MAX characters, up to 2 UTF-16 units each, twice over), so a text
 * too long is answered on the page with its limit named; the body limit bounds the rest.
 */
const formField = z.string().max(REPORT_TEXT_MAX * 4).optional();
/** Bytes of a posted form: the longest report text percent-encoded (at most 12 bytes a character: 4 UTF-8 bytes as %XX) and room for the other fields. */
const FORM_BODY_LIMIT = REPORT_TEXT_MAX * 12 + 4096;

export const marketPages = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // a plain HTML form posts urlencoded (this plugin only: the API takes JSON)
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/m/jobs/:code', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ code: z.string().max(64) }) },
  }, async (request, reply) => {
    const page = await renderPublicPostingPage(deps, request.params.code);
    // a code that names no public posting: the phone shell answers, as for any /m/ path (docs/urls.md)
    if (page === null) return reply.callNotFound();
    // a changed posting shows at once; crawlers revalidate (a taken-down one: 410, its notice alone)
    return reply.status(page.status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page.html);
  });

  app.get('/m/jobs/:code/report', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ code: z.string().max(64) }) },
  }, async (request, reply) => {
    const form = await reportFormOf(deps, request.params.code);
    if (!form) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderReportPage({ title: form.title, jobPath: form.jobPath }));
  });

  // anyone, no sign-in: a public write, rate-limited per address like the API's (anonymousWrite)
  app.post('/m/jobs/:code/report', {
    config: { access: 'public' },
    schema: { hide: true, params: z.object({ code: z.string().max(64) }), body: z.object({ category: formField, text: formField, contactPhone: formField }).passthrough().optional() },
  }, async (request, reply) => {
    const form = await reportFormOf(deps, request.params.code);
    if (!form) return reply.callNotFound();
    // zh-CN, like the job page it sits under
    const locale = 'zh-CN' as const;
    const sent = request.body ?? {};
    const values = { category: sent.category ?? '', text: sent.text ?? '', contactPhone: (sent.contactPhone ?? '').trim() };
    const send = (status: number, html: string) => reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    const parsed = reportCreate.safeParse({ code: form.code, category: values.category, text: values.text, ...(values.contactPhone ? { contactPhone: values.contactPhone } : {}) });
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'text')))];
      // a text over the limit says the limit (the form's maxlength is the same number)
      const tooLong = parsed.error.issues.some((i) => i.path[0] === 'text' && i.code === 'too_big');
      const invalid = fields.map((f) =>
        f === 'text' && tooLong ? t(locale, 'report_page_text_too_long', { max: REPORT_TEXT_MAX }) : t(locale, FIELD_WORDS[f as keyof typeof FIELD_WORDS] ?? 'report_page_text').replace(/（.*）|\s*\(.*\)/, ''),
      );
      return send(400, renderReportPage({ title: form.title, jobPath: form.jobPath, values, invalid, locale }));
    }
    try {
      const receipt = await fileReport(deps, parsed.data, requestContext(request));
      return send(201, renderReportPage({ title: form.title, jobPath: form.jobPath, reference: receipt.reference, locale }));
    } catch (e) {
      // the posting closed between the two reads
      if (e instanceof AppError && e.code === 'not_found') return reply.callNotFound();
      throw e;
    }
  });
};
