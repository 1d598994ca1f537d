// An agency seen by an official: registration facts, status control, staff roster.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { parseId, useAgency } from '../../api/queries.ts';
import { AgencyCard } from '../../components/AgencyCard.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { StaffTable } from '../../components/StaffTable.tsx';

export default function AgencyDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const agency = useAgency(parseId(id));

  if (agency.isPending) return <PageLoading />;
  if (agency.error instanceof ApiError && agency.error.status === 404) {
    return <Result status="404" title={agency.error.message} extra={<Link to="/gov/agencies">{t('registry:agency.backToList')}</Link>} />;
  }
  if (!agency.data) return <QueryError error={agency.error} />;
  const a = agency.data;

  return (
    <div>
      <PageTitle
        title={
          <span>
            <Link to="/gov/agencies" aria-label={t('registry:agency.backToList')} style={{ marginInlineEnd: 8 }}>
              <ArrowLeftOutlined />
            </Link>
            {t('registry:agency.detailTitle')}
          </span>
        }
      />
      <AgencyCard agency={a} editable />
      <Card
        size="small"
        title={t('registry:staff.title')}
        style={{ marginTop: 12 }}
        extra={<ExportButton size="small" path={`/api/v1/agencies/${a.id}/staff/export.xlsx`} fileName="staff.xlsx" />}
      >
        <StaffTable agencyId={a.id} />
      </Card>
    </div>
  );
}
