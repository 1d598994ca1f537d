// 本机构: the agency admin's own agency.
import { TeamOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAgency, useMe } from '../../api/queries.ts';
import { AgencyCard } from '../../components/AgencyCard.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';

export default function MyAgencyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const agency = useAgency(me?.agencyId);

  if (me?.agencyId === undefined) return <Result status="warning" title={t('registry:agency.noAgency')} />;
  if (agency.isPending) return <PageLoading />;
  if (!agency.data) return <QueryError error={agency.error} />;

  return (
    <div>
      <PageTitle
        title={t('registry:nav.myAgency')}
        extra={
          <Button type="primary" icon={<TeamOutlined />} onClick={() => void navigate('/agency/staff')}>
            {t('registry:nav.roster')}
          </Button>
        }
      />
      <AgencyCard agency={agency.data} editable={false} />
    </div>
  );
}
