import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { noBody } from '../../http/bodies.ts';
import { errorResponses } from '../../http/openapi.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { applicationsSheet } from './applications-sheet.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

// the employer's own accounts, officials, and agency administrators for the employers that
// authorised them (a live grant; access.ts mayWriteFor)
const writers = [...OFFICIAL_ROLES, 'employer', 'agency_admin'] as const;
const tags = ['market'];
/** The employer its postings' applications; officials those of postings in their divisions (read only). */
const applicationReaders = [...OFFICIAL_ROLES, 'employer'] as const;
/** Interviews: the two sides, and officials of the county (read only). */
const interviewSides = ['employer', 'seeker'] as const;
const interviewReaders = [...OFFICIAL_ROLES, ...interviewSides] as const;
const xlsxResponse = { 200: z.any().describe('Excel workbook (.xlsx)') };

export const marketRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // search (issue 10, decision 0041): public, no sign-in; before /postings/:id is irrelevant (a static path wins) --
  app.get('/postings/search', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '职位搜索（公开）· search open postings: words (Chinese segmented, C++ / C# / .NET kept whole, full- and half-width alike), division, occupation, salary overlap, education, posted within, priority employer, open to; by relevance or newest; keyset cursor',
      querystring: s.searchQuery,
      response: { 200: s.searchPage, ...errorResponses(400) },
    },
  }, async (request) => service.searchPostings(deps, request.query));

  // its facets (decision 0043): public like it
  app.get('/postings/search/facets', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: `职位搜索分面计数（公开）· counts of the open postings a search finds (its words and filters; sort, boost and cursor ignored), by prefecture, major occupation group and salary band per unit, 面议 apart; exact up to ${service.FACET_EXACT_MAX} estimated matches (FACET_EXACT_MAX), above it counted over a fixed sample of about as many rows and scaled (approximate: true)`,
      querystring: s.searchFacetsQuery,
      response: { 200: s.searchFacets, ...errorResponses(400) },
    },
  }, async (request) => service.searchFacets(deps, request.query));

  // postings: owners and officials ----------------------------------------------------------------
  app.get('/postings', {
    config: { access: writers },
    schema: { tags, summary: '职位列表（本单位或辖区，含各状态）· postings in scope, any state', querystring: s.postingsQuery, response: { 200: s.postingPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listPostings(deps, actorOf(request), request.query));

  app.post('/postings', {
    config: { access: writers },
    schema: { tags, summary: '新建职位草稿 · create a draft posting (employers for themselves, officials for an employer in reach, agencies for an employer that authorised them)', body: s.postingCreate, response: { 201: s.posting, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await service.createPosting(deps, actorOf(request), request.body, requestContext(request))));

  // the screener as the posting form calls it while typing (issue 11): nothing stored
  app.post('/postings/screen', {
    config: { access: writers },
    schema: { tags, summary: '职位内容筛查（不保存）· screen a posting\'s title and description as they would be stored: the cleaned texts and the hits, spans in UTF-16 code units of those texts', body: s.screenInput, response: { 200: s.screening, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.screenPostingDraft(actorOf(request), request.body));

  app.get('/postings/:id', {
    config: { access: writers },
    schema: { tags, summary: '职位详情 · one posting in scope', params: s.postingParam, response: { 200: s.posting, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getPosting(deps, actorOf(request), request.params.id));

  app.patch('/postings/:id', {
    config: { access: writers },
    schema: { tags, summary: '修改职位（草稿、已审、招聘中）· edit a posting (a published one stays published; its new text is screened: 422 posting_blocked with the hits when the screener blocks it)', params: s.postingParam, body: s.postingUpdate, response: { 200: s.posting, ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request) => service.updatePosting(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  app.post('/postings/:id/publish', {
    config: { access: writers },
    schema: { tags, summary: '发布职位（经筛查后）· publish a draft after screening: 422 posting_blocked with the hits when the screener blocks it (discrimination, fees), held in the moderation queue when it asks for review', params: s.postingParam, body: noBody, response: { 200: s.posting, ...errorResponses(400, 401, 403, 404, 409, 422) } },
  }, async (request) => service.publishPosting(deps, actorOf(request), request.params.id, requestContext(request)));

  app.post('/postings/:id/close', {
    config: { access: writers },
    schema: { tags, summary: '关闭职位 · close an open posting', params: s.postingParam, body: noBody, response: { 200: s.posting, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.closePosting(deps, actorOf(request), request.params.id, requestContext(request)));

  app.post('/postings/:id/take-down', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '下架职位（须填原因，通知发布单位）· take a posting down with a reason (the owner is told)', params: s.postingParam, body: s.takeDownBody, response: { 200: s.posting, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.takeDownPosting(deps, actorOf(request), request.params.id, request.body.reason, requestContext(request)));

  // moderation: the desk of the posting's place (decision 0037) ----------------------------------
  app.get('/moderation/cases', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '职位审核与举报案件 · moderation cases at the desks in reach (flagged postings and reports; the province also those of postings outside it)', querystring: s.casesQuery, response: { 200: s.casePage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listCases(deps, actorOf(request), request.query));

  app.get('/moderation/cases/:id', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '案件详情（含举报，电话脱敏）· one case with its reports (phones masked)', params: s.caseParam, response: { 200: s.caseDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getCase(deps, actorOf(request), request.params.id));

  app.post('/moderation/cases/:id/decision', {
    config: { access: OFFICIAL_ROLES },
    schema: { tags, summary: '处理案件：放行、驳回或下架（须填原因）· close a case: release, dismiss, or take the posting down with a reason (the owner is told)', params: s.caseParam, body: s.caseDecision, response: { 200: s.caseDetail, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.decideCase(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  app.post('/public/posting-reports', {
    // anyone, no sign-in: an anonymous write, rate-limited per address (rate-limits.ts anonymousWrite)
    config: { access: 'public' },
    schema: { tags, summary: '举报职位（无需登录）· report an open posting by its page code: discrimination, false information, fee charged, other', body: s.reportCreate, response: { 201: s.reportReceipt, ...errorResponses(400, 403, 404, 429) } },
  }, async (request, reply) => reply.status(201).send(await service.fileReport(deps, request.body, requestContext(request))));

  // public ----------------------------------------------------------------------------------------
  app.get('/public/postings', {
    config: { access: 'public' },
    schema: { tags, summary: '招聘中的职位（公开）· open postings of every division: county, occupation, text contains', querystring: s.publicPostingsQuery, response: { 200: s.publicPostingPage, ...errorResponses(400) } },
  }, async (request) => service.listPublicPostings(deps, request.query));

  app.get('/public/postings/:id', {
    config: { access: 'public' },
    schema: { tags, summary: '职位公开页 · a published posting (an ended one says so); others 404', params: s.postingParam, response: { 200: s.publicPosting, ...errorResponses(400, 404) } },
  }, async (request) => service.getPublicPosting(deps, request.params.id));

  app.get('/feeds/postings', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '职位变更订阅 · the change feed: created, updated and removed postings after a cursor, in the order they became visible (decision 0033)',
      querystring: s.feedQuery,
      response: { 200: s.feedPage, ...errorResponses(400) },
    },
  }, async (request) => service.readFeed(deps, request.query));

  // applications (decision 0036) ------------------------------------------------------------------
  app.post('/applications', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '申请职位 · the signed-in seeker applies to an open posting (one live application per posting)', body: s.applyBody, response: { 201: s.ownApplication, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.applyToPosting(deps, actorOf(request), request.body.postingId, requestContext(request))));

  app.post('/applications/referrals', {
    config: { access: ['agency_admin', 'agency_staff'] },
    schema: { tags, summary: '机构推荐求职者 · an agency refers a seeker who authorised it to an open posting', body: s.referBody, response: { 201: s.application, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.referSeeker(deps, actorOf(request), request.body, requestContext(request))));

  app.get('/applications/referred', {
    config: { access: ['agency_admin', 'agency_staff'] },
    schema: { tags, summary: '本机构推荐记录 · the applications the signed-in agency referred, in every county, with their stages (phones masked)', querystring: s.referredQuery, response: { 200: s.applicationPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listReferredApplications(deps, actorOf(request), request.query));

  app.get('/applications/mine', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '我的求职申请 · the signed-in seeker\'s applications in every county', querystring: s.myApplicationsQuery, response: { 200: s.ownApplicationPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listMyApplications(deps, actorOf(request), request.query));

  app.post('/applications/mine/:id/withdraw', {
    config: { access: ['seeker'] },
    schema: { tags, summary: '撤回申请 · the seeker withdraws a live application (the employer is told)', params: s.applicationParam, body: noBody, response: { 200: s.ownApplication, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.withdrawApplication(deps, actorOf(request), request.params.id, requestContext(request)));

  app.get('/applications', {
    config: { access: applicationReaders },
    schema: { tags, summary: '应聘申请列表 · applications to postings in scope with their stages (phones masked)', querystring: s.applicationsQuery, response: { 200: s.applicationPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listApplications(deps, actorOf(request), request.query));

  app.get('/applications/export.xlsx', {
    config: { access: applicationReaders },
    schema: { tags, summary: '导出应聘申请 · export the applications list to Excel (phones masked)', querystring: s.applicationsExportQuery, response: { ...xlsxResponse, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const items = await service.exportApplications(deps, actorOf(request), request.query, requestContext(request));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('应聘申请.xlsx')).send(await applicationsSheet(items));
  });

  app.get('/applications/:id', {
    config: { access: applicationReaders },
    schema: { tags, summary: '应聘申请详情 · one application in scope (phone masked)', params: s.applicationParam, response: { 200: s.application, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getApplication(deps, actorOf(request), request.params.id));

  app.post('/applications/:id/stage', {
    config: { access: ['employer'] },
    schema: { tags, summary: '变更应聘阶段 · the employer moves an application (shortlisted, interview, offer, hired, rejected); the seeker is told', params: s.applicationParam, body: s.stageBody, response: { 200: s.application, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.moveApplication(deps, actorOf(request), request.params.id, request.body.stage, requestContext(request)));

  // online interviews (issue 13 S2, decision 0049) ---------------------------------------------------
  app.post('/applications/:id/interviews', {
    config: { access: ['employer'] },
    schema: { tags, summary: '安排线上面试 · the employer schedules an online interview (time, video link) for a shortlisted application, which moves to the interview stage; the seeker is told with the invitation (.ics)', params: s.applicationParam, body: s.interviewBody, response: { 201: s.interview, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.scheduleInterview(deps, actorOf(request), request.params.id, request.body, requestContext(request))));

  app.get('/interviews', {
    config: { access: interviewReaders },
    schema: { tags, summary: '面试安排 · interviews in scope, soonest first: the employer\'s, the seeker\'s own, officials\' of their divisions (read only)', querystring: s.interviewsQuery, response: { 200: s.interviewPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listInterviews(deps, actorOf(request), request.query));

  app.get('/interviews/:id', {
    config: { access: interviewReaders },
    schema: { tags, summary: '面试详情 · one interview in scope', params: s.interviewParam, response: { 200: s.interview, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.getInterview(deps, actorOf(request), request.params.id));

  app.patch('/interviews/:id', {
    config: { access: interviewSides },
    schema: { tags, summary: '面试改期 · either side moves a live interview to another slot (the employer may change the link); the other side is told with the new invitation', params: s.interviewParam, body: s.reschedulePatch, response: { 200: s.interview, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.rescheduleInterview(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  app.post('/interviews/:id/cancel', {
    config: { access: interviewSides },
    schema: { tags, summary: '取消面试 · either side cancels a live interview with a reason; the other side is told', params: s.interviewParam, body: s.cancelInterviewBody, response: { 200: s.interview, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.cancelInterview(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  app.get('/interviews/:id/invite.ics', {
    config: { access: interviewSides },
    schema: { tags, summary: '面试邀请日历文件 · the interview as an iCalendar file (RFC 5545, METHOD:PUBLISH): CONFIRMED while scheduled, CANCELLED once cancelled; same UID, rising SEQUENCE', params: s.interviewParam, response: { 200: z.any().describe('iCalendar (.ics)'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const ics = await service.interviewInvite(deps, actorOf(request), request.params.id, requestContext(request).locale);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8; method=PUBLISH')
      .header('content-disposition', attachment(`面试邀请-${request.params.id}.ics`))
      .header('cache-control', 'no-store')
      .send(ics);
  });

  app.post('/applications/:id/phone', {
    config: { access: ['employer'] },
    schema: { tags, summary: '查看申请人完整手机号 · reveal one applicant\'s full phone, from the shortlist on (audited)', params: s.applicationParam, body: noBody, response: { 200: s.revealedPhone, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.revealPhone(deps, actorOf(request), request.params.id, requestContext(request)));
};
