// Online interviews over the API (decision 0049; types read off the generated `paths`): the list in
// three views (upcoming, past, cancelled), scheduling from an application, rescheduling and
// cancelling. Writes invalidate ['interviews'] and ['applications'] (scheduling moves a shortlisted
// application to the interview stage).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import type { paths } from './schema.d.ts';
import { usePagedQuery } from './usePagedQuery.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type ItemOf<P> = P extends { items: (infer T)[] } ? T : never;

export type Interview = ItemOf<Ok<paths['/api/v1/interviews']['get']>>;
export type NewInterview = JsonOf<paths['/api/v1/applications/{id}/interviews']['post']['requestBody']>;
export type InterviewPatch = JsonOf<paths['/api/v1/interviews/{id}']['patch']['requestBody']>;

/** The desk's three views of the list. */
export const INTERVIEW_VIEWS = ['upcoming', 'past', 'cancelled'] as const;
export type InterviewView = (typeof INTERVIEW_VIEWS)[number];

/** How far back the past and cancelled views reach (days): as far ahead as one may be set (INTERVIEW_WINDOW.furthestDays). */
export const LOOK_BACK_DAYS = 90;

/**
 * The list's query for a view at `now`: upcoming — live, starting from now on (soonest first);
 * past — live, started within LOOK_BACK_DAYS before now; cancelled — from LOOK_BACK_DAYS back on.
 * `now` is rounded down to the minute so the query key stays put while the page is open.
 */
export function viewQuery(view: InterviewView, now: Date, applicationId?: number) {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const back = new Date(minute.getTime() - LOOK_BACK_DAYS * 86_400_000).toISOString();
  const app = applicationId ? { applicationId } : {};
  if (view === 'upcoming') return { ...app, status: 'scheduled' as const, from: minute.toISOString() };
  if (view === 'past') return { ...app, status: 'scheduled' as const, from: back, before: minute.toISOString() };
  return { ...app, status: 'cancelled' as const, from: back };
}

export function useInterviewPages(view: InterviewView, now: Date, applicationId?: number) {
  const query = viewQuery(view, now, applicationId);
  return usePagedQuery(['interviews', 'list', query], (page) => unwrap(api.GET('/api/v1/interviews', { params: { query: { ...query, ...page } } })));
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['interviews'] });
    void qc.invalidateQueries({ queryKey: ['applications'] });
  };
}

/** Schedules an interview for an application (the employer's). */
export function useScheduleInterview() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { applicationId: number; body: NewInterview }) => unwrap(api.POST('/api/v1/applications/{id}/interviews', { params: { path: { id: String(v.applicationId) } }, body: v.body })),
    onSuccess: done,
  });
}

/** Moves an interview to another slot (the employer may also change the length, the link and the note). */
export function useRescheduleInterview() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; body: InterviewPatch }) => unwrap(api.PATCH('/api/v1/interviews/{id}', { params: { path: { id: String(v.id) } }, body: v.body })),
    onSuccess: done,
  });
}

/** Cancels an interview with a reason. */
export function useCancelInterview() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; reason: string }) => unwrap(api.POST('/api/v1/interviews/{id}/cancel', { params: { path: { id: String(v.id) } }, body: { reason: v.reason } })),
    onSuccess: done,
  });
}
