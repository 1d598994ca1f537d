// Applications over the API (types read off the generated `paths`, decision 0036): the employer's
// and officials' list, stage changes and the one-at-a-time phone reveal; writes invalidate ['applications'].
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import type { paths } from './schema.d.ts';
import { usePagedQuery } from './usePagedQuery.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type ItemOf<P> = P extends { items: (infer T)[] } ? T : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Application = ItemOf<Ok<paths['/api/v1/applications']['get']>>;
export type ApplicationStage = Application['stage'];
export type ApplicationFilters = Omit<QueryOf<paths['/api/v1/applications']['get']>, 'limit' | 'cursor'>;
export type EmployerMove = 'shortlisted' | 'interview' | 'offer' | 'hired' | 'rejected';

export const APPLICATION_STAGES = ['applied', 'shortlisted', 'interview', 'offer', 'hired', 'rejected', 'withdrawn'] as const;

/** The employer's next steps from each stage (as market/access.ts STAGE_MOVES: one forward, or reject while live). */
export const NEXT_MOVES: Record<ApplicationStage, EmployerMove[]> = {
  applied: ['shortlisted', 'rejected'],
  shortlisted: ['interview', 'rejected'],
  interview: ['offer', 'rejected'],
  offer: ['hired', 'rejected'],
  hired: [],
  rejected: [],
  withdrawn: [],
};

export function useApplicationPages(filters: ApplicationFilters) {
  return usePagedQuery(['applications', 'list', filters], (page) => unwrap(api.GET('/api/v1/applications', { params: { query: { ...filters, ...page } } })));
}

export function useMoveApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; stage: EmployerMove }) => unwrap(api.POST('/api/v1/applications/{id}/stage', { params: { path: { id: String(v.id) } }, body: { stage: v.stage } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['applications'] }),
  });
}

/** Reveals one applicant's full phone (audited on the server); never cached. */
export function useRevealPhone() {
  return useMutation({ mutationFn: (id: number) => unwrap(api.POST('/api/v1/applications/{id}/phone', { params: { path: { id: String(id) } } })) });
}
