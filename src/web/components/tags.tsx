import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgencyKind } from '../api/types.ts';

const STATUS_COLOR: Record<string, string> = { active: 'green', suspended: 'orange', closed: 'default', left: 'default' };

/** Whose status: the same word means different things per entity (a closed agency, a departed staff member). */
export type StatusOf = 'agency' | 'staff' | 'employer';

export function StatusTag({ of, status }: { of: StatusOf; status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`registry:${of}.status.${status}`, { defaultValue: status })}</Tag>;
}

export function KindTag({ kind }: { kind: AgencyKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'public' ? 'blue' : 'purple'}>{t(`registry:agency.kind.${kind}`, { defaultValue: kind })}</Tag>;
}
