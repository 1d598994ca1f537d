// An online interview as an iCalendar file (RFC 5545, through ical-generator, decision 0049):
// METHOD:PUBLISH — a calendar entry to import, not an iTIP scheduling message (RFC 5546 REQUEST and
// CANCEL need an ORGANIZER and ATTENDEEs with e-mail addresses, which the platform does not hold);
// STATUS:CONFIRMED while scheduled, STATUS:CANCELLED once cancelled; the UID names the interview and
// never changes, the SEQUENCE is the interview's (raised at each reschedule and at the
// cancellation), so a calendar that imported one version replaces it with the next. Times
// are written in UTC (…Z): every calendar converts them, and no VTIMEZONE block is needed. DTSTAMP
// is the clock's now. A display alarm 30 minutes before.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { type Locale, t } from '../../platform/i18n.ts';

export type InterviewInvite = {
  /** The interview's key: the UID is `interview-{divisionCode}-{id}@{host}`. */
  divisionCode: string;
  id: number;
  sequence: number;
  cancelled: boolean;
  startsAt: Date;
  durationMinutes: number;
  meetingUrl: string;
  note: string | null;
  postingTitle: string;
  employerName: string;
};

/** The UID of an interview's invitation: stable across its versions. */
export function interviewUid(i: Pick<InterviewInvite, 'divisionCode' | 'id'>, host: string): string {
  return `interview-${i.divisionCode}-${i.id}@${host}`;
}

/**
 * The invitation as an .ics text (UTF-8, CRLF lines folded at 75 octets by the library), in the
 * reader's language. `host`: the deployment's host name for the UID; `now`: DTSTAMP.
 */
export function interviewIcs(i: InterviewInvite, opts: { host: string; now: Date; locale: Locale }): string {
  const cal = ical({
    prodId: { company: 'yunqiao', product: 'interviews', language: opts.locale === 'en' ? 'EN' : 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    name: t(opts.locale, 'interview_ics_calendar'),
  });
  const lines = [t(opts.locale, 'interview_ics_online', { url: i.meetingUrl }), ...(i.note ? [t(opts.locale, 'interview_ics_note', { note: i.note })] : [])];
  const event = cal.createEvent({
    id: interviewUid(i, opts.host),
    sequence: i.sequence,
    stamp: opts.now,
    start: i.startsAt,
    end: new Date(i.startsAt.getTime() + i.durationMinutes * 60_000),
    summary: t(opts.locale, 'interview_ics_summary', { title: i.postingTitle, employer: i.employerName }),
    description: lines.join('\n'),
    location: i.meetingUrl,
    url: i.meetingUrl,
    status: i.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  if (!i.cancelled) event.createAlarm({ type: ICalAlarmType.display, trigger: 30 * 60, description: t(opts.locale, 'interview_ics_alarm') });
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
