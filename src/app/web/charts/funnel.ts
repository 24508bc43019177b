/** A funnel: each step a bar as wide as its share of the first step, with its number and share written on it. */
import type { Chart, DataTable } from '../../../../commands/dashboard/index.ts';
import { type Html, html } from '../html.ts';
import { chartData, PALETTE, svg } from './kit.ts';

const W = 640;
const LABEL = 150;
const ROW = 40;

export function funnelChart(chart: Chart, table: DataTable): Html {
  const data = chartData(chart, table);
  const series = data.series[0]!;
  const first = series.values[0] ?? 0;
  const room = W - LABEL - 110;
  const rows = data.categories.map((c, i) => {
    const v = series.values[i] ?? null;
    const y = 6 + ROW * i;
    const label = html`<text class="label" x="${LABEL - 10}" y="${y + 20}" text-anchor="end" font-size="13" fill="#2b3036">${c}</text>`;
    if (v === null) {
      return html`<g>${label}<text x="${LABEL}" y="${y + 20}" font-size="12" fill="#5b6470">— not shown (too few answers)</text></g>`;
    }
    const share = first > 0 ? Math.round((100 * v) / first) : 0;
    const width = first > 0 ? Math.max(2, (room * v) / first) : 2;
    return html`<g>${label}<rect class="mark" x="${LABEL}" y="${y}" width="${width}" height="${ROW - 10}" rx="3" fill="${PALETTE[0]}" data-series="${series.key}" data-category="${c}" data-value="${v}"><title>${c}: ${v}</title></rect><text x="${LABEL + width + 8}" y="${y + 20}" font-size="12" fill="#2b3036">${v} (${share}%)</text></g>`;
  });
  return svg(W, 12 + ROW * data.categories.length, table.title, table.id, html`${rows}`);
}
