/**
 * What a manager sees on a dashboard page, read out of the DOM in Chromium: the figures, every table's rows (numbers
 * from the cells' `data-value`, "—" as null), the name lists, the rows' buttons, and each chart's marks next to
 * the table cell they claim to draw, with whether the chart takes up room on the page.
 */
import type { Page } from 'playwright-core';

export type SeenCell = string | number | null;

export interface SeenChart {
  readonly table: string;
  /** The SVG and each mark of a value above zero have a size on screen. */
  readonly drawn: boolean;
  /** Each mark's number, and the number its table shows for the same row and column. */
  readonly marks: readonly { label: string; value: number; cell: number | null }[];
  /** Cells with a number in the columns the chart draws: one mark each. */
  readonly numericCells: number;
}

export interface SeenPage {
  readonly title: string;
  readonly text: string;
  readonly figures: Record<string, string>;
  readonly tables: Record<string, SeenCell[][]>;
  readonly names: string[][];
  readonly buttons: string[];
  readonly charts: SeenChart[];
}

// A string, not a function: the page runs it as written, with none of the test build's helpers.
const READ = `(() => {
  const text = (el) => (el ? el.textContent.trim() : '');
  const cell = (el) => {
    if (el.hasAttribute('data-value')) return Number(el.getAttribute('data-value'));
    const t = text(el);
    return t === '—' ? null : t;
  };
  const main = document.querySelector('main');
  const figures = {};
  for (const div of document.querySelectorAll('dl.figures > div')) figures[text(div.querySelector('dt'))] = text(div.querySelector('dd'));
  const tables = {};
  const charts = [];
  for (const section of document.querySelectorAll('section[data-table]')) {
    const id = section.getAttribute('data-table');
    const rows = [...section.querySelectorAll('tbody tr')];
    tables[id] = rows.map((tr) => [...tr.querySelectorAll('th, td[data-key]')].map(cell));
    const svg = section.querySelector('svg.chart');
    if (!svg) continue;
    const box = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const marks = [...svg.querySelectorAll('.mark')];
    const series = new Set(marks.map((m) => m.getAttribute('data-series')));
    const cellOf = (category, key) => {
      const tr = rows.find((r) => text(r.querySelector('th')) === category);
      const td = tr && tr.querySelector('td[data-key="' + key + '"]');
      return td && td.hasAttribute('data-value') ? Number(td.getAttribute('data-value')) : null;
    };
    charts.push({
      table: id,
      drawn: box(svg) && marks.every((m) => Number(m.getAttribute('data-value')) === 0 || box(m)),
      marks: marks.map((m) => ({
        label: m.getAttribute('data-category') + ' ' + m.getAttribute('data-series'),
        value: Number(m.getAttribute('data-value')),
        cell: cellOf(m.getAttribute('data-category'), m.getAttribute('data-series')),
      })),
      numericCells: [...series].reduce((n, key) => n + section.querySelectorAll('td[data-key="' + key + '"][data-value]').length, 0),
    });
  }
  return {
    title: text(document.querySelector('h1')),
    text: text(main),
    figures,
    tables,
    names: [...document.querySelectorAll('section.names')].map((s) => [...s.querySelectorAll('ul.names li')].map(text)),
    buttons: [...document.querySelectorAll('section[data-table] tbody button')].map(text),
    charts,
  };
})()`;

export function readDashboardPage(tab: Page): Promise<SeenPage> {
  return tab.evaluate(READ) as Promise<SeenPage>;
}
