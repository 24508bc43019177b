/**
 * 2-opt on pairs: for a pair (a, b) and a neighbour c of a paired with d, re-pair as (a, c) + (b, d) when that
 * weighs more and (b, d) is fresh. Repeats until nothing improves (bounded passes). This is what lifts greedy
 * (0.91-0.96 of the optimum) to ≥ 0.97 of a maximum-weight matching.
 */
import type { PairingGraph } from './pairing-graph.ts';
import type { Steps } from './steps.ts';

/** Partners by member number (-1: none; trios are formed later) and each pair's edge weight. */
export interface Partners {
  readonly partner: Int32Array;
  readonly pairWeight: Float64Array;
}

export function pairUp(p: Partners, a: number, b: number, weight: number): void {
  p.partner[a] = b;
  p.partner[b] = a;
  p.pairWeight[a] = weight;
  p.pairWeight[b] = weight;
}

/** One pass over every member; returns the swaps made. */
function* pass(graph: PairingGraph, p: Partners): Steps<number> {
  const { partner, pairWeight } = p;
  let swaps = 0;
  for (let a = 0; a < graph.n; a++) {
    if ((a & 511) === 0) yield;
    if (partner[a]! < 0) continue;
    for (let k = graph.start[a]!; k < graph.start[a + 1]!; k++) {
      const c = graph.next[k]!;
      const d = partner[c]!;
      const current = partner[a]!;
      if (d < 0 || current < 0 || c === current || d === a) continue;
      const other = graph.weight(current, d);
      const gain = graph.nextWeight[k]! + other - pairWeight[a]! - pairWeight[c]!;
      if (gain > 1e-9 && graph.rules.fresh(current, d)) {
        pairUp(p, a, c, graph.nextWeight[k]!);
        pairUp(p, current, d, other);
        swaps++;
      }
    }
  }
  return swaps;
}

/** Improves the pairs in place until no swap helps, at most `maxPasses` times; returns the swaps made. */
export function* improvePairs(graph: PairingGraph, p: Partners, maxPasses = 8): Steps<number> {
  let swaps = 0;
  for (let round = 0; round < maxPasses; round++) {
    const made = yield* pass(graph, p);
    swaps += made;
    if (made === 0) break;
  }
  return swaps;
}
