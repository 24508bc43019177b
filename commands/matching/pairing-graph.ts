/**
 * The pairing problem as a graph on member numbers 0…n-1 (in user-id order, so ties break the same way on every
 * run): the candidate edges that may be used (positive, never an avoided pair, and "fresh": not met within the
 * window), as flat adjacency arrays, plus the edges heaviest first. Built by `pairing-graph-build.ts`.
 */
import type { PairHistory } from './pair-history.ts';

/** The rules on any pair: never an avoided one; "fresh" when not met within the window. */
export class PairingRules {
  /** No avoid list and no history: every pair of two members is fresh (the lookups are skipped). */
  private readonly open: boolean;

  constructor(
    readonly n: number,
    /** Avoided pairs as `low × n + high`. */
    private readonly avoided: ReadonlySet<number>,
    private readonly history: PairHistory,
    private readonly now: number,
    private readonly windowMs: number,
  ) {
    this.open = avoided.size === 0 && history.size === 0;
  }

  allowed(a: number, b: number): boolean {
    if (a === b) return false;
    return this.avoided.size === 0 || !this.avoided.has(a < b ? a * this.n + b : b * this.n + a);
  }

  /** When the pair last met (ms), or -Infinity. */
  lastMet(a: number, b: number): number {
    return this.history.lastMet(a, b);
  }

  /** Milliseconds since the pair last met (Infinity if never): larger is a better fallback. */
  age(a: number, b: number): number {
    return this.now - this.history.lastMet(a, b);
  }

  fresh(a: number, b: number): boolean {
    if (this.open) return a !== b;
    return this.allowed(a, b) && this.age(a, b) >= this.windowMs;
  }
}

/** Candidate edges by member number (`count` of them, in any order, duplicates allowed: the first counts). */
export interface EdgeList {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float64Array;
  readonly count: number;
}

export class PairingGraph {
  constructor(
    readonly rules: PairingRules,
    /** Neighbours of `a`, heaviest first: `next[start[a]]` … `next[start[a + 1] - 1]`, with `nextWeight`. */
    readonly start: Int32Array,
    readonly next: Int32Array,
    readonly nextWeight: Float64Array,
    /** Each usable edge once (a < b), heaviest first (ties by a, then b). */
    readonly heavyA: Int32Array,
    readonly heavyB: Int32Array,
    readonly heavyWeight: Float64Array,
  ) {}

  get n(): number {
    return this.rules.n;
  }

  /** The pair's edge weight (0 when it is not a usable edge). */
  weight(a: number, b: number): number {
    for (let k = this.start[a]!; k < this.start[a + 1]!; k++) if (this.next[k] === b) return this.nextWeight[k]!;
    return 0;
  }
}
