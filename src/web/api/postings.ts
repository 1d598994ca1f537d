// React Query hooks over the postings API (职位, issue 9) and the employer side of the registry that
// the posting desks need: employers' own registrations (county approval) and their authorisations of
// agencies (人力资源市场暂行条例 第二十六条). Keys start with the resource name so a write refreshes
// every view of it.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, expectOk, rawFetch, unwrap, withQuery } from './client.ts';
import { apiFilters } from './queries.ts';
import type { paths } from './schema.d.ts';
import { usePagedQuery } from './usePagedQuery.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type ItemOf<P> = P extends { items: (infer T)[] } ? T : never;

export type Posting = Ok<paths['/api/v1/postings/{id}']['get']>;
export type PostingStatus = Posting['status'];
export type NewPosting = JsonOf<paths['/api/v1/postings']['post']['requestBody']>;
export type PostingPatch = JsonOf<paths['/api/v1/postings/{id}']['patch']['requestBody']>;
export type PostingFilters = { division?: string; status?: PostingStatus; q?: string };
export type CodeItem = ItemOf<Ok<paths['/api/v1/code-tables/occupations']['get']>>;
export type Registration = Ok<paths['/api/v1/employer-registrations/{id}']['get']>;
export type RegistrationStatus = Registration['status'];
export type RegistrationFilters = { status?: RegistrationStatus; division?: string };
export type Authorisation = ItemOf<Ok<paths['/api/v1/employers/me/authorisations']['get']>>;
export type Attachment = Ok<paths['/api/v1/attachments/{id}']['get']>;
export type ScreenInput = JsonOf<paths['/api/v1/postings/screen']['post']['requestBody']>;
export type Screening = Ok<paths['/api/v1/postings/screen']['post']>;
export type ScreenHit = Screening['hits'][number];

export const POSTING_STATUSES: readonly PostingStatus[] = ['draft', 'screened', 'published', 'closed', 'expired', 'taken_down'];
export const SALARY_UNITS = ['MONTH', 'DAY', 'HOUR', 'YEAR', 'PIECE'] as const;
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'temporary', 'internship'] as const;
export const PRIORITY_GROUPS = ['graduate', 'migrant'] as const;

/** The statuses each action starts from (the server's market/access.ts ALLOWED_FROM, for showing buttons only). */
export const CAN = {
  edit: ['draft', 'screened', 'published'],
  publish: ['draft', 'screened'],
  close: ['published'],
} as const satisfies Record<string, readonly PostingStatus[]>;

export function can(action: keyof typeof CAN, status: PostingStatus): boolean {
  return (CAN[action] as readonly string[]).includes(status);
}

const path = (id: number) => ({ path: { id: String(id) } });

export function usePostingPages(filters: PostingFilters) {
  return usePagedQuery(['postings', 'list', filters], (page) => unwrap(api.GET('/api/v1/postings', { params: { query: { ...apiFilters(filters), ...page } } })));
}

export function usePosting(id: number | undefined) {
  return useQuery({ queryKey: ['postings', 'one', id], enabled: id !== undefined, queryFn: () => unwrap(api.GET('/api/v1/postings/{id}', { params: path(id ?? 0) })) });
}

export const createPosting = (body: NewPosting) => unwrap(api.POST('/api/v1/postings', { body }));
export const updatePosting = (id: number, body: PostingPatch) => unwrap(api.PATCH('/api/v1/postings/{id}', { params: path(id), body }));
export const publishPosting = (id: number) => unwrap(api.POST('/api/v1/postings/{id}/publish', { params: path(id) }));
export const closePosting = (id: number) => unwrap(api.POST('/api/v1/postings/{id}/close', { params: path(id) }));

// the screener while the form is typed (issue 11) -------------------------------------------------

export const screenPosting = (body: ScreenInput, signal?: AbortSignal) => unwrap(api.POST('/api/v1/postings/screen', { body, signal }));

/** A screening with the texts it was asked about (the form compares them with its fields before applying a suggestion). */
export type LiveScreening = Screening & { sent: Required<ScreenInput> };

/** The posting form's text fields the screener reads (every one: words put in any field are screened). */
export const SCREEN_FIELDS = ['title', 'description', 'address', 'education', 'skillGrade', 'experience', 'benefits', 'contact'] as const;
export type ScreenField = (typeof SCREEN_FIELDS)[number];
export type ScreenTexts = Partial<Record<ScreenField, string | undefined | null>>;

const textsOf = (texts: ScreenTexts) => Object.fromEntries(SCREEN_FIELDS.map((f) => [f, texts[f] ?? ''])) as Required<ScreenInput>;

/**
 * The screener's answer for the posting's texts as they are typed: asked `delay` ms after the
 * last keystroke, only when there is text; a newer text cancels the older request (React Query aborts
 * the query nobody watches any more). While the newer answer is on its way the older one stays shown.
 */
export function useLiveScreening(texts: ScreenTexts, delay = 400) {
  const now = textsOf(texts);
  const key = JSON.stringify(now);
  const [sent, setSent] = useState<Required<ScreenInput>>(now);
  useEffect(() => {
    const timer = setTimeout(() => setSent(JSON.parse(key) as Required<ScreenInput>), delay);
    return () => clearTimeout(timer);
  }, [key, delay]);
  const hasText = SCREEN_FIELDS.some((f) => (sent[f] ?? '').trim());
  const query = useQuery({
    queryKey: ['postings', 'screen', sent],
    enabled: hasText,
    staleTime: 5 * 60 * 1000,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }): Promise<LiveScreening> => screenPosting(sent, signal).then((r) => ({ ...r, sent })),
  });
  const current = key === JSON.stringify(sent);
  return {
    /** Nothing while there is no text (an older answer is not kept once the fields are emptied). */
    data: hasText && SCREEN_FIELDS.some((f) => (now[f] ?? '').trim()) ? query.data : undefined,
    /** The answer is for the fields as they are now (not an older answer shown while the newer one loads). */
    fresh: current && !query.isPlaceholderData && !query.isFetching,
    refetch: query.refetch,
  };
}

/** Children of an occupation (major groups without a parent), from the reference table. */
export function occupationChildren(parent?: string): Promise<CodeItem[]> {
  return unwrap(api.GET('/api/v1/code-tables/occupations', { params: { query: parent ? { parent } : {} } })).then((r) => r.items);
}

/** Children of an industry (sections without a parent), GB/T 4754-2017. */
export function industryChildren(parent?: string): Promise<CodeItem[]> {
  return unwrap(api.GET('/api/v1/code-tables/industries', { params: { query: parent ? { parent } : {} } })).then((r) => r.items);
}

export function useEducationLevels() {
  return useQuery({ queryKey: ['education-levels'], staleTime: 60 * 60 * 1000, queryFn: () => unwrap(api.GET('/api/v1/code-tables/education-levels')) });
}

// employers' registrations ----------------------------------------------------------------------

export function useRegistrationPages(filters: RegistrationFilters) {
  return usePagedQuery(['registrations', 'list', filters], (page) =>
    unwrap(api.GET('/api/v1/employer-registrations', { params: { query: { ...apiFilters(filters), ...page } } })),
  );
}

export function useRegistration(id: number | undefined) {
  return useQuery({ queryKey: ['registrations', 'one', id], enabled: id !== undefined, queryFn: () => unwrap(api.GET('/api/v1/employer-registrations/{id}', { params: path(id ?? 0) })) });
}

export const decideRegistration = (id: number, body: { decision: 'approve' | 'refuse'; reason?: string }) =>
  unwrap(api.POST('/api/v1/employer-registrations/{id}/decision', { params: path(id), body }));

// attachments -----------------------------------------------------------------------------------

export function useAttachment(id: number | null | undefined) {
  return useQuery({ queryKey: ['attachments', 'one', id], enabled: typeof id === 'number', queryFn: () => unwrap(api.GET('/api/v1/attachments/{id}', { params: path(id ?? 0) })) });
}

/** The file itself as a blob (every read is audited by the server): fetched only when asked. */
export async function attachmentBlob(id: number): Promise<Blob> {
  return (await rawFetch(`/api/v1/attachments/${id}/content`)).blob();
}

/** Uploads a file (PDF, JPEG or PNG, at most 5 MiB) as the raw body; returns the attachment. */
export async function uploadAttachment(file: File, kind: Attachment['kind'], divisionCode: string): Promise<Attachment> {
  const res = await rawFetch(withQuery('/api/v1/attachments', { kind, divisionCode }), { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } });
  return (await res.json()) as Attachment;
}

// an employer's authorisations of agencies -------------------------------------------------------

export function useAuthorisations() {
  return useQuery({ queryKey: ['authorisations'], queryFn: () => unwrap(api.GET('/api/v1/employers/me/authorisations')) });
}

export const authoriseAgency = (body: { agencyId: number; documentId: number }) => unwrap(api.POST('/api/v1/employers/me/authorisations', { body }));

export const revokeAuthorisation = (id: number) => expectOk(api.DELETE('/api/v1/employers/me/authorisations/{id}', { params: path(id) }));
