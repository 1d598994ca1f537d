// 行政区划: drill from the official's own division down to counties; each row links to its agencies.
import { Breadcrumb, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { levelOf, prefixOf, withinScope } from '../../../shared/division.ts';
import { useDivision, useDivisions, useMe } from '../../api/queries.ts';
import type { Division } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

/** The chain of codes from `root` down to `code` (root first). */
function pathCodes(root: string, code: string): string[] {
  const chain = [code];
  if (levelOf(code) === 'county') chain.unshift(`${code.slice(0, 4)}00`);
  if (levelOf(code) !== 'province') chain.unshift(`${code.slice(0, 2)}0000`);
  return chain.slice(chain.indexOf(root));
}

function Crumb({ code }: { code: string }) {
  const { division } = useDivision(code);
  return <Link to={`?at=${code}`}>{division?.name ?? code}</Link>;
}

export default function DivisionsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params] = useSearchParams();
  const root = me ? scopeRootCode(me) : undefined;
  const requested = params.get('at') ?? root;
  // Stay inside the jurisdiction even if the address is edited by hand.
  const at = root && requested && withinScope(prefixOf(root), requested) ? requested : root;
  const current = useDivision(at).division;
  const isCounty = at ? levelOf(at) === 'county' : true;
  const children = useDivisions(at ? prefixOf(at) : undefined, Boolean(at) && !isCounty);

  if (!root || !at) return null;

  // One level of the division tree comes whole (reference data, never paged).
  const rows: Division[] = isCounty ? (current ? [current] : []) : (children.data?.items ?? []);

  return (
    <div>
      <PageTitle title={t('registry:division.title')} />
      <Breadcrumb style={{ marginBottom: 12 }} items={pathCodes(root, at).map((c) => ({ key: c, title: <Crumb code={c} /> }))} />
      <Card size="small">
        <PagedTable<Division>
          testId="divisions-table"
          source={{ rows, loading: children.isLoading, error: children.error }}
          rowKey="code"
          scroll={{ x: 520 }}
          columns={[
            {
              title: t('registry:division.field.name'),
              dataIndex: 'name',
              render: (name: string, d) =>
                levelOf(d.code) === 'county' ? name : <Link to={`?at=${d.code}`} data-testid="division-drill">{name}</Link>,
            },
            { title: t('registry:division.field.code'), dataIndex: 'code', width: 110 },
            {
              title: t('registry:division.field.level'),
              dataIndex: 'level',
              width: 110,
              render: (level: string) => <Tag>{t(`registry:division.level.${level}`, { defaultValue: level })}</Tag>,
            },
            {
              title: t('common:table.actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, d) => (
                <span style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                  <Link to={`/gov/agencies?division=${d.code}`}>{t('registry:division.agencies')}</Link>
                  <Link to={`/gov/employers?division=${d.code}`}>{t('registry:division.employers')}</Link>
                </span>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
