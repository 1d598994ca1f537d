// React Query hooks over the matcher (issue 12, decision 0046): a posting's candidates (an employer's
// own posting, or one of an employer that authorised the agency) and a job seeker's recommended
// postings (the seekers an agency serves), plus the list of those seekers. The reasons come in the
// caller's language, so the language is part of each key: switching it asks again.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from './client.ts';
import type { paths } from './schema.d.ts';
import { usePagedQuery } from './usePagedQuery.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;

export type SeekerMatches = Ok<paths['/api/v1/matches/for-seeker/{id}']['get']>;
export type SeekerMatch = SeekerMatches['items'][number];
export type PostingMatch = Ok<paths['/api/v1/matches/for-posting/{id}']['get']>['items'][number];
export type Reason = SeekerMatch['reasons'][number];
export type Seeker = Ok<paths['/api/v1/seekers/{id}']['get']>;
export type SeekerFilters = { priorityGroup?: Seeker['priorityGroups'][number] };

/** How many results a view asks for (the API's default; at most 50). */
export const MATCHES_SHOWN = 20;

const path = (id: number) => ({ path: { id: String(id) } });

export function usePostingMatches(postingId: number | undefined, enabled = true) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['matches', 'posting', postingId, i18n.language],
    enabled: enabled && postingId !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/matches/for-posting/{id}', { params: { ...path(postingId ?? 0), query: { limit: MATCHES_SHOWN } } })),
  });
}

export function useSeekerMatches(seekerId: number | undefined) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['matches', 'seeker', seekerId, i18n.language],
    enabled: seekerId !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/matches/for-seeker/{id}', { params: { ...path(seekerId ?? 0), query: { limit: MATCHES_SHOWN } } })),
  });
}

/** The job seekers in scope: for an agency, those who authorised it (registration in force, not hidden). */
export function useSeekerPages(filters: SeekerFilters) {
  return usePagedQuery(['seekers', 'list', filters], (page) => unwrap(api.GET('/api/v1/seekers', { params: { query: { ...filters, ...page } } })));
}

export function useSeeker(id: number | undefined) {
  return useQuery({ queryKey: ['seekers', 'one', id], enabled: id !== undefined, queryFn: () => unwrap(api.GET('/api/v1/seekers/{id}', { params: path(id ?? 0) })) });
}

/** A score in [0, 1] as a whole per cent (匹配度). */
export const percentOf = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * 100);
