/**
 * A dashboard page as plain data, platform- and web-neutral: figures, charts each with the table of its numbers,
 * tables and name lists. The web surface draws it (SVG charts, HTML tables, CSV downloads); tests read it as is.
 * Every number a chart shows is a cell of its table, so the chart, the table and the CSV cannot disagree.
 */

/** A table cell: `null` when there is nothing to show (too few answers to show privately, not measurable yet). */
export type Cell = string | number | null;

export interface Column {
  readonly key: string;
  readonly label: string;
  /** How to show the number: a count, a percentage (0-100), hours, days, or a rating out of 5. */
  readonly unit?: 'count' | 'percent' | 'hours' | 'days' | 'rating';
}

export interface DataTable {
  /** Unique on its page; names the CSV download (`<page>-<id>.csv`). */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** Said under the table (e.g. why a cell is empty). */
  readonly note?: string;
  /** Shown instead of an empty table. */
  readonly empty: string;
  /** A button on some rows: the action it runs, and its value per row (null: no button on that row). */
  readonly rowAction?: { readonly label: string; readonly action: string; readonly values: readonly (string | null)[] };
}

/**
 * How a chart draws its table: `line` (series over time), `columns` (grouped vertical bars), `bars` (grouped
 * horizontal bars, for long labels), `funnel` (one series of steps, each as a share of the first).
 */
export interface Chart {
  readonly kind: 'line' | 'columns' | 'bars' | 'funnel';
  /** The column whose cells label the categories (x axis, or rows of bars). */
  readonly category: string;
  /** The columns drawn as series, in the table's order. */
  readonly series: readonly string[];
}

export type Block =
  | {
      readonly kind: 'figures';
      readonly figures: readonly { readonly label: string; readonly value: string; readonly note?: string }[];
    }
  | { readonly kind: 'chart'; readonly description: string; readonly chart: Chart; readonly table: DataTable }
  | { readonly kind: 'table'; readonly table: DataTable }
  | {
      readonly kind: 'names';
      readonly title: string;
      readonly description: string;
      readonly names: readonly string[];
      /** How many there are in all (more than `names` when the list was cut). */
      readonly total: number;
      readonly empty: string;
    }
  | { readonly kind: 'note'; readonly text: string };

export interface Page {
  readonly slug: string;
  readonly title: string;
  /** One or two sentences under the title: what the page answers. */
  readonly summary: string;
  readonly blocks: readonly Block[];
}

/** Every table of a page (chart tables included), for CSV downloads. */
export function tablesOf(page: Page): DataTable[] {
  return page.blocks.flatMap((b) => (b.kind === 'chart' || b.kind === 'table' ? [b.table] : []));
}

/** A table as CSV (RFC 4180). A cell that a spreadsheet would run as a formula (= + - @) is prefixed with `'`. */
export function toCsv(table: DataTable): string {
  const cell = (value: Cell) => {
    const text = value === null ? '' : String(value);
    const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [table.columns.map((c) => cell(c.label)), ...table.rows.map((r) => r.map(cell))];
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
