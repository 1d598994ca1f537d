// Entity types, read off the generated `paths` so nothing is typed twice by hand.
import type { paths } from './schema.d.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type ItemOf<P> = P extends { items: (infer T)[] } ? T : never;

export type Me = Ok<paths['/api/v1/me']['get']>;
export type Role = Me['role'];
export type Division = ItemOf<Ok<paths['/api/v1/divisions']['get']>>;
export type Agency = Ok<paths['/api/v1/agencies/{id}']['get']>;
export type AgencyStatus = Agency['status'];
export type AgencyKind = Agency['kind'];
export type Staff = ItemOf<Ok<paths['/api/v1/agencies/{id}/staff']['get']>>;
export type Employer = Ok<paths['/api/v1/employers/{id}']['get']>;
export type RegistrySummary = Ok<paths['/api/v1/registry/summary']['get']>;
/** A membership on the 账号与身份 list: who holds it (phone masked), the role, the place. */
export type MembershipItem = ItemOf<Ok<paths['/api/v1/memberships']['get']>>;
export type MembershipStatus = MembershipItem['status'];
export type Page<T> = { items: T[]; next: string | null };

type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
export type AgencyFilters = Omit<QueryOf<paths['/api/v1/agencies']['get']>, 'limit' | 'cursor'>;
export type EmployerFilters = Omit<QueryOf<paths['/api/v1/employers']['get']>, 'limit' | 'cursor'>;
export type NewAgency = JsonOf<paths['/api/v1/agencies']['post']['requestBody']>;
export type AgencyPatch = JsonOf<paths['/api/v1/agencies/{id}']['patch']['requestBody']>;
export type NewStaff = JsonOf<paths['/api/v1/agencies/{id}/staff']['post']['requestBody']>;
/** One thing the signed-in person can act as (a role at a place); `Me.memberships` lists them all. */
export type Membership = Me['memberships'][number];
export type MembershipFilters = Omit<QueryOf<paths['/api/v1/memberships']['get']>, 'limit' | 'cursor'>;
export type NewMembership = JsonOf<paths['/api/v1/memberships']['post']['requestBody']>;
export type MembershipCreated = JsonOf<paths['/api/v1/memberships']['post']['responses'][201]>;
