// Verified placements over the API (types read off the generated `paths`, decision 0051): the lists
// (officials, employer, agency), the agency's referrals, recording, the employer's confirmation and
// the counts; writes invalidate ['placements'] (and the referrals list).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import type { paths } from './schema.d.ts';
import { usePagedQuery } from './usePagedQuery.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type ItemOf<P> = P extends { items: (infer T)[] } ? T : never;
type BodyOf<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Placement = ItemOf<Ok<paths['/api/v1/placements']['get']>>;
export type PlacementStatus = Placement['status'];
export type Referral = ItemOf<Ok<paths['/api/v1/applications/referred']['get']>>;
export type Confirmation = BodyOf<paths['/api/v1/placements/{id}/confirm']['post']>;

export const PLACEMENT_STATUSES = ['pending_employer', 'confirmed', 'verified'] as const;

export function usePlacementPages(status: PlacementStatus | undefined) {
  return usePagedQuery(['placements', 'list', status ?? 'all'], (page) => unwrap(api.GET('/api/v1/placements', { params: { query: { ...(status ? { status } : {}), ...page } } })));
}

/** The agency's referrals (every stage, or one). */
export function useReferralPages(stage: Referral['stage'] | undefined) {
  return usePagedQuery(['placements', 'referrals', stage ?? 'all'], (page) => unwrap(api.GET('/api/v1/applications/referred', { params: { query: { ...(stage ? { stage } : {}), ...page } } })));
}

export function usePlacementCounts() {
  return useQuery({ queryKey: ['placements', 'counts'], queryFn: () => unwrap(api.GET('/api/v1/placements/counts')) });
}

export function useRecordPlacement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: number) => unwrap(api.POST('/api/v1/placements', { body: { applicationId } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['placements'] }),
  });
}

export function useConfirmPlacement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; body: Confirmation }) => unwrap(api.POST('/api/v1/placements/{id}/confirm', { params: { path: { id: String(v.id) } }, body: v.body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['placements'] }),
  });
}
