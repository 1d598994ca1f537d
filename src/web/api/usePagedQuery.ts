// Keyset paging over the API's list endpoints: each answers `{ items, next }`, and `next` is the
// cursor of the following page (null on the last). React Query keeps the pages; PagedTable shows them.
import { type InfiniteData, type QueryKey, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from './types.ts';

export const PAGE_SIZE = 20;

/** What to put in a list call's query string: the page size, and the cursor after the first page. */
export type PageRequest = { limit: number; cursor?: string };

export type PagedQuery<T> = UseInfiniteQueryResult<InfiniteData<Page<T>, string | undefined>>;

/**
 * `key` must name every filter (a write invalidates by its first element, e.g. ['agencies']);
 * `fetchPage` asks for one page: spread `page` into the endpoint's query.
 */
export function usePagedQuery<T>(
  key: QueryKey,
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  { enabled = true }: { enabled?: boolean } = {},
): PagedQuery<T> {
  return useInfiniteQuery({
    queryKey: key,
    enabled,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<T>) => last.next ?? undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam ? { limit: PAGE_SIZE, cursor: pageParam } : { limit: PAGE_SIZE }),
  });
}

/** The rows of every page fetched so far, in order. */
export function rowsOf<T>(query: PagedQuery<T>): T[] {
  return query.data?.pages.flatMap((p) => p.items) ?? [];
}
