// ECharts for the prevention desk, imported per component (echarts/core plus the map and bar
// charts this desk draws) so the desk's chunk carries only what it uses, and only the desk loads it.
import { BarChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([MapChart, BarChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
