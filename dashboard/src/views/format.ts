import type { ChartOption } from '../components/Chart';

/** The colours of the five public brands, in the plan's order, and the charts' shared frame. */
export const PALETTE = ['#2f7d4a', '#b5651d', '#c0392b', '#2e5d9f', '#6c3fa0'];

export const barFrame = (categories: string[]): ChartOption => ({
  color: PALETTE,
  grid: { left: 56, right: 16, top: 36, bottom: 32, containLabel: true },
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  xAxis: { type: 'category', data: categories },
  yAxis: { type: 'value' },
});
