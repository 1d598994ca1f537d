// While a page's chunk or the session is on its way: antd's large spinner, centred, with room
// around it so the page that replaces it does not push anything about; screen readers hear it.
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common:loading')} style={{ display: 'flex', justifyContent: 'center', padding: '64px 0' }}>
      <Spin size="large" />
    </div>
  );
}
