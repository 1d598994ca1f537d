// The desks and their pages. One entry is a route and, with `menu`, the desk's menu item too:
// adding a page is a page file (default export) and one line here. Each page is its own chunk
// (lazyPage); deskPageAt finds a URL's page in the same table, so the page a user is about to land
// on can start downloading before it renders (main.tsx, App.tsx).
import { AlertOutlined, ApartmentOutlined, AuditOutlined, BankOutlined, BellOutlined, CalendarOutlined, CarOutlined, CarryOutOutlined, CheckCircleOutlined, EnvironmentOutlined, FileTextOutlined, FlagOutlined, HomeOutlined, IdcardOutlined, SafetyOutlined, ScheduleOutlined, ShopOutlined, SolutionOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import { matchRoutes, type RouteObject } from 'react-router';
import type { Role } from './api/types.ts';
import { type Desk, HOME_OF } from './auth/roles.ts';

/** A component in a chunk of its own: React.lazy, plus `preload()` to start the download before it renders. */
export type LazyPage<P extends object = object> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts the import (once; again after a failure) and gives its promise: the module, `default` the component. */
  preload: () => Promise<{ default: ComponentType<P> }>;
};

/**
 * `lazy(load)` with a `preload()` that shares its import: a page preloaded while /me is asked is
 * there when it renders, without a second request. A failed import is forgotten, so the render
 * (or the next preload) tries again instead of inheriting a preload's network error.
 */
export function lazyPage<P extends object = object>(load: () => Promise<{ default: ComponentType<P> }>): LazyPage<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
  return Object.assign(lazy(preload), { preload });
}

// the posting pages serve three desks: an employer's own, officials', and agencies acting for an employer
const postingsList = lazyPage(() => import('./pages/postings/PostingsPage.tsx'));
const postingForm = lazyPage(() => import('./pages/postings/PostingFormPage.tsx'));
// a posting's candidates (issue 12): the employer's own, and an agency acting for the employer
const candidates = lazyPage(() => import('./pages/matching/CandidatesPage.tsx'));
const placementsPage = lazyPage(() => import('./pages/placements/PlacementsPage.tsx'));

export type DeskPage = {
  /** Below the desk's root; '' is the desk's home. */
  path: string;
  /** Its own chunk, so the login page stays light; preloadDeskPage fetches it ahead of the render. */
  page: LazyPage;
  /** In the desk's menu, in table order; `label` is an i18n key. */
  menu?: { label: string; icon: ReactNode };
  /** Who may open it (and see its menu item); every role of the desk when left out. */
  roles?: readonly Role[];
};

export type DeskTable = { root: string; pages: DeskPage[] };

export const DESKS: Record<Desk, DeskTable> = {
  official: {
    root: HOME_OF.official,
    pages: [
      {
        path: '',
        page: lazyPage(() => import('./pages/official/OverviewPage.tsx')),
        menu: { label: 'registry:nav.overview', icon: <HomeOutlined /> },
      },
      {
        path: 'prevention',
        page: lazyPage(() => import('./pages/official/PreventionDeskPage.tsx')),
        menu: { label: 'oversight:nav.desk', icon: <SafetyOutlined /> },
      },
      {
        path: 'divisions',
        page: lazyPage(() => import('./pages/official/DivisionsPage.tsx')),
        menu: { label: 'registry:nav.divisions', icon: <ApartmentOutlined /> },
      },
      {
        path: 'agencies',
        page: lazyPage(() => import('./pages/official/AgenciesPage.tsx')),
        menu: { label: 'registry:nav.agencies', icon: <BankOutlined /> },
      },
      { path: 'agencies/new', page: lazyPage(() => import('./pages/official/AgencyCreatePage.tsx')) },
      { path: 'agencies/:id', page: lazyPage(() => import('./pages/official/AgencyDetailPage.tsx')) },
      {
        path: 'employers',
        page: lazyPage(() => import('./pages/official/EmployersPage.tsx')),
        menu: { label: 'registry:nav.employers', icon: <ShopOutlined /> },
      },
      {
        path: 'employer-registrations',
        page: lazyPage(() => import('./pages/official/RegistrationsPage.tsx')),
        menu: { label: 'registrations:nav.registrations', icon: <AuditOutlined /> },
      },
      { path: 'postings', page: postingsList, menu: { label: 'postings:nav.postings', icon: <FileTextOutlined /> } },
      { path: 'postings/new', page: postingForm },
      { path: 'postings/:id', page: postingForm },
      {
        path: 'venues',
        page: lazyPage(() => import('./pages/venues/VenuesPage.tsx')),
        menu: { label: 'venues:nav.venues', icon: <EnvironmentOutlined /> },
      },
      { path: 'venues/:id', page: lazyPage(() => import('./pages/venues/VenueDetailPage.tsx')) },
      {
        path: 'incidents',
        page: lazyPage(() => import('./pages/prevention/IncidentsPage.tsx')),
        menu: { label: 'incidents:nav.incidents', icon: <AlertOutlined /> },
      },
      { path: 'incidents/:id', page: lazyPage(() => import('./pages/prevention/IncidentDetailPage.tsx')) },
      {
        path: 'inbox',
        page: lazyPage(() => import('./pages/prevention/InboxPage.tsx')),
        menu: { label: 'incidents:nav.inbox', icon: <BellOutlined /> },
      },
      {
        path: 'memberships',
        page: lazyPage(() => import('./pages/memberships/MembershipsPage.tsx')),
        menu: { label: 'identity:nav.memberships', icon: <IdcardOutlined /> },
      },
      {
        path: 'moderation',
        page: lazyPage(() => import('./pages/market/ModerationQueuePage.tsx')),
        menu: { label: 'market:nav.queue', icon: <AuditOutlined /> },
      },
      {
        path: 'reports',
        page: lazyPage(() => import('./pages/market/ReportsPage.tsx')),
        menu: { label: 'market:nav.reports', icon: <FlagOutlined /> },
      },
      {
        path: 'risk-areas',
        page: lazyPage(() => import('./pages/prevention/RiskAreasPage.tsx')),
        menu: { label: 'screening:nav.riskAreas', icon: <AlertOutlined /> },
      },
      {
        path: 'applications',
        page: lazyPage(() => import('./pages/market/ApplicationsPage.tsx')),
        menu: { label: 'market:nav.applications', icon: <AuditOutlined /> },
      },
      {
        path: 'resumption',
        page: lazyPage(() => import('./pages/resumption/ResumptionDeskPage.tsx')),
        menu: { label: 'resumption:nav.desk', icon: <ScheduleOutlined /> },
      },
      {
        path: 'resumption/transport',
        page: lazyPage(() => import('./pages/resumption/TransportPage.tsx')),
        menu: { label: 'resumption:nav.transport', icon: <CarOutlined /> },
      },
      {
        path: 'interviews',
        page: lazyPage(() => import('./pages/market/InterviewsPage.tsx')),
        menu: { label: 'market:nav.interviews', icon: <CalendarOutlined /> },
      },
      { path: 'placements', page: placementsPage, menu: { label: 'placements:nav.placements', icon: <CheckCircleOutlined /> } },
    ],
  },
  agency: {
    root: HOME_OF.agency,
    pages: [
      {
        path: '',
        page: lazyPage(() => import('./pages/agency/MyAgencyPage.tsx')),
        menu: { label: 'registry:nav.myAgency', icon: <BankOutlined /> },
      },
      {
        path: 'staff',
        page: lazyPage(() => import('./pages/agency/RosterPage.tsx')),
        menu: { label: 'registry:nav.roster', icon: <TeamOutlined /> },
      },
      { path: 'postings', page: postingsList, menu: { label: 'postings:nav.postingsForEmployers', icon: <FileTextOutlined /> }, roles: ['agency_admin'] },
      { path: 'postings/new', page: postingForm, roles: ['agency_admin'] },
      { path: 'postings/:id', page: postingForm, roles: ['agency_admin'] },
      { path: 'postings/:id/candidates', page: candidates, roles: ['agency_admin'] },
      {
        path: 'seekers',
        page: lazyPage(() => import('./pages/matching/SeekersPage.tsx')),
        menu: { label: 'matching:nav.seekers', icon: <UserOutlined /> },
        roles: ['agency_admin'],
      },
      { path: 'seekers/:id/jobs', page: lazyPage(() => import('./pages/matching/SeekerJobsPage.tsx')), roles: ['agency_admin'] },
      { path: 'placements', page: placementsPage, menu: { label: 'placements:nav.placements', icon: <CheckCircleOutlined /> } },
      {
        path: 'daily-checks',
        page: lazyPage(() => import('./pages/prevention/DailyChecksPage.tsx')),
        menu: { label: 'prevention:nav.dailyChecks', icon: <CarryOutOutlined /> },
        roles: ['agency_admin'],
      },
      {
        path: 'plan',
        page: lazyPage(() => import('./pages/prevention/PlanPage.tsx')),
        menu: { label: 'plans:nav.plan', icon: <SafetyOutlined /> },
        roles: ['agency_admin'],
      },
      {
        path: 'screening',
        page: lazyPage(() => import('./pages/prevention/ScreeningPage.tsx')),
        menu: { label: 'screening:nav.screening', icon: <SolutionOutlined /> },
        roles: ['agency_admin'],
      },
      {
        path: 'venues',
        page: lazyPage(() => import('./pages/venues/VenuesPage.tsx')),
        menu: { label: 'venues:nav.venues', icon: <EnvironmentOutlined /> },
      },
      { path: 'venues/:id', page: lazyPage(() => import('./pages/venues/VenueDetailPage.tsx')) },
      {
        path: 'incidents',
        page: lazyPage(() => import('./pages/prevention/IncidentsPage.tsx')),
        menu: { label: 'incidents:nav.incidents', icon: <AlertOutlined /> },
      },
      { path: 'incidents/:id', page: lazyPage(() => import('./pages/prevention/IncidentDetailPage.tsx')) },
      {
        path: 'inbox',
        page: lazyPage(() => import('./pages/prevention/InboxPage.tsx')),
        menu: { label: 'incidents:nav.inbox', icon: <BellOutlined /> },
      },
      {
        path: 'memberships',
        page: lazyPage(() => import('./pages/memberships/MembershipsPage.tsx')),
        menu: { label: 'identity:nav.memberships', icon: <IdcardOutlined /> },
      },
    ],
  },
  self: {
    root: HOME_OF.self,
    pages: [
      { path: '', page: lazyPage(() => import('./pages/self/SelfHomePage.tsx')) },
      { path: 'postings', page: postingsList, roles: ['employer'] },
      { path: 'postings/new', page: postingForm, roles: ['employer'] },
      { path: 'postings/:id', page: postingForm, roles: ['employer'] },
      { path: 'postings/:id/candidates', page: candidates, roles: ['employer'] },
      { path: 'authorisations', page: lazyPage(() => import('./pages/self/AuthorisationsPage.tsx')), roles: ['employer'] },
      {
        path: 'applications',
        page: lazyPage(() => import('./pages/market/ApplicationsPage.tsx')),
        menu: { label: 'market:nav.applications', icon: <AuditOutlined /> },
        roles: ['employer'],
      },
      {
        path: 'interviews',
        page: lazyPage(() => import('./pages/market/InterviewsPage.tsx')),
        menu: { label: 'market:nav.interviews', icon: <CalendarOutlined /> },
        roles: ['employer'],
      },
      {
        path: 'resumption',
        page: lazyPage(() => import('./pages/resumption/ResumptionPlanPage.tsx')),
        menu: { label: 'resumption:nav.plan', icon: <ScheduleOutlined /> },
        roles: ['employer'],
      },
      { path: 'placements', page: placementsPage, menu: { label: 'placements:nav.placements', icon: <CheckCircleOutlined /> }, roles: ['employer'] },
    ],
  },
};

export function mayOpen(page: DeskPage, role: Role): boolean {
  return !page.roles || page.roles.includes(role);
}

export type MenuItem = { path: string; label: string; icon: ReactNode };

/** A desk's menu as `role` sees it: full paths, in table order. */
export function menuOf(desk: Desk, role: Role): MenuItem[] {
  const { root, pages } = DESKS[desk];
  return pages.flatMap((p) =>
    p.menu && mayOpen(p, role) ? [{ path: p.path ? `${root}/${p.path}` : root, label: p.menu.label, icon: p.menu.icon }] : [],
  );
}

/** The menu item a location belongs to: the longest path that prefixes it. */
export function selectedItem(items: MenuItem[], pathname: string): string | undefined {
  return items
    .filter((e) => pathname === e.path || pathname.startsWith(`${e.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

/** A desk's page matched from a URL: the desk (its layout) and the table entry. */
export type DeskPageMatch = { desk: Desk; page: DeskPage };

type DeskRoute = RouteObject & { match?: DeskPageMatch };

// The desks' tables as App.tsx mounts them (the root, its pages below it, '' the index), for
// react-router's own matcher: a URL resolves here as it does in <Routes>, `agencies/new` before
// `agencies/:id`.
const DESK_ROUTES: DeskRoute[] = (Object.keys(DESKS) as Desk[]).map((desk) => ({
  path: DESKS[desk].root,
  children: DESKS[desk].pages.map((page): DeskRoute => (page.path ? { path: page.path, match: { desk, page } } : { index: true, match: { desk, page } })),
}));

/** The desk page `pathname` (a query or hash may follow) opens, or undefined when it is none (`/login`, `/`, an unknown path). */
export function deskPageAt(pathname: string): DeskPageMatch | undefined {
  return matchRoutes(DESK_ROUTES, pathname)?.at(-1)?.route.match;
}

/**
 * Starts downloading the page at `pathname` (deskPageAt) and settles when it is there; nothing for
 * a path that is no desk page. Never rejects: a failed download shows when the page renders.
 */
export function preloadDeskPage(pathname: string): Promise<void> {
  const at = deskPageAt(pathname);
  if (!at) return Promise.resolve();
  return at.page.page.preload().then(
    () => undefined,
    () => undefined,
  );
}
