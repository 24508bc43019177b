/**
 * The reference points for a round's pairing: the optimum from a maximum-weight matching (Edmonds' blossom, the
 * `edmonds-blossom` package) over candidate edges (default: every pair with a positive score), and naive all-pairs
 * scoring. Pairs are scored by the matcher's own scorer on the index (`PairScorer`), slots numbering members.
 */
import blossom from 'edmonds-blossom';
import type { SkillIndex } from '../../commands/matching/skill-index.ts';
import { PairScorer } from '../../commands/matching/slot-score.ts';
import { pairTotal } from './matcher.ts';

/** Integer weights keep the blossom's dual arithmetic exact (it compares slacks with 0). */
const SCALE = 1_000_000;

export interface Optimum {
  readonly total: number;
  readonly edges: number;
}

/** Every pair with a positive score, as `[a, b, total]` by slot. Quadratic: for small communities only. */
export function allPairEdges(index: SkillIndex): [number, number, number][] {
  const scorer = new PairScorer(index);
  const edges: [number, number, number][] = [];
  for (let a = 0; a < index.slots; a++) {
    scorer.anchorOn(a);
    for (let b = a + 1; b < index.slots; b++) {
      const total = scorer.total(b, 1);
      if (total > 0) edges.push([a, b, total]);
    }
  }
  return edges;
}

/**
 * The maximum-weight matching's total (in score units) over `edges` (default: every positive pair, which is
 * quadratic and slow past ~1k members).
 */
export function optimumPairing(
  index: SkillIndex,
  edges: readonly [number, number, number][] = allPairEdges(index),
): Optimum {
  const mate = blossom(edges.map(([a, b, w]) => [a, b, Math.round(w * SCALE)]));
  const scorer = new PairScorer(index);
  let total = 0;
  mate.forEach((b, a) => {
    if (b > a) total += pairTotal(scorer, a, b);
  });
  return { total, edges: edges.length };
}

/** Sum of pair scores; a trio counts its best pair only, since a matching could hold just one of its pairs. */
export function pairingScore(groups: readonly (readonly string[])[], index: SkillIndex): number {
  const scorer = new PairScorer(index);
  let total = 0;
  for (const group of groups) {
    const slots = group.map((userId) => index.slotOf(userId)!);
    let best = 0;
    for (let i = 0; i < slots.length; i++) {
      for (let j = i + 1; j < slots.length; j++) best = Math.max(best, pairTotal(scorer, slots[i]!, slots[j]!));
    }
    total += best;
  }
  return total;
}

/**
 * Naive all-pairs scoring time (ms): scores `sample` members against everyone and extrapolates to all n·(n-1)/2
 * pairs. Returns the measured and the extrapolated time.
 */
export function naiveScoring(index: SkillIndex, sample: number): { measuredMs: number; allPairsMs: number } {
  const n = index.slots;
  const rows = Math.min(sample, n);
  const scorer = new PairScorer(index);
  let sink = 0;
  const start = performance.now();
  for (let a = 0; a < rows; a++) {
    scorer.anchorOn(a);
    for (let b = 0; b < n; b++) if (b !== a) sink += scorer.total(b, 1);
  }
  const measuredMs = performance.now() - start;
  if (sink < 0) console.log(sink); // keeps the loop from being optimised away
  const pairsMeasured = rows * (n - 1);
  const pairsAll = (n * (n - 1)) / 2;
  return { measuredMs, allPairsMs: (measuredMs * pairsAll) / pairsMeasured };
}
