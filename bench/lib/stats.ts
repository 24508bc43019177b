/** Small statistics and table helpers shared by the benchmarks. */

/** The q-quantile (0..1) of `values` by nearest rank; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** The median of each field across several runs (each run a record of numbers). */
export function medianOfRuns<K extends string>(runs: readonly Record<K, number>[]): Record<K, number> {
  const keys = Object.keys(runs[0] ?? {}) as K[];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as Record<K, number>;
}

/** Milliseconds with a sensible number of digits. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value >= 10 ? 0 : 2)}×` : '—';
}

/** ok when `value` ≤ `budget`, else how far over. */
export function verdict(value: number, budget: number): string {
  if (!Number.isFinite(value)) return '?';
  return value <= budget ? 'ok' : `MISS (${(value / budget).toFixed(1)}× budget)`;
}

/** ok when `value` ≥ `minimum`, else how far short. */
export function atLeast(value: number, minimum: number): string {
  if (!Number.isFinite(value)) return '?';
  return value >= minimum ? 'ok' : `MISS (${((100 * value) / minimum).toFixed(0)}% of the minimum)`;
}

/** A markdown table: a title line, a header row and the rows, columns padded for the terminal. */
export function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [`### ${title}`, '', line(header), rule, ...rows.map(line), ''].join('\n');
}

/** Runs `fn` and returns its result and the wall time in milliseconds. */
export function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}
