/** Command-line flags shared by the benchmark scripts: `--quick` (1k/10k only) and `--name=value` options. */

export const quick = process.argv.includes('--quick');

/** The community sizes to run: 1k and 10k, plus 100k unless `--quick`. */
export function sizes(): number[] {
  const given = option('sizes');
  if (given) return given.split(',').map(Number);
  return quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
}

/** `--name=value`, or undefined. */
export function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

export function numberOption(name: string, fallback: number): number {
  const value = option(name);
  return value === undefined ? fallback : Number(value);
}

/** "1k", "10k", "100k". */
export function sizeLabel(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** Lets timers and I/O run, as they would between two requests arriving over the network. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
