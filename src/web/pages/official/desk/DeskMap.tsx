// The map of the divisions below the one opened, coloured by the chosen figure (ECharts map
// series over the outlines the server maps to current codes; a click opens that division).
import { useQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client.ts';
import { echarts } from './echarts.ts';
import { type ColourFigure, type DeskLine, higherIsWorse, figureOf } from './figures.ts';

type Props = { division: string; lines: DeskLine[]; figure: ColourFigure; onOpen: (code: string) => void };

export function DeskMap({ division, lines, figure, onOpen }: Props) {
  const { t } = useTranslation();
  const map = useQuery({
    queryKey: ['prevention', 'desk', 'map', division],
    queryFn: () => unwrap(api.GET('/api/v1/prevention/desk/map', { params: { query: { division } } })),
    staleTime: 60 * 60 * 1000,
  });
  const mapName = `desk-${division}`;
  const registered = useMemo(() => {
    if (!map.data) return false;
    // the outlines are keyed by division code, so names can be shown in either language
    const geo = { type: 'FeatureCollection', features: map.data.geojson.features.map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.code } })) };
    echarts.registerMap(mapName, geo as never);
    return true;
  }, [map.data, mapName]);
  if (map.error) return <Alert type="warning" showIcon message={map.error.message} />;
  if (!registered || !map.data) return null;
  const values = lines.map((l) => figureOf(l, figure)).filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const worse = higherIsWorse(figure);
  const names = new Map(lines.map((l) => [l.code, l.name]));
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number }) => `${names.get(p.name) ?? p.name}<br/>${t(`oversight:figure.${figure}`)}: ${Number.isFinite(p.value) ? p.value : '—'}${figure === 'checkinRate' ? '%' : ''}`,
    },
    visualMap: {
      min: 0,
      max: figure === 'checkinRate' ? 100 : max,
      calculable: true,
      left: 8,
      bottom: 8,
      inRange: { color: worse ? ['#e6f4ff', '#fa8c16', '#cf1322'] : ['#cf1322', '#fadb14', '#52c41a'] },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        roam: false,
        label: { show: true, fontSize: 10, formatter: (p: { name: string }) => names.get(p.name) ?? '' },
        emphasis: { label: { show: true } },
        data: lines.map((l) => ({ name: l.code, value: figureOf(l, figure) ?? Number.NaN })),
      },
    ],
  };
  return (
    <div data-testid="desk-map">
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 420 }}
        onEvents={{ click: (p: { name: string }) => names.has(p.name) && lines.find((l) => l.code === p.name)?.drillable && onOpen(p.name) }}
      />
      {map.data.unmapped.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('oversight:desk.mapUnmapped', { names: map.data.unmapped.join('、') })} />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('oversight:desk.mapHint')} · {t('oversight:desk.mapAttribution', { attribution: map.data.attribution })}
        {map.data.reviewNumber ? ` · ${t('oversight:desk.mapReview', { number: map.data.reviewNumber })}` : ''}
      </Typography.Text>
    </div>
  );
}
