// Incident rows and inbox notices become API shapes here, and only here: the subject's phone masked,
// the trigger's detail narrowed to its allow-list (incidents.access.ts), no health value anywhere.
import type { Config, IncidentDeadlineStage } from '../../config.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { maskPhone } from '../../../shared/checksums.ts';
import { type RecordedStage, type Stage, visibleDetail } from './incidents.access.ts';
import type { InboxRow, IncidentRow } from './repository/incidents.ts';

const NEXT: Readonly<Record<Stage, RecordedStage | null>> = {
  detected: 'reported',
  reported: 'isolated',
  isolated: 'diagnosed',
  diagnosed: 'treated',
  treated: 'closed',
  closed: null,
  ruled_out: null,
};

/** The stage after `stage` in the five earlies (null once ended). */
export const nextStageOf = (stage: Stage): RecordedStage | null => NEXT[stage];

/** The deadline of the stage after the current one: its start plus that stage's allowance (null: none configured, or ended). */
export function nextDeadline(config: Config, stage: Stage, stageAt: Date): { stage: RecordedStage | null; at: Date | null } {
  const next = NEXT[stage];
  const minutes = next && next !== 'ruled_out' ? config.prevention.incidentDeadlines[next as IncidentDeadlineStage] : undefined;
  return { stage: next, at: minutes ? new Date(stageAt.getTime() + minutes * 60_000) : null };
}

function subjectPhone(r: IncidentRow, crypto: FieldCrypto): string | null {
  if (r.erased_at) return null;
  if (r.subject_kind === 'visitor') return r.subject_phone_enc ? maskPhone(crypto.decrypt(r.subject_phone_enc)) : null;
  return r.staff_phone ? maskPhone(r.staff_phone) : null;
}

/** An incident as every desk that may open it sees it (officials and the agency's administrator alike). */
export function presentIncident(r: IncidentRow, config: Config, crypto: FieldCrypto) {
  const stage = r.stage as Stage;
  const next = nextDeadline(config, stage, r.stage_at);
  return {
    id: r.id,
    stage,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    detectedAt: r.detected_at.toISOString(),
    late: r.late,
    trigger: r.trigger as 'fever' | 'symptom' | 'exposure' | 'risk_area' | 'door_refusal',
    stageAt: r.stage_at.toISOString(),
    stageTimes: (r.steps ?? {}) as Partial<Record<Stage, string>>,
    nextStage: next.stage,
    nextDeadlineAt: next.at?.toISOString() ?? null,
    subject: {
      kind: r.subject_kind as 'staff' | 'visitor',
      name: r.erased_at ? null : r.subject_name,
      phone: subjectPhone(r, crypto),
      erased: r.erased_at !== null,
    },
    detail: visibleDetail(r.detail),
  };
}

export type IncidentView = ReturnType<typeof presentIncident>;

type NoticePayload = {
  agencyName?: unknown;
  trigger?: unknown;
  stage?: unknown;
  detectedAt?: unknown;
  dueStage?: unknown;
  level?: unknown;
  deadlineAt?: unknown;
};

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** A desk's notice: what the payload says about its incident (never a name or a health value: the payload has none). */
export function presentNotice(r: InboxRow) {
  const p = (r.payload ?? {}) as NoticePayload;
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
    incidentId: r.incident_id,
    incidentDivision: r.incident_division,
    agencyName: str(p.agencyName),
    trigger: str(p.trigger) as 'fever' | 'symptom' | 'exposure' | 'risk_area' | 'door_refusal' | null,
    stage: str(p.stage) as Stage | null,
    detectedAt: str(p.detectedAt),
    dueStage: str(p.dueStage) as RecordedStage | null,
    level: str(p.level) as 'prefecture' | 'province' | null,
    deadlineAt: str(p.deadlineAt),
  };
}
