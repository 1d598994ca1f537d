// React Query hooks over the venues API (服务场所, decision 0028). Keys start with 'venues' so any
// venue write can refresh every venue view (the list's "inside now", a venue's hygiene, its slots).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import { apiFilters } from './queries.ts';
import type { VenueStatus } from './types.ts';
import { usePagedQuery } from './usePagedQuery.ts';

/** How often a page showing live occupancy asks again (ms): people come and go at the door. */
export const OCCUPANCY_REFRESH_MS = 10_000;

const path = (id: number) => ({ path: { id: String(id) } });

export type VenueFilters = { division?: string; status?: VenueStatus };

export function useVenuePages(filters: VenueFilters) {
  return usePagedQuery(['venues', 'list', filters], (page) =>
    unwrap(api.GET('/api/v1/prevention/venues', { params: { query: { ...apiFilters(filters), ...page } } })),
  );
}

/** One venue; `live` asks again every OCCUPANCY_REFRESH_MS (people inside now). */
export function useVenue(id: number | undefined, { live = false }: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ['venues', 'one', id],
    enabled: id !== undefined,
    refetchInterval: live ? OCCUPANCY_REFRESH_MS : false,
    queryFn: () => unwrap(api.GET('/api/v1/prevention/venues/{id}', { params: path(id ?? 0) })),
  });
}

/** A day's hygiene slots and logs (`date` YYYY-MM-DD, Beijing; today when left out). */
export function useHygieneDay(id: number, date: string | undefined) {
  return useQuery({
    queryKey: ['venues', 'hygiene', id, date ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/prevention/venues/{id}/hygiene', { params: { ...path(id), query: date ? { date } : {} } })),
  });
}

/** A day's visits, newest first as the API pages them (phones masked). */
export function useVisitPages(id: number, date: string | undefined) {
  return usePagedQuery(['venues', 'visits', id, date ?? ''], (page) =>
    unwrap(api.GET('/api/v1/prevention/venues/{id}/visits', { params: { ...path(id), query: { ...(date ? { date } : {}), ...page } } })),
  );
}

export function useVenueCounts(id: number, from: string, to: string) {
  return useQuery({
    queryKey: ['venues', 'counts', id, from, to],
    queryFn: () => unwrap(api.GET('/api/v1/prevention/venues/{id}/counts', { params: { ...path(id), query: { from, to } } })),
  });
}

export function useVenueQr(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['venues', 'qr', id],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/prevention/venues/{id}/qr', { params: path(id) })),
  });
}

export function useSlots(id: number, date: string | undefined) {
  return useQuery({
    queryKey: ['venues', 'slots', id, date ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/prevention/venues/{id}/slots', { params: { ...path(id), query: date ? { date } : {} } })),
  });
}

export function useSlotBookings(slotId: number | undefined) {
  return useQuery({
    queryKey: ['venues', 'bookings', slotId],
    enabled: slotId !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/prevention/slots/{id}/bookings', { params: path(slotId ?? 0) })),
  });
}

/** After any venue write: every venue view asks again. */
export function useRefreshVenues() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['venues'] });
}
