// Prevention routes (issue 8, decision 0026). Consent and daily check-ins: the contract of issue 8
// (POST/DELETE /prevention/consent, GET /prevention/symptoms, POST /prevention/checkins) and what
// the phone page, the agency console and the desks read around it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { noBody } from '../../http/bodies.ts';
import { errorResponses } from '../../http/openapi.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as checkins from './checkins.service.ts';
import * as consent from './consent.service.ts';
import * as s from './schemas.ts';

const staffOnly = ['agency_staff'] as const;
const adminOnly = ['agency_admin'] as const;
const agencyPeople = ['agency_admin', 'agency_staff'] as const;
const countReaders = [...OFFICIAL_ROLES, 'agency_admin'] as const;
const tags = ['prevention'];

export const preventionRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // consent --------------------------------------------------------------------------------------
  app.get('/prevention/consent', {
    config: { access: staffOnly },
    schema: { tags, summary: '健康信息处理同意：说明、用途、保存期限和本人状态 · the consent screen (purpose, retention, text version) and the caller\'s status and history', response: { 200: s.consentState, ...errorResponses(401, 403, 404, 409) } },
  }, async (request) => consent.myConsent(deps, actorOf(request), requestContext(request).locale));

  app.post('/prevention/consent', {
    config: { access: staffOnly },
    schema: { tags, summary: '本人同意处理健康信息 · the signed-in staff member consents (201; 200 when already in force); nobody consents for someone else', body: s.consentGive, response: { 200: s.consentState, 201: s.consentState, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => {
    const r = await consent.giveConsent(deps, actorOf(request), requestContext(request));
    return reply.status(r.created ? 201 : 200).send(r.state);
  });

  app.delete('/prevention/consent', {
    config: { access: staffOnly },
    schema: { tags, summary: '撤回健康信息处理同意 · withdraw consent (no new records, no reminders; records kept until their retention ends); 404 when none is in force', body: noBody, response: { 200: s.consentState, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => consent.withdrawConsent(deps, actorOf(request), requestContext(request)));

  app.post('/prevention/consent/paper', {
    config: { access: adminOnly },
    schema: { tags, summary: '登记纸质同意 · record a paper consent a colleague without a smartphone signed (text version, date, where the form is kept)', body: s.paperConsentCreate, response: { 201: s.consentState, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await consent.recordPaperConsent(deps, actorOf(request), request.body, requestContext(request))));

  app.get('/prevention/consent/staff/:id', {
    config: { access: adminOnly },
    schema: { tags, summary: '员工的同意状态和历史 · a colleague\'s consent status and history', params: s.staffParam, response: { 200: s.consentState, ...errorResponses(401, 403, 404, 409) } },
  }, async (request) => consent.staffConsent(deps, actorOf(request), request.params.id, requestContext(request).locale));

  app.delete('/prevention/consent/staff/:id', {
    config: { access: adminOnly },
    schema: { tags, summary: '登记撤回纸质同意 · record the withdrawal of a colleague\'s paper consent (a consent given on their own phone only they withdraw)', params: s.staffParam, body: noBody, response: { 200: s.consentState, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => consent.withdrawPaperConsent(deps, actorOf(request), request.params.id, requestContext(request)));

  // check-ins ------------------------------------------------------------------------------------
  app.get('/prevention/symptoms', {
    config: { access: agencyPeople },
    schema: { tags, summary: '症状清单 · the symptom checklist (codes and labels)', response: { 200: s.symptomList, ...errorResponses(401, 403) } },
  }, async () => checkins.symptomList());

  app.post('/prevention/checkins', {
    config: { access: agencyPeople },
    schema: {
      tags,
      summary: '健康打卡 · the daily report: 201 {id, abnormal, incidentId?}; the same clientId again 200 with the same body, changed values 409; without consent 409. An administrator records a paper-consent colleague\'s (staffId)',
      body: s.checkinCreate,
      response: { 200: s.checkinResult, 201: s.checkinResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const r = await checkins.recordCheckin(deps, actorOf(request), request.body, requestContext(request));
    return reply.status(r.status).send(r.body);
  });

  app.get('/prevention/checkins', {
    config: { access: agencyPeople },
    schema: { tags, summary: '打卡记录（含体温）· a staff member\'s reports with values: one\'s own, or a colleague\'s by the administrator (the read is audited)', querystring: s.checkinsQuery, response: { 200: s.checkinList, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => checkins.listCheckins(deps, actorOf(request), request.query, requestContext(request)));

  // the agency's day, settings, counts -----------------------------------------------------------
  app.get('/prevention/day', {
    config: { access: adminOnly },
    schema: { tags, summary: '每日打卡名单 · the agency\'s roster for a Beijing day: on time, late, pending, missing, withdrawn, no consent (no values)', querystring: s.dayQuery, response: { 200: s.dayList, ...errorResponses(400, 401, 403) } },
  }, async (request) => checkins.dayList(deps, actorOf(request), request.query.date));

  app.get('/prevention/settings', {
    config: { access: agencyPeople },
    schema: { tags, summary: '打卡设置 · the agency\'s cut-off (Beijing time) and the retention of raw checks', response: { 200: s.settings, ...errorResponses(401, 403) } },
  }, async (request) => checkins.getSettings(deps, actorOf(request)));

  app.put('/prevention/settings', {
    config: { access: adminOnly },
    schema: { tags, summary: '设置打卡截止时间 · set the agency\'s cut-off (HH:MM, Beijing time)', body: s.settingsUpdate, response: { 200: s.settings, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => checkins.updateSettings(deps, actorOf(request), request.body, requestContext(request)));

  app.get('/prevention/daily-counts', {
    config: { access: countReaders },
    schema: { tags, summary: '每日打卡统计 · daily check-in counts of agencies in scope (kept after the purge; no values)', querystring: s.countsQuery, response: { 200: s.dailyCounts, ...errorResponses(400, 401, 403) } },
  }, async (request) => checkins.dailyCounts(deps, actorOf(request), request.query));
};
