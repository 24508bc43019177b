/**
 * Who met whom, by round-local member number, in flat arrays: each member's partners with the latest meeting.
 * Lookups scan one member's short list (a year of weekly rounds is ~52 entries), so a 100k round's history costs
 * a few megabytes instead of a map of string pairs.
 */

export class PairHistory {
  private readonly start: Int32Array;
  private readonly partner: Int32Array;
  private readonly at: Float64Array;
  readonly size: number;

  /** `pairs`: [a, b, ms] triples by member number (`n` members); duplicates keep the latest meeting. */
  constructor(n: number, a: ArrayLike<number>, b: ArrayLike<number>, at: ArrayLike<number>) {
    const count = a.length;
    this.size = count;
    this.start = new Int32Array(n + 1);
    for (let k = 0; k < count; k++) {
      this.start[a[k]! + 1]!++;
      this.start[b[k]! + 1]!++;
    }
    for (let i = 0; i < n; i++) this.start[i + 1]! += this.start[i]!;
    const fill = this.start.slice(0, n);
    this.partner = new Int32Array(2 * count);
    this.at = new Float64Array(2 * count);
    for (let k = 0; k < count; k++) {
      this.partner[fill[a[k]!]!] = b[k]!;
      this.at[fill[a[k]!]!++] = at[k]!;
      this.partner[fill[b[k]!]!] = a[k]!;
      this.at[fill[b[k]!]!++] = at[k]!;
    }
  }

  /** When `a` and `b` last met (ms), or -Infinity. */
  lastMet(a: number, b: number): number {
    let latest = Number.NEGATIVE_INFINITY;
    for (let k = this.start[a]!; k < this.start[a + 1]!; k++) {
      if (this.partner[k] === b && this.at[k]! > latest) latest = this.at[k]!;
    }
    return latest;
  }

  /** Whether `a` met anyone (a quick way past the lookups for most members of a young community). */
  hasMet(a: number): boolean {
    return this.start[a + 1]! > this.start[a]!;
  }
}
