// An agency's staff roster (masked phone and ID numbers), cursor-paged.
import { useTranslation } from 'react-i18next';
import { useStaffPages } from '../api/queries.ts';
import type { Staff } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { PagedTable } from './PagedTable.tsx';
import { StatusTag } from './tags.tsx';

export function StaffTable({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const list = useStaffPages(agencyId);
  return (
    <PagedTable<Staff>
      testId="staff-table"
      source={list}
      columns={[
        { title: t('registry:staff.field.name'), dataIndex: 'name', width: 100 },
        { title: t('registry:staff.field.position'), dataIndex: 'position', width: 120 },
        { title: t('registry:staff.field.phone'), dataIndex: 'phone', width: 130 },
        { title: t('registry:staff.field.idNumber'), dataIndex: 'idNumber', width: 190, responsive: ['md'] },
        { title: t('registry:staff.field.status'), dataIndex: 'status', width: 90, responsive: ['sm'], render: (s: Staff['status']) => <StatusTag of="staff" status={s} /> },
        { title: t('registry:staff.field.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['lg'], render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}
