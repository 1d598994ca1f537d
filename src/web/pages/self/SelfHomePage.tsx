// Home for agency staff, employers and job seekers: who they are here, and what is coming.
import { ClockCircleOutlined, FileTextOutlined, SafetyCertificateOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgency, useDivision, useEmployer, useMe } from '../../api/queries.ts';
import type { Role } from '../../api/types.ts';

const COMING: Partial<Record<Role, string[]>> = {
  agency_staff: ['checkin', 'training', 'notices'],
  employer: ['resumption', 'fairs'],
  seeker: ['jobs', 'checkin', 'fairs'],
};

export default function SelfHomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const division = useDivision(me?.divisionCode).division;
  const agency = useAgency(me?.agencyId).data;
  const employer = useEmployer(me?.employerId).data;
  if (!me) return null;

  const items = [
    { key: 'name', label: t('self:name'), children: <span data-testid="self-name">{me.displayName}</span> },
    { key: 'role', label: t('self:role'), children: <span data-testid="self-role">{t(`auth:role.${me.role}`)}</span> },
    { key: 'username', label: t('self:username'), children: me.username },
  ];
  if (division) items.push({ key: 'division', label: t('self:division'), children: <>{division.name}</> });
  if (agency) items.push({ key: 'agency', label: t('self:agency'), children: <>{agency.name}</> });
  if (employer) items.push({ key: 'employer', label: t('self:employer'), children: <>{employer.name}</> });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card
        data-testid="about-me"
        size="small"
        title={
          <span>
            <UserOutlined /> {t('self:aboutMe')}
          </span>
        }
      >
        <Descriptions size="small" column={1} items={items} />
      </Card>
      {me.role === 'employer' && (
        <Card
          size="small"
          data-testid="employer-services"
          title={
            <span>
              <ShopOutlined /> {t('self:employerServices')}
            </span>
          }
        >
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Link to="/home/postings" data-testid="go-postings">
              <FileTextOutlined /> {t('postings:nav.postings')}
            </Link>
            <Link to="/home/authorisations" data-testid="go-authorisations">
              <SafetyCertificateOutlined /> {t('registrations:auth.title')}
            </Link>
          </div>
        </Card>
      )}
      <Card
        size="small"
        title={
          <span>
            <ClockCircleOutlined /> {t('self:comingTitle')}
          </span>
        }
      >
        <Typography.Paragraph data-testid="coming-soon" style={{ marginTop: 0 }}>
          {t('self:comingNote')}
        </Typography.Paragraph>
        <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
          {(COMING[me.role] ?? []).map((k) => (
            <li key={k}>{t(`self:services.${k}`)}</li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
