/**
 * Augmenting paths: from a member without a partner, an alternating path u–y1, y1=z1, z1–y2, y2=z2 … (– new pair,
 * = current pair) ending at a free member (everyone on it gets a partner) or after a current pair (its far end is
 * freed). Taking the path adds the new pairs' weight and drops the old ones'; it is taken when that gains. Greedy
 * and path matchings pair heavy edges but leave ~15 % more members without a positive partner than a
 * maximum-weight matching does; paths with up to three current pairs recover most of the difference. The search
 * is depth-first with a bound (the heaviest edge left at each step), so it stays a few hundred steps per member.
 */
import type { PairingGraph } from './pairing-graph.ts';
import { type Partners, pairUp } from './pairing-improve.ts';
import type { Steps } from './steps.ts';

/** Current pairs an augmenting path may cross. */
const DEPTH = 3;
/** Edges looked at per search: popular members have hundreds of candidates, and paths through them branch. */
const STEPS = 2_000;
const EPSILON = 1e-9;

class PathSearch {
  /** The path being explored: u, y1, z1, y2, z2, … */
  private readonly path = new Int32Array(2 * DEPTH + 2);
  private readonly best = new Int32Array(2 * DEPTH + 2);
  private bestLength = 0;
  private bestGain = EPSILON;
  private steps = 0;
  /** The heaviest edge at each member (bounds what a longer path can still gain). */
  private readonly heaviest: Float64Array;

  constructor(
    private readonly graph: PairingGraph,
    private readonly p: Partners,
  ) {
    this.heaviest = new Float64Array(graph.n);
    for (let a = 0; a < graph.n; a++) {
      for (let k = graph.start[a]!; k < graph.start[a + 1]!; k++) {
        this.heaviest[a] = Math.max(this.heaviest[a]!, graph.nextWeight[k]!);
      }
    }
  }

  /** Finds and applies the best path from free member `u`; returns whether one gained. */
  augment(u: number, dirty: Uint8Array): boolean {
    this.bestGain = EPSILON;
    this.bestLength = 0;
    this.steps = 0;
    this.path[0] = u;
    this.extend(u, 0, 1);
    if (this.bestLength === 0) return false;
    this.apply();
    // A path changes the options of the members around it (and only theirs, to a first approximation).
    for (let i = 0; i < this.bestLength; i++) {
      const m = this.best[i]!;
      for (let k = this.graph.start[m]!; k < this.graph.start[m + 1]!; k++) dirty[this.graph.next[k]!] = 1;
    }
    return true;
  }

  private onPath(m: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (this.path[i] === m) return true;
    return false;
  }

  private record(length: number, gain: number): void {
    this.bestGain = gain;
    this.bestLength = length;
    this.best.set(this.path.subarray(0, length));
  }

  /** Extends the path from `x` (free or just freed), `length` members so far, with `gain` so far. */
  private extend(x: number, gain: number, length: number): void {
    const graph = this.graph;
    const partner = this.p.partner;
    const pairWeight = this.p.pairWeight;
    for (let k = graph.start[x]!; k < graph.start[x + 1]! && this.steps++ < STEPS; k++) {
      const y = graph.next[k]!;
      if (this.onPath(y, length)) continue;
      const toY = gain + graph.nextWeight[k]!;
      const z = partner[y]!;
      this.path[length] = y;
      if (z < 0) {
        if (toY > this.bestGain) this.record(length + 1, toY);
        continue;
      }
      const toZ = toY - pairWeight[y]!;
      this.path[length + 1] = z;
      if (toZ > this.bestGain) this.record(length + 2, toZ);
      if (length < 2 * DEPTH - 1 && toZ + this.heaviest[z]! > this.bestGain) this.extend(z, toZ, length + 2);
    }
  }

  /** u–y1, z1–y2, …; the last member is paired with the one before it, or freed when the path ends on a pair. */
  private apply(): void {
    const { graph, best, bestLength } = this;
    const p = this.p;
    for (let i = 1; i + 1 < bestLength; i += 2) {
      p.partner[best[i]!] = -1;
      p.partner[best[i + 1]!] = -1;
    }
    for (let i = 0; i + 1 < bestLength; i += 2) pairUp(p, best[i]!, best[i + 1]!, graph.weight(best[i]!, best[i + 1]!));
  }
}

/** Augments from every free member until no path gains (at most `maxPasses` sweeps); returns how many paths. */
export function* augmentPaths(graph: PairingGraph, p: Partners, maxPasses = 6): Steps<number> {
  const search = new PathSearch(graph, p);
  // Members worth a (new) search: all at first, then those near a path taken since their last one.
  const dirty = new Uint8Array(graph.n).fill(1);
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let made = 0;
    for (let u = 0; u < graph.n; u++) {
      if ((u & 255) === 255) yield;
      if (p.partner[u]! >= 0 || dirty[u] === 0) continue;
      dirty[u] = 0;
      if (search.augment(u, dirty)) made++;
    }
    applied += made;
    if (made === 0) break;
  }
  return applied;
}
