/** A dashboard page (plain data from the dashboard feature) as HTML: figures, charts with their tables, names. */
import type { Block, Cell, Column, DataTable, Page } from '../../../commands/dashboard/index.ts';
import { drawChart } from './charts/index.ts';
import { type Html, html } from './html.ts';

function cellText(value: Cell, unit: Column['unit']): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return unit === 'percent' ? `${value}%` : String(value);
}

/** A row's button: a POST form with the action, its value, the page to come back to, and the CSRF token. */
function actionForm(table: DataTable, row: number, page: string, csrf: string): Html {
  const value = table.rowAction?.values[row];
  if (!table.rowAction || value === null || value === undefined) return html``;
  return html`<form class="inline" method="post" action="/actions/${table.rowAction.action}"><input type="hidden" name="value" value="${value}"><input type="hidden" name="back" value="${page}"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${table.rowAction.label}</button></form>`;
}

export function renderTable(table: DataTable, page: string, csrf: string): Html {
  if (table.rows.length === 0) return html`<p class="empty">${table.empty}</p>`;
  const numeric = (c: Column) => (c.unit ? 'number' : '');
  const head = table.columns.map((c) => html`<th scope="col" class="${numeric(c)}">${c.label}</th>`);
  const rows = table.rows.map((row, r) => {
    const cells = row.map((value, i) => {
      const column = table.columns[i]!;
      const number = typeof value === 'number' ? html` data-value="${value}"` : '';
      if (i === 0) return html`<th scope="row" data-key="${column.key}">${cellText(value, column.unit)}</th>`;
      return html`<td class="${numeric(column)}" data-key="${column.key}"${number}>${cellText(value, column.unit)}</td>`;
    });
    return html`<tr>${cells}${table.rowAction ? html`<td>${actionForm(table, r, page, csrf)}</td>` : ''}</tr>`;
  });
  const action = table.rowAction ? html`<th scope="col"><span class="visually-hidden">Action</span></th>` : '';
  return html`<div class="table-wrap"><table id="${table.id}-table"><caption class="visually-hidden">${table.title}</caption><thead><tr>${head}${action}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function legend(block: Extract<Block, { kind: 'chart' }>): Html {
  if (block.chart.series.length < 2) return html``;
  const labels = block.chart.series.map((key, i) => {
    const label = block.table.columns.find((c) => c.key === key)?.label ?? key;
    return html`<li><span class="swatch s${i % 4}"></span>${label}</li>`;
  });
  return html`<ul class="legend">${labels}</ul>`;
}

function tableBlock(table: DataTable, page: string, csrf: string, chart: Html, description?: string): Html {
  return html`<section class="block" id="${table.id}" data-table="${table.id}"><h2>${table.title}</h2>${description ? html`<p class="description">${description}</p>` : ''}${chart}${renderTable(table, page, csrf)}${table.note ? html`<p class="table-note">${table.note}</p>` : ''}<a class="csv" href="/csv/${page}/${table.id}.csv" download>Download CSV</a></section>`;
}

function renderBlock(block: Block, page: string, csrf: string): Html {
  switch (block.kind) {
    case 'figures':
      return html`<dl class="figures">${block.figures.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd>${f.note ? html`<p class="note">${f.note}</p>` : ''}</div>`)}</dl>`;
    case 'chart': {
      const chart = block.table.rows.length ? html`${drawChart(block.chart, block.table)}${legend(block)}` : html``;
      return tableBlock(block.table, page, csrf, chart, block.description);
    }
    case 'table':
      return tableBlock(block.table, page, csrf, html``);
    case 'names': {
      const more = block.total - block.names.length;
      const list = block.names.length
        ? html`<ul class="names">${block.names.map((n) => html`<li>${n}</li>`)}</ul>${more > 0 ? html`<p class="note">and ${more} more</p>` : ''}`
        : html`<p class="empty">${block.empty}</p>`;
      return html`<section class="block names"><h2>${block.title} <span class="count">(${block.total})</span></h2><p class="description">${block.description}</p>${list}</section>`;
    }
    case 'note':
      return html`<p class="note">${block.text}</p>`;
  }
}

export function renderPage(page: Page, csrf: string): Html {
  return html`<h1>${page.title}</h1><p class="summary">${page.summary}</p>${page.blocks.map((b) => renderBlock(b, page.slug, csrf))}`;
}
