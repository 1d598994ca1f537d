import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/index.ts';

/** Toggles zh-CN ⇄ en; server-localized data (errors, code names) is fetched again. */
/** `compact`: the short label, for a phone's header. */
export function LanguageSwitch({ ghost = false, compact = false }: { ghost?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      data-testid="lang-switch"
      size="small"
      ghost={ghost}
      icon={<GlobalOutlined />}
      aria-label={t('common:lang.switchTo')}
      onClick={() => {
        void setLanguage(next).then(() => queryClient.invalidateQueries());
      }}
    >
      {compact ? t('common:lang.switchToShort') : t('common:lang.switchTo')}
    </Button>
  );
}
