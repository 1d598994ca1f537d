// 防控监管: the prevention desk of an official's jurisdiction (issue 8 R1/G4; decision 0031). One
// request per division and day (GET /api/v1/prevention/desk): the figures per prefecture, county
// or agency below the division opened, drillable by a click on a row or on the map; the incidents
// (category and stage times only) and the gaps with who answers for them. Officials see no daily
// value here: the API holds none. The division and the day live in the address bar.
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { COLOUR_FIGURES, type ColourFigure, type Desk, type DeskLine, isColourFigure } from './desk/figures.ts';

// ECharts in chunks of their own: the table shows while the charts load
const DeskMap = lazy(() => import('./desk/DeskMap.tsx').then((m) => ({ default: m.DeskMap })));
const DeskChart = lazy(() => import('./desk/DeskChart.tsx').then((m) => ({ default: m.DeskChart })));

type Incident = Desk['incidents'][number];
type Gap = Desk['gaps'][number];

/** The counts each line (and the total row) shows, in the table's order after the completion rate. */
const LINE_FIGURES = [
  'checkinReported', 'checkinExpected', 'checkinMissing', 'consentWithdrawn', 'incidentsOpen', 'incidentsLate', 'agenciesWithoutPlan', 'agenciesLowStock',
  'staffDeclarationsDue', 'riskAreaMatches', 'exposures', 'openFollowUps', 'hygieneMissed', 'occupancyNow',
] as const;

const STATS: [string, (d: Desk['total']) => number | string][] = [
  ['checkinRate', (f) => (f.checkinRate === null ? '—' : `${(f.checkinRate * 100).toFixed(1)}%`)],
  ['checkinMissing', (f) => f.checkinMissing],
  ['incidentsOpen', (f) => f.incidentsOpen],
  ['incidentsLate', (f) => f.incidentsLate],
  ['agenciesWithGaps', (f) => f.agenciesWithGaps],
  ['agenciesWithoutPlan', (f) => f.agenciesWithoutPlan],
  ['agenciesLowStock', (f) => f.agenciesLowStock],
  ['hygieneMissed', (f) => f.hygieneMissed],
  ['occupancyNow', (f) => `${f.occupancyNow} / ${f.capacity}`],
];

export default function PreventionDeskPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const division = params.get('division') ?? undefined;
  const day = params.get('day') ?? undefined;
  const figureParam = params.get('figure');
  const figure: ColourFigure = isColourFigure(figureParam) ? figureParam : 'checkinRate';
  const set = (changes: Record<string, string | undefined>, push = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
        return next;
      },
      { replace: !push },
    );
  const open = (code: string) => set({ division: code }, true);

  const desk = useQuery({
    queryKey: ['prevention', 'desk', division ?? '', day ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/prevention/desk', { params: { query: { ...(division ? { division } : {}), ...(day ? { day } : {}) } } })),
  });
  const d = desk.data;
  const kind = d ? t(`oversight:desk.lineKind.${d.lineKind}`) : '';

  const lineColumns = [
    { title: t('oversight:col.name'), dataIndex: 'name', key: 'name', render: (v: string, l: DeskLine) => (l.drillable ? <Typography.Link>{v}</Typography.Link> : v) },
    { title: t('oversight:figure.checkinRate'), key: 'rate', align: 'right' as const, render: (_: unknown, l: DeskLine) => (l.checkinRate === null ? '—' : `${(l.checkinRate * 100).toFixed(1)}%`), sorter: (a: DeskLine, b: DeskLine) => (a.checkinRate ?? -1) - (b.checkinRate ?? -1) },
    ...LINE_FIGURES.map((k) => ({
      title: t(`oversight:figure.${k}`),
      dataIndex: k,
      key: k,
      align: 'right' as const,
      sorter: (a: DeskLine, b: DeskLine) => a[k] - b[k],
    })),
    { title: t('oversight:col.responsible'), key: 'responsible', render: (_: unknown, l: DeskLine) => <span>{l.responsible.name}{l.responsible.phoneMasked ? <Typography.Text type="secondary"> {l.responsible.phoneMasked}</Typography.Text> : null}{l.planResponsible ? <div><Typography.Text type="secondary">{t('oversight:col.planResponsible')}: {l.planResponsible}</Typography.Text></div> : null}</span> },
    ...(d?.lineKind === 'agency' ? [{ title: t('oversight:col.supervisor'), key: 'supervisor', render: (_: unknown, l: DeskLine) => l.supervisor.name }] : []),
  ];

  return (
    <div>
      <PageTitle
        title={t('oversight:desk.title', { place: d?.division.name ?? '' })}
        extra={
          <>
            <DatePicker
              data-testid="desk-day"
              allowClear={false}
              value={dayjs(d?.day ?? day ?? undefined)}
              disabledDate={(v) => (d ? v.isAfter(dayjs(d.today), 'day') : false)}
              onChange={(v) => set({ day: v && d && v.format('YYYY-MM-DD') !== d.today ? v.format('YYYY-MM-DD') : undefined })}
            />
            <ExportButton
              path="/api/v1/prevention/desk/export.xlsx"
              query={{ division: d?.division.code ?? division, day: d?.day ?? day }}
              fileName="防控监管.xlsx"
              label={t('oversight:desk.exportAll')}
              testId="desk-export"
            />
          </>
        }
      />
      <QueryError error={desk.error} />
      {d && (
        <Breadcrumb
          data-testid="desk-trail"
          style={{ marginBottom: 12 }}
          items={d.trail.map((x, i) => ({ title: i < d.trail.length - 1 ? <Typography.Link onClick={() => open(x.code)}>{x.name}</Typography.Link> : x.name }))}
        />
      )}
      {desk.isPending && <PageLoading />}
      {d && (
        <>
          <Row gutter={[12, 12]}>
            {STATS.map(([k, value]) => (
              <Col key={k} xs={12} sm={8} md={6} xl={4}>
                <Card size="small">
                  <Statistic title={t(`oversight:figure.${k}`)} value={value(d.total)} data-testid={`desk-stat-${k}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            {t('oversight:desk.occupancyNote')}
          </Typography.Paragraph>

          {d.lines.length > 0 && (
            <Card size="small" style={{ marginTop: 12 }} title={<Space wrap>{t('oversight:desk.figure')}<Segmented size="small" value={figure} onChange={(v) => set({ figure: String(v) })} options={COLOUR_FIGURES.map(([k]) => ({ value: k, label: t(`oversight:figure.${k}`) }))} /></Space>}>
              <Row gutter={[16, 16]}>
                {d.lineKind !== 'agency' && (
                  <Col xs={24} lg={12}>
                    <Suspense fallback={<PageLoading />}>
                      <DeskMap division={d.division.code} lines={d.lines} figure={figure} onOpen={open} />
                    </Suspense>
                  </Col>
                )}
                <Col xs={24} lg={d.lineKind !== 'agency' ? 12 : 24}>
                  <Typography.Text strong>{t('oversight:desk.chart', { kind })}</Typography.Text>
                  <Suspense fallback={<PageLoading />}>
                    <DeskChart lines={d.lines} figure={figure} />
                  </Suspense>
                </Col>
              </Row>
            </Card>
          )}

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('oversight:desk.lines', { kind })}
            {d.lineKind !== 'agency' && <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}>{t('oversight:desk.drillHint')}</Typography.Text>}
          </Typography.Title>
          <Table<DeskLine>
            data-testid="desk-lines"
            size="small"
            rowKey={(l) => `${l.code}:${l.agencyId ?? ''}`}
            dataSource={d.lines}
            columns={lineColumns}
            pagination={false}
            scroll={{ x: true }}
            onRow={(l) => (l.drillable ? { onClick: () => open(l.code), style: { cursor: 'pointer' } } : {})}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{d.division.name}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {d.total.checkinRate === null ? '—' : `${(d.total.checkinRate * 100).toFixed(1)}%`}
                </Table.Summary.Cell>
                {LINE_FIGURES.map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 2} align="right">
                    {d.total[k]}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('oversight:desk.gaps')}
          </Typography.Title>
          {d.gaps.length === 0 ? (
            <Empty description={t('oversight:desk.noGaps')} />
          ) : (
            <Table<Gap>
              data-testid="desk-gaps"
              size="small"
              rowKey={(g) => `${g.divisionCode}:${g.agencyId}`}
              dataSource={d.gaps}
              pagination={d.gaps.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: true }}
              columns={[
                { title: t('oversight:col.agency'), dataIndex: 'agencyName' },
                { title: t('oversight:col.gapKinds'), key: 'kinds', render: (_, g) => g.kinds.map((k) => <Tag key={k} color={k === 'incident_late' ? 'red' : 'orange'}>{t(`oversight:gap.${k}`)}</Tag>) },
                { title: t('oversight:col.responsible'), key: 'resp', render: (_, g) => `${g.responsible.name}${g.responsible.phoneMasked ? ` ${g.responsible.phoneMasked}` : ''}` },
                { title: t('oversight:col.planResponsible'), key: 'plan', render: (_, g) => g.planResponsible ?? '—' },
                { title: t('oversight:col.lowStock'), key: 'low', render: (_, g) => g.lowStock.join('、') },
                { title: t('oversight:figure.checkinMissing'), dataIndex: 'checkinMissing', align: 'right' },
                { title: t('oversight:figure.incidentsLate'), dataIndex: 'incidentsLate', align: 'right' },
                { title: t('oversight:figure.hygieneMissed'), dataIndex: 'hygieneMissed', align: 'right' },
                { title: t('oversight:col.supervisor'), key: 'sup', render: (_, g) => g.supervisor.name },
              ]}
            />
          )}

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('oversight:desk.incidents')}
          </Typography.Title>
          {d.incidents.length === 0 ? (
            <Empty description={t('oversight:desk.noIncidents')} />
          ) : (
            <Table<Incident>
              data-testid="desk-incidents"
              size="small"
              rowKey={(i) => `${i.divisionCode}:${i.id}`}
              dataSource={d.incidents}
              pagination={d.incidents.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: true }}
              columns={[
                { title: t('oversight:col.county'), dataIndex: 'divisionName' },
                { title: t('oversight:col.agency'), dataIndex: 'agencyName' },
                { title: t('oversight:col.trigger'), key: 'trigger', render: (_, i) => t(`oversight:trigger.${i.trigger}`) },
                { title: t('oversight:col.stage'), key: 'stage', render: (_, i) => <Tag color={i.late ? 'red' : 'blue'}>{t(`oversight:stage.${i.stage}`)}</Tag> },
                { title: t('oversight:col.late'), key: 'late', render: (_, i) => (i.late ? t('oversight:yes') : t('oversight:no')) },
                { title: t('oversight:col.stageTimes'), key: 'times', render: (_, i) => i.stageTimes.map((s) => `${t(`oversight:stage.${s.stage}`)} ${formatDateTime(s.at)}`).join(' → ') },
                { title: t('oversight:col.responsible'), dataIndex: 'responsiblePerson' },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}
