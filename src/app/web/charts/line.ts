/** A line per series over time (categories left to right); a gap where the table shows nothing. */
import type { Chart, DataTable } from '../../../../commands/dashboard/index.ts';
import { type Html, html } from '../html.ts';
import { axisTop, chartData, formatValue, labelStep, PALETTE, shortLabel, svg, yGrid } from './kit.ts';

const W = 640;
const H = 260;
const AREA = { left: 44, right: W - 16, top: 16, bottom: H - 40 };

export function lineChart(chart: Chart, table: DataTable): Html {
  const data = chartData(chart, table);
  const n = data.categories.length;
  const top = axisTop(data);
  const x = (i: number) =>
    n === 1 ? (AREA.left + AREA.right) / 2 : AREA.left + ((AREA.right - AREA.left) * i) / (n - 1);
  const y = (v: number) => AREA.bottom - ((AREA.bottom - AREA.top) * v) / top;
  const step = labelStep(n, 8);
  const lines = data.series.map((s, si) => {
    const color = PALETTE[si % PALETTE.length]!;
    // Runs of consecutive values: a null breaks the line.
    const runs: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (v === null) runs.push([]);
      else runs.at(-1)!.push(`${x(i)},${y(v)}`);
    });
    const paths = runs
      .filter((r) => r.length > 1)
      .map((r) => html`<polyline points="${r.join(' ')}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
    const points = s.values.map((v, i) =>
      v === null
        ? ''
        : html`<circle class="mark" cx="${x(i)}" cy="${y(v)}" r="3.5" fill="${color}" data-series="${s.key}" data-category="${data.categories[i]}" data-value="${v}"><title>${data.categories[i]}: ${s.label} ${formatValue(v, s.unit)}</title></circle>`,
    );
    return html`<g class="series">${paths}${points}</g>`;
  });
  const labels = data.categories.map((c, i) =>
    i % step === 0
      ? html`<text class="label" x="${x(i)}" y="${AREA.bottom + 18}" text-anchor="middle" font-size="11" fill="#5b6470">${shortLabel(c, 12)}</text>`
      : '',
  );
  return svg(W, H, table.title, table.id, html`${yGrid(top, data.series[0]?.unit, AREA)}${lines}${labels}`);
}
