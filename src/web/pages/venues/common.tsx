// Small pieces the venue pages share: where the desk's venue pages live, who may change a venue,
// status and outcome tags.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HygieneSlotStatus, Me, VenueStatus, Visit } from '../../api/types.ts';
import { homeOf } from '../../auth/roles.ts';

/** `/agency/venues` or `/gov/venues`: the same pages on both desks. */
export const venuesRoot = (me: Me) => `${homeOf(me.role)}/venues`;

/** Only the agency's administrator changes venues, slots and codes; its staff and the bureaus above read (routes.ts `access`). */
export const mayManage = (me: Me | null | undefined) => me?.role === 'agency_admin';

/** The agency's own people work the door, the visits list and the bookings (officials never see visitors). */
export const worksTheDesk = (me: Me | null | undefined) => me?.role === 'agency_admin' || me?.role === 'agency_staff';

export function VenueStatusTag({ status }: { status: VenueStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'active' ? 'green' : 'default'}>{t(`venues:venue.status.${status}`)}</Tag>;
}

const SLOT_COLOR: Record<HygieneSlotStatus, string> = { done: 'green', missed: 'red', due: 'orange', upcoming: 'default' };

export function HygieneStatusTag({ status }: { status: HygieneSlotStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={SLOT_COLOR[status]} data-testid="hygiene-slot-status" data-status={status}>
      {t(`venues:hygiene.status.${status}`)}
    </Tag>
  );
}

export function OutcomeTag({ visit }: { visit: Pick<Visit, 'outcome' | 'refusalReasons'> }) {
  const { t } = useTranslation();
  if (visit.outcome === 'admitted') return <Tag color="green">{t('venues:visits.outcomeLabel.admitted')}</Tag>;
  return (
    <Tag color="red">
      {t('venues:visits.outcomeLabel.refused')}
      {visit.refusalReasons.length > 0 && `：${visit.refusalReasons.map((r) => t(`venues:door.reason.${r}`)).join('、')}`}
    </Tag>
  );
}

/** "09:00–09:30" in Beijing time from two instants. */
export function timeRange(from: string, to: string): string {
  return `${clock(from)}–${clock(to)}`;
}

const clockFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant's Beijing time of day, "09:05". */
export function clock(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : clockFormat.format(d);
}
