import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, requestContext } from '../../http/auth.ts';
import { noBody } from '../../http/bodies.ts';
import { errorResponses } from '../../http/openapi.ts';
import { attachment, XLSX_TYPE } from '../../platform/spreadsheet.ts';
import { OFFICIAL_ROLES } from '../../../shared/roles.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';
import { visitsSheet } from './visits-sheet.ts';

const agencyPeople = ['agency_admin', 'agency_staff'] as const;
const venueReaders = [...OFFICIAL_ROLES, ...agencyPeople] as const;
const directoryReaders = [...venueReaders, 'seeker', 'employer'] as const;
const bookers = ['seeker', 'employer', ...agencyPeople] as const;
const selfBookers = ['seeker', 'employer'] as const;
const xlsxResponse = { 200: z.any().describe('Excel workbook (.xlsx)') };
const tags = ['venues'];

export const venuesRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // venues ---------------------------------------------------------------------------------------
  app.get('/prevention/venues', {
    config: { access: directoryReaders },
    schema: { tags, summary: '服务场所列表 · venues in scope (job seekers and employers: every active venue), with people inside now', querystring: s.venuesQuery, response: { 200: s.venuePage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listVenues(deps, actorOf(request), request.query));

  app.post('/prevention/venues', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '登记服务场所 · register a venue of the caller\'s agency (capacity from its area)', body: s.venueCreate, response: { 201: s.venue, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await service.createVenue(deps, actorOf(request), request.body, requestContext(request))));

  app.get('/prevention/venues/:id', {
    config: { access: venueReaders },
    schema: { tags, summary: '场所详情 · one venue', params: s.venueParam, response: { 200: s.venue, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getVenue(deps, actorOf(request), request.params.id));

  app.patch('/prevention/venues/:id', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '修改场所（面积、密度、停留时限、消杀计划、状态）· update a venue (a capacity below the people inside or the places booked is refused)', params: s.venueParam, body: s.venueUpdate, response: { 200: s.venue, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.updateVenue(deps, actorOf(request), request.params.id, request.body, requestContext(request)));

  app.post('/prevention/venues/:id/code', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '更换场所码 · replace the printed code (the old one answers as withdrawn)', params: s.venueParam, body: noBody, response: { 200: s.venue, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.replaceCode(deps, actorOf(request), request.params.id, requestContext(request)));

  app.get('/prevention/venues/:id/qr', {
    // officials read it too, so one outside their jurisdiction answers 404 like every venue id (decision 0028)
    config: { access: venueReaders },
    schema: { tags, summary: '场所二维码内容 · what the poster prints (409 without a public base URL)', params: s.venueParam, response: { 200: s.venueQr, ...errorResponses(401, 403, 404, 409) } },
  }, async (request) => service.venueQr(deps, actorOf(request), request.params.id));

  // hygiene --------------------------------------------------------------------------------------
  app.get('/prevention/venues/:id/hygiene', {
    config: { access: venueReaders },
    schema: { tags, summary: '场所消杀记录 · a day\'s hygiene slots (done, missed, due) and logs', params: s.venueParam, querystring: s.hygieneQuery, response: { 200: s.hygieneDay, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.hygieneDay(deps, actorOf(request), request.params.id, request.query.date));

  app.post('/prevention/venues/:id/hygiene', {
    config: { access: agencyPeople },
    schema: { tags, summary: '登记清洁、通风或消毒 · log a cleaning, ventilation or disinfection (now)', params: s.venueParam, body: s.hygieneLogCreate, response: { 201: s.hygieneLogResult, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await service.logHygiene(deps, actorOf(request), request.params.id, request.body, requestContext(request))));

  // entry checks and visits ----------------------------------------------------------------------
  app.post('/prevention/venues/:id/entry-checks', {
    config: { access: agencyPeople },
    schema: {
      tags,
      summary: '入口查验 · door check: type, mask, temperature; refused and recorded when failed (a fever opens an incident), admitted when there is room (409 when full)',
      params: s.venueParam,
      body: s.entryCheckCreate,
      response: { 201: s.entryCheckResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await service.checkAtDoor(deps, actorOf(request), request.params.id, request.body, requestContext(request))));

  app.get('/prevention/venues/:id/visits', {
    // officials read a venue's visits in their jurisdiction (phones masked); outside it, 404 (decision 0028)
    config: { access: venueReaders },
    schema: { tags, summary: '来访记录 · a day\'s visits (phones masked, no temperatures)', params: s.venueParam, querystring: s.visitsQuery, response: { 200: s.visitPage, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.listVisits(deps, actorOf(request), request.params.id, request.query));

  app.get('/prevention/venues/:id/visits/export.xlsx', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '导出来访记录 · export a day\'s visits (phones masked)', params: s.venueParam, querystring: s.hygieneQuery, response: { ...xlsxResponse, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const { venue, day, rows } = await service.exportVisits(deps, actorOf(request), request.params.id, request.query.date, requestContext(request));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${venue.name}-来访记录-${day}.xlsx`)).send(await visitsSheet(rows));
  });

  app.get('/prevention/visits/:id', {
    config: { access: agencyPeople },
    schema: { tags, summary: '来访记录详情（含体温，读取留痕）· one visit with its temperature (the read is audited)', params: s.visitParam, response: { 200: s.visitDetail, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.getVisit(deps, actorOf(request), request.params.id, requestContext(request)));

  app.post('/prevention/visits/:id/check-out', {
    config: { access: agencyPeople },
    schema: { tags, summary: '前台签退 · check a visit out at the desk (always allowed)', params: s.visitParam, body: noBody, response: { 200: s.checkOutResult, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.checkOutAtDesk(deps, actorOf(request), request.params.id, requestContext(request)));

  app.get('/prevention/venues/:id/counts', {
    config: { access: venueReaders },
    schema: { tags, summary: '每日来访人数 · visitor counts per day by type and outcome (kept after the purge)', params: s.venueParam, querystring: s.countsQuery, response: { 200: s.venueCounts, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.venueCounts(deps, actorOf(request), request.params.id, request.query));

  // the QR page (anonymous) ----------------------------------------------------------------------
  app.get('/prevention/venue-codes/:code', {
    config: { access: 'public' },
    schema: { tags, summary: '扫码页：场所信息 · what a venue\'s QR page shows (or that the code was withdrawn)', params: s.codeParam, response: { 200: s.publicVenue, ...errorResponses(400, 404, 429) } },
  }, async (request) => service.venueByCode(deps, request.params.code));

  app.post('/prevention/venue-codes/:code/visits', {
    // a small per-address limit of its own (YUNQIAO_VENUE_REGISTRATIONS_PER_ADDRESS, decision 0028)
    config: { access: 'public', limit: 'venueRegistration' },
    schema: {
      tags,
      summary: '扫码登记入场 · a visitor registers and checks in by the QR code (name, phone, consent; no account); 409 when full; the same phone with its visit still open: 200 and that visit',
      params: s.codeParam,
      body: s.selfRegistration,
      response: { 201: s.registrationResult, 200: s.registrationResult, ...errorResponses(400, 403, 404, 409, 429) },
    },
  }, async (request, reply) => {
    // the same phone with its visit still open here: 200 and that visit (decision 0028)
    const { created, body } = await service.registerByCode(deps, request.params.code, request.body, requestContext(request));
    return reply.status(created ? 201 : 200).send(body);
  });

  app.post('/prevention/visits/check-out', {
    config: { access: 'public' },
    schema: { tags, summary: '扫码签退 · a self-registered visitor checks out with the token their phone kept', body: s.selfCheckOut, response: { 200: s.checkOutResult, ...errorResponses(400, 403, 429) } },
  }, async (request) => service.checkOutByToken(deps, request.body.token, requestContext(request)));

  // slots and bookings ---------------------------------------------------------------------------
  app.get('/prevention/venues/:id/slots', {
    config: { access: directoryReaders },
    schema: { tags, summary: '预约时段 · a day\'s slots with places taken and free', params: s.venueParam, querystring: s.slotsQuery, response: { 200: s.slotList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.listSlots(deps, actorOf(request), request.params.id, request.query.date));

  app.post('/prevention/venues/:id/slots', {
    config: { access: ['agency_admin'] },
    schema: { tags, summary: '开放预约时段 · open a slot (never more places than the venue\'s area allows, together with the slots overlapping it)', params: s.venueParam, body: s.slotCreate, response: { 201: s.slot, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.createSlot(deps, actorOf(request), request.params.id, request.body, requestContext(request))));

  app.post('/prevention/slots/:id/bookings', {
    config: { access: bookers },
    schema: {
      tags,
      summary: '预约 · book a place: for yourself (job seekers, employers; empty body) or at the desk for a walk-in (name, phone); 409 when full or already booked',
      params: s.slotParam,
      body: s.bookingCreate,
      response: { 201: s.booking, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await service.bookSlot(deps, actorOf(request), request.params.id, request.body ?? {}, requestContext(request))));

  app.get('/prevention/slots/:id/bookings', {
    config: { access: agencyPeople },
    schema: { tags, summary: '时段预约名单 · a slot\'s bookings (phones masked)', params: s.slotParam, response: { 200: s.bookingList, ...errorResponses(401, 403, 404) } },
  }, async (request) => service.slotBookings(deps, actorOf(request), request.params.id));

  app.get('/prevention/bookings', {
    config: { access: selfBookers },
    schema: { tags, summary: '我的预约 · the caller\'s own bookings', querystring: s.myBookingsQuery, response: { 200: s.bookingPage, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.myBookings(deps, actorOf(request), request.query));

  app.delete('/prevention/bookings/:id', {
    config: { access: bookers },
    schema: { tags, summary: '取消预约 · cancel a booking (its booker or the venue\'s agency); a repeat frees nothing more', params: s.bookingParam, body: noBody, response: { 200: s.booking, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => service.cancelBooking(deps, actorOf(request), request.params.id, requestContext(request)));
};
