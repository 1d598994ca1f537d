// The prevention desk's contracts (issue 8 R1/G4, decision 0031): figures per division or agency
// below the one asked for, the incidents behind them (category and stage times only), the gaps
// with who answers for them, and the map's outlines. No field here can carry a daily value
// (temperature, symptom, declaration) or a staff member's name: access.ts states the rule and
// the desk test checks every response against it.
import { z } from 'zod';
import { calendarDate, divisionPrefix } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';

/** A calendar date `YYYY-MM-DD` that exists, in 2000–2099 (platform/fields.ts). */
const dateField = calendarDate();

export const deskQuery = z.object({
  /** The division to open (its code or scope prefix: 53, 5301, 530102); the official's own when left out. */
  division: label(divisionPrefix(), '行政区划', 'division').optional(),
  /** The Beijing day the figures are for (today when left out; never after today). */
  day: label(dateField, '日期', 'day').optional(),
});
export const mapQuery = deskQuery.pick({ division: true });

export const INCIDENT_STAGES = ['detected', 'reported', 'isolated', 'diagnosed', 'treated', 'closed', 'ruled_out'] as const;
export const OPEN_STAGES = ['detected', 'reported', 'isolated', 'diagnosed', 'treated'] as const;
export const TRIGGERS = ['fever', 'symptom', 'exposure', 'risk_area', 'door_refusal'] as const;
export const GAP_KINDS = ['checkin_missing', 'incident_late', 'hygiene_missed', 'no_plan', 'low_stock', 'stale_declarations'] as const;

const byStage = z.object(Object.fromEntries(OPEN_STAGES.map((s) => [s, z.number().int()])) as Record<(typeof OPEN_STAGES)[number], z.ZodNumber>);

/** The figures of one line (a division or an agency) or of the whole division asked for. */
export const deskFigures = z.object({
  agencies: z.number().int(),
  /** Staff expected to report that day (on the roster, consent in force at the day's end). */
  checkinExpected: z.number().int(),
  checkinReported: z.number().int(),
  checkinOnTime: z.number().int(),
  /** Expected but not reported. */
  checkinMissing: z.number().int(),
  /** Reported of expected, 0–1; null when no one was expected. */
  checkinRate: z.number().nullable(),
  /** Staff whose consent was withdrawn (shown as withdrawn, not missing). */
  consentWithdrawn: z.number().int(),
  /** Incidents open at the day's end, by the stage they were in then. */
  incidentsOpen: z.number().int(),
  incidentsByStage: byStage,
  /** Open incidents past a stage deadline by the day's end. */
  incidentsLate: z.number().int(),
  incidentsDetectedThatDay: z.number().int(),
  /** Agencies without a prevention plan (P1). */
  agenciesWithoutPlan: z.number().int(),
  /** Agencies with a protective-stock item below its minimum (P1), and those items. */
  agenciesLowStock: z.number().int(),
  lowStockItems: z.number().int(),
  /** Staff whose screening declaration is stale or was never made (P2), and their agencies. */
  staffDeclarationsDue: z.number().int(),
  agenciesDeclarationsDue: z.number().int(),
  /**
   * What the screening declarations found (P2), counted over the same window as declarations due:
   * stays matched with a risk area in force on their dates, declared close contacts, and stays
   * declared only above a listed area still to be followed up. Counts only: no place, date or name.
   */
  riskAreaMatches: z.number().int(),
  exposures: z.number().int(),
  openFollowUps: z.number().int(),
  venues: z.number().int(),
  /** Hygiene slots of that day flagged as missed (P5), and the agencies they belong to. */
  hygieneMissed: z.number().int(),
  agenciesHygieneMissed: z.number().int(),
  /** People inside the venues now (today's open visits; not the chosen day) and their capacity. */
  occupancyNow: z.number().int(),
  capacity: z.number().int(),
  /** Agencies with at least one gap. */
  agenciesWithGaps: z.number().int(),
});

const person = z.object({
  /** Who answers for it: the agency's named responsible person, or the bureau (its division's name). */
  name: z.string(),
  /** Their phone, masked (an agency's responsible phone, or the bureau's duty phone); null when none is set. */
  phoneMasked: z.string().nullable(),
});

export const deskLine = deskFigures.extend({
  kind: z.enum(['division', 'agency']),
  /** The division's code, or the agency's county. */
  code: z.string(),
  agencyId: z.number().int().nullable(),
  name: z.string(),
  responsible: person,
  /** The bureau that supervises it (R1): the division's own bureau, or the agency's county bureau. */
  supervisor: z.object({ code: z.string(), name: z.string() }),
  /** Whether a click opens the level below (divisions only). */
  drillable: z.boolean(),
  /** An agency's plan names who answers for prevention (P1): that person, with their position; null without a plan. */
  planResponsible: z.string().nullable(),
});

export const deskIncident = z.object({
  id: z.number().int(),
  divisionCode: z.string(),
  divisionName: z.string(),
  agencyId: z.number().int(),
  agencyName: z.string(),
  responsiblePerson: z.string(),
  trigger: z.enum(TRIGGERS),
  /** The stage at the day's end. */
  stage: z.enum(INCIDENT_STAGES),
  late: z.boolean(),
  detectedAt: z.string(),
  /** When each stage was recorded (by the day's end). */
  stageTimes: z.array(z.object({ stage: z.enum(INCIDENT_STAGES), at: z.string() })),
});

export const deskGap = z.object({
  divisionCode: z.string(),
  agencyId: z.number().int(),
  agencyName: z.string(),
  responsible: person,
  supervisor: z.object({ code: z.string(), name: z.string() }),
  kinds: z.array(z.enum(GAP_KINDS)),
  /** The person the agency's plan names for prevention (P1); null without a plan. */
  planResponsible: z.string().nullable(),
  /** The protective-stock items below their minimum (names). */
  lowStock: z.array(z.string()),
  staffDeclarationsDue: z.number().int(),
  checkinMissing: z.number().int(),
  incidentsLate: z.number().int(),
  hygieneMissed: z.number().int(),
});

export const desk = z.object({
  division: z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) }),
  /** From the official's own division down to this one (for the breadcrumb). */
  trail: z.array(z.object({ code: z.string(), name: z.string() })),
  day: z.string(),
  today: z.string(),
  /** What the lines are: prefectures, counties or agencies. */
  lineKind: z.enum(['prefecture', 'county', 'agency']),
  total: deskFigures,
  lines: z.array(deskLine),
  incidents: z.array(deskIncident),
  gaps: z.array(deskGap),
});

export const deskMap = z.object({
  /** What the features are. */
  level: z.enum(['prefecture', 'county']),
  attribution: z.string(),
  /** The map's review number (审图号) when the deployment's approved map carries one. */
  reviewNumber: z.string().nullable(),
  /** GeoJSON FeatureCollection; each feature's properties: name (the map's), code (current division code). */
  geojson: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), properties: z.object({ name: z.string(), code: z.string() }), geometry: z.unknown() })),
  }),
  /** Features of the map whose name maps to no current division (left off the map, named here). */
  unmapped: z.array(z.string()),
});
