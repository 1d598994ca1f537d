// The desks and their pages. One entry is a route and, with `menu`, the desk's menu item too:
// adding a page is a page file (default export) and one line here.
import { AlertOutlined, ApartmentOutlined, AuditOutlined, BankOutlined, BellOutlined, CarryOutOutlined, EnvironmentOutlined, FileTextOutlined, FlagOutlined, HomeOutlined, IdcardOutlined, SafetyOutlined, ShopOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Role } from './api/types.ts';
import { type Desk, HOME_OF } from './auth/roles.ts';

// the posting pages serve three desks: an employer's own, officials', and agencies acting for an employer
const postingsList = lazy(() => import('./pages/postings/PostingsPage.tsx'));
const postingForm = lazy(() => import('./pages/postings/PostingFormPage.tsx'));

export type DeskPage = {
  /** Below the desk's root; '' is the desk's home. */
  path: string;
  /** Lazy, so each page is its own chunk and the login page stays light. */
  page: LazyExoticComponent<ComponentType>;
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
        page: lazy(() => import('./pages/official/OverviewPage.tsx')),
        menu: { label: 'registry:nav.overview', icon: <HomeOutlined /> },
      },
      {
        path: 'prevention',
        page: lazy(() => import('./pages/official/PreventionDeskPage.tsx')),
        menu: { label: 'oversight:nav.desk', icon: <SafetyOutlined /> },
      },
      {
        path: 'divisions',
        page: lazy(() => import('./pages/official/DivisionsPage.tsx')),
        menu: { label: 'registry:nav.divisions', icon: <ApartmentOutlined /> },
      },
      {
        path: 'agencies',
        page: lazy(() => import('./pages/official/AgenciesPage.tsx')),
        menu: { label: 'registry:nav.agencies', icon: <BankOutlined /> },
      },
      { path: 'agencies/new', page: lazy(() => import('./pages/official/AgencyCreatePage.tsx')) },
      { path: 'agencies/:id', page: lazy(() => import('./pages/official/AgencyDetailPage.tsx')) },
      {
        path: 'employers',
        page: lazy(() => import('./pages/official/EmployersPage.tsx')),
        menu: { label: 'registry:nav.employers', icon: <ShopOutlined /> },
      },
      {
        path: 'employer-registrations',
        page: lazy(() => import('./pages/official/RegistrationsPage.tsx')),
        menu: { label: 'registrations:nav.registrations', icon: <AuditOutlined /> },
      },
      { path: 'postings', page: postingsList, menu: { label: 'postings:nav.postings', icon: <FileTextOutlined /> } },
      { path: 'postings/new', page: postingForm },
      { path: 'postings/:id', page: postingForm },
      {
        path: 'venues',
        page: lazy(() => import('./pages/venues/VenuesPage.tsx')),
        menu: { label: 'venues:nav.venues', icon: <EnvironmentOutlined /> },
      },
      { path: 'venues/:id', page: lazy(() => import('./pages/venues/VenueDetailPage.tsx')) },
      {
        path: 'incidents',
        page: lazy(() => import('./pages/prevention/IncidentsPage.tsx')),
        menu: { label: 'incidents:nav.incidents', icon: <AlertOutlined /> },
      },
      { path: 'incidents/:id', page: lazy(() => import('./pages/prevention/IncidentDetailPage.tsx')) },
      {
        path: 'inbox',
        page: lazy(() => import('./pages/prevention/InboxPage.tsx')),
        menu: { label: 'incidents:nav.inbox', icon: <BellOutlined /> },
      },
      {
        path: 'memberships',
        page: lazy(() => import('./pages/memberships/MembershipsPage.tsx')),
        menu: { label: 'identity:nav.memberships', icon: <IdcardOutlined /> },
      },
      {
        path: 'moderation',
        page: lazy(() => import('./pages/market/ModerationQueuePage.tsx')),
        menu: { label: 'market:nav.queue', icon: <AuditOutlined /> },
      },
      {
        path: 'reports',
        page: lazy(() => import('./pages/market/ReportsPage.tsx')),
        menu: { label: 'market:nav.reports', icon: <FlagOutlined /> },
      },
      {
        path: 'risk-areas',
        page: lazy(() => import('./pages/prevention/RiskAreasPage.tsx')),
        menu: { label: 'screening:nav.riskAreas', icon: <AlertOutlined /> },
      },
      {
        path: 'applications',
        page: lazy(() => import('./pages/market/ApplicationsPage.tsx')),
        menu: { label: 'market:nav.applications', icon: <AuditOutlined /> },
      },
    ],
  },
  agency: {
    root: HOME_OF.agency,
    pages: [
      {
        path: '',
        page: lazy(() => import('./pages/agency/MyAgencyPage.tsx')),
        menu: { label: 'registry:nav.myAgency', icon: <BankOutlined /> },
      },
      {
        path: 'staff',
        page: lazy(() => import('./pages/agency/RosterPage.tsx')),
        menu: { label: 'registry:nav.roster', icon: <TeamOutlined /> },
      },
      { path: 'postings', page: postingsList, menu: { label: 'postings:nav.postingsForEmployers', icon: <FileTextOutlined /> }, roles: ['agency_admin'] },
      { path: 'postings/new', page: postingForm, roles: ['agency_admin'] },
      { path: 'postings/:id', page: postingForm, roles: ['agency_admin'] },
      {
        path: 'daily-checks',
        page: lazy(() => import('./pages/prevention/DailyChecksPage.tsx')),
        menu: { label: 'prevention:nav.dailyChecks', icon: <CarryOutOutlined /> },
        roles: ['agency_admin'],
      },
      {
        path: 'plan',
        page: lazy(() => import('./pages/prevention/PlanPage.tsx')),
        menu: { label: 'plans:nav.plan', icon: <SafetyOutlined /> },
        roles: ['agency_admin'],
      },
      {
        path: 'screening',
        page: lazy(() => import('./pages/prevention/ScreeningPage.tsx')),
        menu: { label: 'screening:nav.screening', icon: <SolutionOutlined /> },
        roles: ['agency_admin'],
      },
      {
        path: 'venues',
        page: lazy(() => import('./pages/venues/VenuesPage.tsx')),
        menu: { label: 'venues:nav.venues', icon: <EnvironmentOutlined /> },
      },
      { path: 'venues/:id', page: lazy(() => import('./pages/venues/VenueDetailPage.tsx')) },
      {
        path: 'incidents',
        page: lazy(() => import('./pages/prevention/IncidentsPage.tsx')),
        menu: { label: 'incidents:nav.incidents', icon: <AlertOutlined /> },
      },
      { path: 'incidents/:id', page: lazy(() => import('./pages/prevention/IncidentDetailPage.tsx')) },
      {
        path: 'inbox',
        page: lazy(() => import('./pages/prevention/InboxPage.tsx')),
        menu: { label: 'incidents:nav.inbox', icon: <BellOutlined /> },
      },
      {
        path: 'memberships',
        page: lazy(() => import('./pages/memberships/MembershipsPage.tsx')),
        menu: { label: 'identity:nav.memberships', icon: <IdcardOutlined /> },
      },
    ],
  },
  self: {
    root: HOME_OF.self,
    pages: [
      { path: '', page: lazy(() => import('./pages/self/SelfHomePage.tsx')) },
      { path: 'postings', page: postingsList, roles: ['employer'] },
      { path: 'postings/new', page: postingForm, roles: ['employer'] },
      { path: 'postings/:id', page: postingForm, roles: ['employer'] },
      { path: 'authorisations', page: lazy(() => import('./pages/self/AuthorisationsPage.tsx')), roles: ['employer'] },
      {
        path: 'applications',
        page: lazy(() => import('./pages/market/ApplicationsPage.tsx')),
        menu: { label: 'market:nav.applications', icon: <AuditOutlined /> },
        roles: ['employer'],
      },
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
