/**
 * What every chart shares: reading its series out of the table, scales and ticks, the palette (the stylesheet's
 * legend uses the same colours, by class), and marks that carry their number (`data-value`) so that a test, a
 * screen reader or a curious manager can check the chart against its table.
 */
import type { Chart, Column, DataTable } from '../../../../commands/dashboard/index.ts';
import { type Html, html } from '../html.ts';

export const PALETTE = ['#2f6fdb', '#e0762b', '#23916b', '#8e5bd0'] as const;

export interface Series {
  readonly key: string;
  readonly label: string;
  readonly unit: Column['unit'];
  /** One value per category; null where the table shows nothing. */
  readonly values: readonly (number | null)[];
}

export interface ChartData {
  readonly categories: readonly string[];
  readonly series: readonly Series[];
}

/** The categories and series a chart draws, read from its table. */
export function chartData(chart: Chart, table: DataTable): ChartData {
  const index = (key: string) => {
    const i = table.columns.findIndex((c) => c.key === key);
    if (i < 0) throw new Error(`table ${table.id} has no column ${key}`);
    return i;
  };
  const category = index(chart.category);
  return {
    categories: table.rows.map((r) => String(r[category] ?? '')),
    series: chart.series.map((key) => {
      const i = index(key);
      const column = table.columns[i]!;
      return {
        key,
        label: column.label,
        unit: column.unit,
        values: table.rows.map((r) => (typeof r[i] === 'number' ? (r[i] as number) : null)),
      };
    }),
  };
}

/** A round top for an axis: 1, 2 or 5 times a power of ten, at least `max` (and 100 for percentages). */
export function niceMax(max: number, unit?: Column['unit']): number {
  if (unit === 'percent') return 100;
  if (unit === 'rating') return 5;
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** The axis top for all series of a chart. */
export function axisTop(data: ChartData): number {
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  return niceMax(Math.max(0, ...values), data.series[0]?.unit);
}

/** A value as a label: `45%`, `4.2`, `12`. */
export function formatValue(value: number, unit: Column['unit']): string {
  return unit === 'percent' ? `${value}%` : String(value);
}

/** Cuts a label to `max` characters for the axis (the full text stays in the mark's tooltip and the table). */
export function shortLabel(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Show every k-th category label so labels do not overlap. */
export function labelStep(count: number, room: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, room)));
}

/** The chart's SVG element: scalable, described by its title, and pointing at the table with its numbers. */
export function svg(width: number, height: number, title: string, tableId: string, body: Html): Html {
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${tableId}-chart-title" aria-describedby="${tableId}-table" xmlns="http://www.w3.org/2000/svg"><title id="${tableId}-chart-title">${title}</title>${body}</svg>`;
}

/** Horizontal grid lines with their values, for a vertical axis from 0 to `top`. */
export function yGrid(
  top: number,
  unit: Column['unit'],
  area: { left: number; right: number; top: number; bottom: number },
): Html {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f * 100) / 100);
  return html`${ticks.map((t) => {
    const y = area.bottom - ((area.bottom - area.top) * t) / top;
    return html`<line class="grid" x1="${area.left}" x2="${area.right}" y1="${y}" y2="${y}" stroke="#d9dde3" stroke-width="1"/><text class="tick" x="${area.left - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#5b6470">${formatValue(t, unit)}</text>`;
  })}`;
}
