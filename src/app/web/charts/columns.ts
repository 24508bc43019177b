/** Grouped vertical bars: one group per category, one bar per series. */
import type { Chart, DataTable } from '../../../../commands/dashboard/index.ts';
import { type Html, html } from '../html.ts';
import { axisTop, chartData, formatValue, labelStep, PALETTE, shortLabel, svg, yGrid } from './kit.ts';

const W = 640;
const H = 280;
const AREA = { left: 44, right: W - 16, top: 16, bottom: H - 56 };

export function columnsChart(chart: Chart, table: DataTable): Html {
  const data = chartData(chart, table);
  const n = data.categories.length;
  const top = axisTop(data);
  const group = (AREA.right - AREA.left) / Math.max(1, n);
  const bar = Math.min(28, (group * 0.8) / data.series.length);
  const y = (v: number) => AREA.bottom - ((AREA.bottom - AREA.top) * v) / top;
  const step = labelStep(n, 10);
  const groups = data.categories.map((c, i) => {
    const start = AREA.left + group * i + (group - bar * data.series.length) / 2;
    const bars = data.series.map((s, si) => {
      const v = s.values[i];
      if (v === null || v === undefined) return '';
      return html`<rect class="mark" x="${start + bar * si}" y="${y(v)}" width="${bar - 1}" height="${AREA.bottom - y(v)}" fill="${PALETTE[si % PALETTE.length]}" data-series="${s.key}" data-category="${c}" data-value="${v}"><title>${c}: ${s.label} ${formatValue(v, s.unit)}</title></rect>`;
    });
    const label =
      i % step === 0
        ? html`<text class="label" x="${AREA.left + group * (i + 0.5)}" y="${AREA.bottom + 16}" text-anchor="middle" font-size="11" fill="#5b6470">${shortLabel(c, Math.max(6, Math.floor((group * step) / 7)))}</text>`
        : '';
    return html`<g>${bars}${label}</g>`;
  });
  return svg(W, H, table.title, table.id, html`${yGrid(top, data.series[0]?.unit, AREA)}${groups}`);
}
