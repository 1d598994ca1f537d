// Incidents, the desk's inbox and the bureau's duty phone over the API (types read off the
// generated `paths`): React Query hooks; writes invalidate ['incidents'] and ['inbox'].
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import type { paths } from './schema.d.ts';
import { usePagedQuery } from './usePagedQuery.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type ItemOf<P> = P extends { items: (infer T)[] } ? T : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Incident = ItemOf<Ok<paths['/api/v1/prevention/incidents']['get']>>;
export type IncidentDetail = Ok<paths['/api/v1/prevention/incidents/{id}']['get']>;
export type IncidentStage = Incident['stage'];
export type RecordedStage = IncidentDetail['mayRecord'][number];
export type IncidentFilters = Omit<QueryOf<paths['/api/v1/prevention/incidents']['get']>, 'limit' | 'cursor'>;
export type Notice = ItemOf<Ok<paths['/api/v1/prevention/inbox']['get']>>;
export type DutyPhone = Ok<paths['/api/v1/prevention/duty-phone']['get']>;

export const STAGES = ['detected', 'reported', 'isolated', 'diagnosed', 'treated', 'closed', 'ruled_out'] as const;
export const TRIGGERS = ['fever', 'symptom', 'exposure', 'risk_area', 'door_refusal'] as const;

export function useIncidentPages(filters: IncidentFilters) {
  return usePagedQuery(['incidents', 'list', filters], (page) => unwrap(api.GET('/api/v1/prevention/incidents', { params: { query: { ...filters, ...page } } })));
}

export function useIncident(id: number | undefined) {
  return useQuery({
    queryKey: ['incidents', 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/prevention/incidents/{id}', { params: { path: { id: String(id ?? 0) } } })),
  });
}

export function useRecordStep(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { stage: RecordedStage; note?: string }) => unwrap(api.POST('/api/v1/prevention/incidents/{id}/steps', { params: { path: { id: String(id) } }, body })),
    onSuccess: (data) => {
      qc.setQueryData(['incidents', 'one', id], data);
      void qc.invalidateQueries({ queryKey: ['incidents', 'list'] });
      void qc.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
}

export function useInboxPages(unread: boolean | undefined) {
  return usePagedQuery(['inbox', 'list', unread ?? null], (page) =>
    unwrap(api.GET('/api/v1/prevention/inbox', { params: { query: { ...(unread === undefined ? {} : { unread: unread ? 'true' : 'false' }), ...page } } })),
  );
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/prevention/inbox/{id}/read', { params: { path: { id: String(id) } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inbox'] }),
  });
}

export function useDutyPhone(enabled: boolean) {
  return useQuery({ queryKey: ['duty-phone'], enabled, queryFn: () => unwrap(api.GET('/api/v1/prevention/duty-phone')) });
}

export function useSetDutyPhone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (phone: string | null) => (phone ? unwrap(api.PUT('/api/v1/prevention/duty-phone', { body: { phone } })) : unwrap(api.DELETE('/api/v1/prevention/duty-phone', {}))),
    onSuccess: (data) => qc.setQueryData(['duty-phone'], data),
  });
}
