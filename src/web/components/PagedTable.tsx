// An antd Table over a list: keyset pages from usePagedQuery ("load more" under it), or a complete
// list such as a reference table. Loading and error states are the same on every page.
import { Table, type TableProps } from 'antd';
import { type PagedQuery, rowsOf } from '../api/usePagedQuery.ts';
import { LoadMore } from './LoadMore.tsx';
import { QueryError } from './QueryError.tsx';

/** A list that is not paged: all its rows at once. */
export type CompleteList<T> = { rows: T[]; loading: boolean; error: Error | null };

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  source: PagedQuery<T> | CompleteList<T>;
  testId?: string;
};

function isComplete<T>(source: PagedQuery<T> | CompleteList<T>): source is CompleteList<T> {
  return 'rows' in source;
}

export function PagedTable<T extends object>({ source, testId, ...table }: Props<T>) {
  const complete = isComplete(source);
  const rows = complete ? source.rows : rowsOf(source);
  return (
    <>
      <QueryError error={source.error} />
      <Table<T>
        data-testid={testId}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        {...table}
        loading={complete ? source.loading : source.isPending}
        dataSource={rows}
        pagination={false}
      />
      {!complete && <LoadMore query={source} shown={rows.length} />}
    </>
  );
}
