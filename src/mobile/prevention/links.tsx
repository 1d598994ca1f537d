// The start page's way into the prevention pages: the daily report for agency staff (with a note
// of reports waiting on this phone), bookings for job seekers.
import Button from 'antd-mobile/es/components/button';
import { Link } from 'wouter';
import type { Role } from '../../shared/roles.ts';
import { useT } from '../i18n/index.ts';
import { QueueStatus } from './parts.tsx';

export function PreventionLinks({ role }: { role: Role }) {
  const { t } = useT();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, marginBottom: 16 }}>
      {role === 'agency_staff' && (
        <>
          <Link href="/checkin" data-testid="m-checkin-link" style={{ display: 'block' }}>
            <Button block color="primary" size="large">
              {t('auth:home.checkin')}
            </Button>
          </Link>
          <div style={{ margin: '0 -16px' }}>
            <QueueStatus />
          </div>
        </>
      )}
      {(role === 'seeker' || role === 'employer') && (
        <Link href="/bookings" data-testid="m-bookings-link" style={{ display: 'block' }}>
          <Button block color="primary" size="large">
            {t('auth:home.bookings')}
          </Button>
        </Link>
      )}
    </div>
  );
}
