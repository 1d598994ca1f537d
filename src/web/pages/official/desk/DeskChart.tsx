// The chosen figure per line as bars (ECharts), highest first.
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import { useTranslation } from 'react-i18next';
import { echarts } from './echarts.ts';
import { type ColourFigure, type DeskLine, figureOf } from './figures.ts';

export function DeskChart({ lines, figure }: { lines: DeskLine[]; figure: ColourFigure }) {
  const { t } = useTranslation();
  const rows = lines.map((l) => ({ name: l.name, value: figureOf(l, figure) ?? 0 })).sort((a, b) => a.value - b.value);
  const option = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...(figure === 'checkinRate' ? { max: 100, axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }) },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', name: t(`oversight:figure.${figure}`), data: rows.map((r) => r.value), itemStyle: { color: '#1677ff' } }],
  };
  return (
    <div data-testid="desk-chart">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: Math.max(240, rows.length * 26 + 40) }} />
    </div>
  );
}
