// The incident rules as tables: who records which stage, which moves are in order, what leaves in
// an answer (never a daily value), and which desk is whose.
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../db/scope.ts';
import { ROLES, type Role } from '../../../shared/roles.ts';
import { deskOf, incidentView, mayRecordStage, RECORDED_STAGES, type RecordedStage, type Stage, stageMove, visibleDetail } from './incidents.access.ts';

describe('who records a stage', () => {
  const table: [RecordedStage, Role[]][] = [
    ['reported', ['agency_admin']],
    ['isolated', ['county']],
    ['diagnosed', ['county']],
    ['treated', ['county']],
    ['closed', ['county']],
    ['ruled_out', ['county']],
  ];
  for (const [stage, who] of table) {
    it(`${stage}: ${who.join(', ')} only`, () => {
      expect(ROLES.filter((r) => mayRecordStage(r, stage))).toEqual(who);
    });
  }
});

describe('stage order', () => {
  const table: [Stage, RecordedStage, 'ok' | 'order' | 'ended'][] = [
    ['detected', 'reported', 'ok'],
    ['detected', 'isolated', 'order'],
    ['detected', 'closed', 'order'],
    ['reported', 'reported', 'order'],
    ['reported', 'isolated', 'ok'],
    ['isolated', 'diagnosed', 'ok'],
    ['diagnosed', 'treated', 'ok'],
    ['treated', 'closed', 'ok'],
    ['diagnosed', 'reported', 'order'],
    ['detected', 'ruled_out', 'ok'],
    ['treated', 'ruled_out', 'ok'],
    ['closed', 'ruled_out', 'ended'],
    ['ruled_out', 'reported', 'ended'],
    ['closed', 'closed', 'ended'],
  ];
  for (const [from, to, want] of table) it(`${from} → ${to}: ${want}`, () => expect(stageMove(from, to)).toBe(want));
  it('every recorded stage is covered', () => expect(RECORDED_STAGES.length).toBe(6));
});

describe('what an incident answer carries', () => {
  it('no role ever gets daily values; desks see subject, category and stage times', () => {
    for (const role of ROLES) expect(incidentView(role).dailyValues).toBe(false);
    for (const role of ['province', 'prefecture', 'county', 'agency_admin'] as const) expect(incidentView(role)).toMatchObject({ subject: true, triggerCategory: true, stageTimes: true });
  });
  it('detail passes only its allow-list of scalar context keys', () => {
    expect(visibleDetail({ venueName: '大厅', temperature: 38.1, symptoms: ['cough'], level: 'high', nested: { a: 1 }, venueId: { x: 1 } })).toEqual({ venueName: '大厅', level: 'high' });
    // what a risk-area stay records: the area, its level and the shared days leave; its id and a missing sub do not
    expect(visibleDetail({ areaId: 7, areaCode: '532901', areaName: '大理市', sub: null, level: 'high', overlapFrom: '2020-02-08', overlapTo: '2020-02-10' })).toEqual({ areaCode: '532901', areaName: '大理市', level: 'high', overlapFrom: '2020-02-08', overlapTo: '2020-02-10' });
    // a fever's check-in id and day are kept for the record only
    expect(visibleDetail({ checkinId: 12, day: '2020-02-12' })).toEqual({});
    expect(visibleDetail(null)).toEqual({});
    expect(visibleDetail([1, 2])).toEqual({});
  });
});

describe('whose desk', () => {
  const official = (prefixes: string[]): Scope => ({ kind: 'official', prefixes, grants: [] });
  it.each([
    ['agency admin: its agency', { role: 'agency_admin', divisionCode: '530102', agencyId: 7, scope: { kind: 'agency', divisionCode: '530102', agencyId: 7, grants: [] } }, { kind: 'agency', divisionCode: '530102', agencyId: 7 }],
    ['county: its bureau', { role: 'county', divisionCode: '530102', scope: official(['530102']) }, { kind: 'bureau', codes: ['530102'] }],
    ['prefecture: its bureau', { role: 'prefecture', divisionCode: '530100', scope: official(['5301']) }, { kind: 'bureau', codes: ['530100'] }],
    ['province', { role: 'province', divisionCode: '530000', scope: official(['53']) }, { kind: 'bureau', codes: ['530000'] }],
    ['a re-coded county: its predecessor desk too', { role: 'county', divisionCode: '530481', scope: official(['530481', '530422']) }, { kind: 'bureau', codes: ['530481', '530422'] }],
    ['staff: none', { role: 'agency_staff', divisionCode: '530102', agencyId: 7, scope: { kind: 'staff', divisionCode: '530102', agencyId: 7, staffId: 1, grants: [] } }, null],
    ['seeker: none', { role: 'seeker', divisionCode: null, scope: { kind: 'seeker', accountId: 1, grants: [] } }, null],
  ] as const)('%s', (_, actor, want) => {
    expect(deskOf(actor as Parameters<typeof deskOf>[0])).toEqual(want);
  });
});
