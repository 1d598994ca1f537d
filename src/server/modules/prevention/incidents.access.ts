// Incident rules beyond role and scope, as pure predicates (tested as tables in
// incidents.access.test.ts; decision 0030).
import type { Actor } from '../../actor.ts';
import { isOfficial, type Role } from '../../../shared/roles.ts';
import { levelOf } from '../../../shared/division.ts';

export const STAGES = ['detected', 'reported', 'isolated', 'diagnosed', 'treated', 'closed', 'ruled_out'] as const;
export type Stage = (typeof STAGES)[number];
/** The stages someone records (detected is the system's, when the trigger arrives). */
export const RECORDED_STAGES = ['reported', 'isolated', 'diagnosed', 'treated', 'closed', 'ruled_out'] as const;
export type RecordedStage = (typeof RECORDED_STAGES)[number];

/** Who records a stage: the agency's responsible person confirms the report; the county bureau every later step. */
export type StageRecorder = 'agency' | 'county';

/**
 * Who records each stage (issue 8 P4: "the agency's responsible person confirms the report to the
 * county … the county records the later stages"). Ruling out is a finding about the case, which the
 * bureau that received the report makes, at any stage.
 */
export const RECORDER_OF: Readonly<Record<RecordedStage, StageRecorder>> = {
  reported: 'agency',
  isolated: 'county',
  diagnosed: 'county',
  treated: 'county',
  closed: 'county',
  ruled_out: 'county',
};

/** Whether `role` records `stage` (its scope decides which incidents): the agency's administrator the report, a county official the rest. */
export function mayRecordStage(role: Role, stage: RecordedStage): boolean {
  return RECORDER_OF[stage] === 'agency' ? role === 'agency_admin' : role === 'county';
}

/**
 * The stage an incident at `current` may move to as `next`, or why not: `order` when `next` is not
 * the stage right after `current` (ruled_out: after any stage but an ending one), `ended` when
 * the incident was closed or ruled out already.
 */
export function stageMove(current: Stage, next: RecordedStage): 'ok' | 'order' | 'ended' {
  if (current === 'closed' || current === 'ruled_out') return 'ended';
  if (next === 'ruled_out') return 'ok';
  const order = STAGES.slice(0, 6) as readonly Stage[];
  return order.indexOf(next) === order.indexOf(current) + 1 ? 'ok' : 'order';
}

/**
 * What of an incident a desk may read. Everyone who may open it sees the subject (name, masked
 * phone), the trigger's category and the stage times; daily values (temperatures, symptoms, a
 * declaration's answers) are never part of an incident's answer for anyone — officials read no
 * daily record at all (issue 8, "Bureau side"), and an agency reads its staff's records through
 * the check-in routes, where each read of another person's record is audited.
 */
export function incidentView(role: Role): { subject: boolean; triggerCategory: boolean; stageTimes: boolean; dailyValues: false } {
  return { subject: isOfficial(role) || role === 'agency_admin', triggerCategory: true, stageTimes: true, dailyValues: false };
}

/**
 * Keys of an incident's `detail` that may leave in an answer: context, never a health value (an
 * allow-list, so a trigger that one day puts a temperature in its detail cannot leak it) — a venue
 * refusal's venue; a risk-area stay's area (its street or community, `sub`), its level and the days
 * the stay shared with it. They are the names the triggers write: `openIncident` takes its
 * `detail` as IncidentDetail, so a key named otherwise does not compile (a risk-area incident once
 * showed its area without the level and the days, written as `level`/`overlapFrom`/`overlapTo` and
 * let through as `areaLevel`/`stayFrom`/`stayTo`).
 */
export const DETAIL_KEYS = ['venueId', 'venueName', 'visitId', 'areaCode', 'areaName', 'sub', 'level', 'overlapFrom', 'overlapTo', 'declarationId'] as const;
/** Keys a trigger keeps in `detail` for the record that never leave in an answer: ids and the check-in's day. */
export const RECORD_ONLY_DETAIL_KEYS = ['checkinId', 'day', 'areaId'] as const;
/** What a trigger records with its incident: these keys only, scalar values (null: none). */
export type IncidentDetail = Partial<Record<(typeof DETAIL_KEYS)[number] | (typeof RECORD_ONLY_DETAIL_KEYS)[number], string | number | null>>;

/** `detail` narrowed to DETAIL_KEYS, scalar values only. */
export function visibleDetail(detail: unknown): Record<string, string | number> {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return {};
  const out: Record<string, string | number> = {};
  for (const k of DETAIL_KEYS) {
    const v = (detail as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}

/**
 * The desk a caller reads as its inbox: an agency administrator its agency's; an official the
 * bureau desk of its own division, plus the desks of predecessor codes at the same level (a
 * re-coded county's officials read what the old code's desk received, decision 0022). Others none.
 */
export function deskOf(actor: Pick<Actor, 'role' | 'divisionCode' | 'agencyId' | 'scope'>): { kind: 'agency'; divisionCode: string; agencyId: number } | { kind: 'bureau'; codes: string[] } | null {
  if (actor.role === 'agency_admin' && actor.divisionCode && actor.agencyId !== undefined) return { kind: 'agency', divisionCode: actor.divisionCode, agencyId: actor.agencyId };
  if (!isOfficial(actor.role) || !actor.divisionCode) return null;
  const own = actor.divisionCode;
  const predecessors = actor.scope.kind === 'official' ? actor.scope.prefixes.filter((p) => /^\d{6}$/.test(p) && p !== own && levelOf(p) === levelOf(own)) : [];
  return { kind: 'bureau', codes: [own, ...predecessors] };
}

/** A bureau's duty phone is set by its own officials (the caller's own division), never from above or below. */
export function mayKeepDutyPhone(actor: Pick<Actor, 'role' | 'divisionCode'>, code: string): boolean {
  return isOfficial(actor.role) && actor.divisionCode === code;
}
