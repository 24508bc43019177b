/** Grouped horizontal bars, for categories with long names (skills, series): one row per category. */
import type { Chart, DataTable } from '../../../../commands/dashboard/index.ts';
import { type Html, html } from '../html.ts';
import { axisTop, chartData, formatValue, PALETTE, shortLabel, svg } from './kit.ts';

const W = 640;
const LABEL = 180;
const BAR = 12;
const GAP = 10;

export function barsChart(chart: Chart, table: DataTable): Html {
  const data = chartData(chart, table);
  const top = axisTop(data);
  const rowHeight = BAR * data.series.length + GAP;
  const height = 8 + rowHeight * data.categories.length;
  const width = (v: number) => ((W - LABEL - 48) * v) / top;
  const rows = data.categories.map((c, i) => {
    const y0 = 4 + rowHeight * i;
    const bars = data.series.map((s, si) => {
      const v = s.values[i];
      if (v === null || v === undefined) return '';
      const y = y0 + BAR * si;
      return html`<rect class="mark" x="${LABEL}" y="${y}" width="${Math.max(1, width(v))}" height="${BAR - 1}" fill="${PALETTE[si % PALETTE.length]}" data-series="${s.key}" data-category="${c}" data-value="${v}"><title>${c}: ${s.label} ${formatValue(v, s.unit)}</title></rect><text x="${LABEL + Math.max(1, width(v)) + 4}" y="${y + BAR - 2}" font-size="10" fill="#5b6470">${formatValue(v, s.unit)}</text>`;
    });
    const label = html`<text class="label" x="${LABEL - 8}" y="${y0 + (BAR * data.series.length) / 2 + 4}" text-anchor="end" font-size="12" fill="#2b3036">${shortLabel(c, 26)}</text>`;
    return html`<g>${label}${bars}</g>`;
  });
  return svg(W, height, table.title, table.id, html`${rows}`);
}
