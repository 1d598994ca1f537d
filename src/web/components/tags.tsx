import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<string, string> = { active: 'green', suspended: 'orange', closed: 'default' };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'public' ? 'blue' : 'purple'}>{t(`kind.${kind}`, { defaultValue: kind })}</Tag>;
}
