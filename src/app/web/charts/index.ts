/** Server-drawn SVG charts (no script, no external library): each drawn from the table that holds its numbers. */
import type { Chart, DataTable } from '../../../../commands/dashboard/index.ts';
import type { Html } from '../html.ts';
import { barsChart } from './bars.ts';
import { columnsChart } from './columns.ts';
import { funnelChart } from './funnel.ts';
import { lineChart } from './line.ts';

const DRAW: Record<Chart['kind'], (chart: Chart, table: DataTable) => Html> = {
  line: lineChart,
  columns: columnsChart,
  bars: barsChart,
  funnel: funnelChart,
};

export function drawChart(chart: Chart, table: DataTable): Html {
  return DRAW[chart.kind](chart, table);
}

export { PALETTE } from './kit.ts';
