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

// venues (服务场所, decision 0028) -------------------------------------------------------------
type VenuePaths = {
  one: paths['/api/v1/prevention/venues/{id}'];
  hygiene: paths['/api/v1/prevention/venues/{id}/hygiene'];
  visits: paths['/api/v1/prevention/venues/{id}/visits'];
  door: paths['/api/v1/prevention/venues/{id}/entry-checks'];
  slots: paths['/api/v1/prevention/venues/{id}/slots'];
  bookings: paths['/api/v1/prevention/slots/{id}/bookings'];
};
type Created<Op> = Op extends { responses: { 201: infer R } } ? JsonOf<R> : never;
/** A venue as every list and read returns it: capacity from its area, people inside now, today's missed hygiene slots. */
export type Venue = Ok<VenuePaths['one']['get']>;
export type VenueStatus = Venue['status'];
export type NewVenue = JsonOf<paths['/api/v1/prevention/venues']['post']['requestBody']>;
export type VenuePatch = JsonOf<VenuePaths['one']['patch']['requestBody']>;
export type VenueQr = Ok<paths['/api/v1/prevention/venues/{id}/qr']['get']>;
export type VenueCounts = Ok<paths['/api/v1/prevention/venues/{id}/counts']['get']>;
/** One day's hygiene slots (done, missed, due, upcoming) and logs. */
export type HygieneDay = Ok<VenuePaths['hygiene']['get']>;
export type HygieneSlot = HygieneDay['slots'][number];
export type HygieneKind = HygieneSlot['kind'];
export type HygieneSlotStatus = HygieneSlot['status'];
export type Visit = ItemOf<Ok<VenuePaths['visits']['get']>>;
export type VisitorType = Visit['visitorType'];
export type EntryCheck = JsonOf<VenuePaths['door']['post']['requestBody']>;
export type EntryCheckResult = Created<VenuePaths['door']['post']>;
export type VenueSlot = ItemOf<Ok<VenuePaths['slots']['get']>>;
export type NewSlot = JsonOf<VenuePaths['slots']['post']['requestBody']>;
export type Booking = ItemOf<Ok<VenuePaths['bookings']['get']>>;
export type DeskBooking = NonNullable<JsonOf<VenuePaths['bookings']['post']['requestBody']>>;
