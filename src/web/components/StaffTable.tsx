// An agency's staff roster (masked phone and ID numbers), cursor-paged.
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStaffPages } from '../api/queries.ts';
import type { Staff } from '../api/types.ts';
import { formatDateTime } from '../lib/format.ts';
import { LoadMore } from './LoadMore.tsx';
import { QueryError } from './QueryError.tsx';
import { StatusTag } from './tags.tsx';

export function StaffTable({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const list = useStaffPages(agencyId);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <QueryError error={list.error} />
      <Table<Staff>
        data-testid="staff-table"
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('registry:staff.field.name'), dataIndex: 'name', width: 100 },
          { title: t('registry:staff.field.position'), dataIndex: 'position', width: 120 },
          { title: t('registry:staff.field.phone'), dataIndex: 'phone', width: 130 },
          { title: t('registry:staff.field.idNumber'), dataIndex: 'idNumber', width: 190, responsive: ['md'] },
          { title: t('registry:staff.field.status'), dataIndex: 'status', width: 90, responsive: ['sm'], render: (s: Staff['status']) => <StatusTag of="staff" status={s} /> },
          { title: t('registry:staff.field.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['lg'], render: (v: string) => formatDateTime(v) },
        ]}
      />
      <LoadMore query={list} shown={rows.length} />
    </>
  );
}
