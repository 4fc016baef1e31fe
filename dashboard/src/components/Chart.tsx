import { useEffect, useRef } from 'react';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { SICHUAN } from '../sichuan';

// only what the dashboard draws is bundled
echarts.use([BarChart, LineChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);
echarts.registerMap(SICHUAN.mapName, SICHUAN.geoJson);

export type ChartOption = echarts.EChartsCoreOption;

/** An Apache ECharts chart, redrawn when its option changes; `label` says in words what it shows. */
export function Chart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>();
  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option }, true);
  }, [option]);
  return <div className="chart" ref={element} role="img" aria-label={label} style={{ height }} />;
}

export const FONT = '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
