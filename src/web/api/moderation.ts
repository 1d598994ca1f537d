// Moderation cases (职位审核, 举报处理) over the API (types read off the generated `paths`): React
// Query hooks; a decision invalidates ['moderation'].
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import type { paths } from './schema.d.ts';
import { usePagedQuery } from './usePagedQuery.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type ItemOf<P> = P extends { items: (infer T)[] } ? T : never;

export type ModerationCase = ItemOf<Ok<paths['/api/v1/moderation/cases']['get']>>;
export type CaseDetail = Ok<paths['/api/v1/moderation/cases/{id}']['get']>;
export type CaseOrigin = ModerationCase['origin'];
export type CaseOutcome = 'release' | 'dismiss' | 'take_down';

export function useCasePages(origin: CaseOrigin, status: 'open' | 'closed') {
  return usePagedQuery(['moderation', 'list', origin, status], (page) => unwrap(api.GET('/api/v1/moderation/cases', { params: { query: { origin, status, ...page } } })));
}

export function useCase(id: number | undefined) {
  return useQuery({
    queryKey: ['moderation', 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/moderation/cases/{id}', { params: { path: { id: String(id ?? 0) } } })),
  });
}

export function useDecideCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome, reason }: { id: number; outcome: CaseOutcome; reason?: string }) =>
      unwrap(api.POST('/api/v1/moderation/cases/{id}/decision', { params: { path: { id: String(id) } }, body: { outcome, ...(reason ? { reason } : {}) } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['moderation'] }),
  });
}
