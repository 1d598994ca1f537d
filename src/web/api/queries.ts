// React Query hooks over the API. Keys start with the resource name so a write can invalidate it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { isDivisionCode, levelOf, prefixOf } from '../../shared/division.ts';
import { api, toApiError, unwrap } from './client.ts';
import type { AgencyFilters, Division, EmployerFilters, Me, MembershipFilters } from './types.ts';
import { usePagedQuery } from './usePagedQuery.ts';

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  const { data, error, response } = await api.GET('/api/v1/me');
  if (response.status === 401) return null;
  if (!response.ok || data === undefined) throw toApiError(response.status, error);
  return data;
}

/** Who is signed in (null: nobody), asked once a page load: kept until sign-in, sign-out or a switch sets it. */
export const meQuery = queryOptions({ queryKey: ['me'], queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: false });

export function useMe() {
  return useQuery(meQuery);
}

/** Children of a division ('53', '5301', or six digits); without parent, the province itself. */
export function divisionsQuery(parent?: string) {
  return {
    queryKey: ['divisions', parent ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/divisions', { params: { query: parent ? { parent } : {} } })),
    staleTime: 60 * 60 * 1000,
  };
}

export function useDivisions(parent?: string, enabled = true) {
  return useQuery({ ...divisionsQuery(parent), enabled });
}

/** The parent argument that lists `code` among its siblings. */
export function siblingsParent(code: string): string | undefined {
  const level = levelOf(code);
  if (level === 'province') return undefined;
  return level === 'prefecture' ? code.slice(0, 2) : code.slice(0, 4);
}

export function findDivision(page: { items: Division[] } | undefined, code: string): Division | undefined {
  return page?.items.find((d) => d.code === code);
}

/** Looks one division up by code, through the cached sibling list. */
export function useDivision(code: string | null | undefined) {
  const parent = code ? siblingsParent(code) : undefined;
  const q = useDivisions(parent, Boolean(code));
  return { ...q, division: code ? findDivision(q.data, code) : undefined };
}

export function useAgencyPages(filters: AgencyFilters) {
  return usePagedQuery(['agencies', 'list', filters], (page) =>
    unwrap(api.GET('/api/v1/agencies', { params: { query: { ...apiFilters(filters), ...page } } })),
  );
}

export function useAgency(id: number | undefined) {
  return useQuery({
    queryKey: ['agencies', 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/agencies/{id}', { params: { path: { id: String(id ?? 0) } } })),
  });
}

export function useStaffPages(agencyId: number) {
  return usePagedQuery(['staff', agencyId], (page) =>
    unwrap(api.GET('/api/v1/agencies/{id}/staff', { params: { path: { id: String(agencyId) }, query: page } })),
  );
}

export function useEmployerPages(filters: EmployerFilters) {
  return usePagedQuery(['employers', 'list', filters], (page) =>
    unwrap(api.GET('/api/v1/employers', { params: { query: { ...apiFilters(filters), ...page } } })),
  );
}

export function useEmployer(id: number | undefined) {
  return useQuery({
    queryKey: ['employers', 'one', id],
    enabled: id !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/employers/{id}', { params: { path: { id: String(id ?? 0) } } })),
  });
}

/** Who holds which membership in the signed-in official's (or agency's) reach. */
export function useMembershipPages(filters: MembershipFilters) {
  return usePagedQuery(['memberships', 'list', filters], (page) =>
    unwrap(api.GET('/api/v1/memberships', { params: { query: { ...apiFilters(filters), ...page } } })),
  );
}

/** Drops empty filter values so they are not sent as `?q=`. */
export function clean<T extends object>(filters: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(filters) as (keyof T)[]) {
    const v = filters[key];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

/**
 * Filters as the list endpoints take them: the `division` filter is a code prefix there
 * ('5303' for 曲靖市 and its counties), while the UI holds six-digit codes.
 */
export function apiFilters<T extends { division?: string }>(filters: T): Partial<T> {
  const out = clean(filters);
  if (out.division && isDivisionCode(out.division)) out.division = prefixOf(out.division);
  return out;
}

/** Reads an id from the address bar: a positive integer or nothing. */
export function parseId(raw: string | null | undefined): number | undefined {
  const n = Number(raw);
  return raw && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
