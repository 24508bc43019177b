/**
 * The reference points for a round's pairing: the optimum from a maximum-weight matching (Edmonds' blossom, the
 * `edmonds-blossom` package) over every pair with a positive score, and naive all-pairs scoring.
 */
import blossom from 'edmonds-blossom';
import { type MatchProfile, scorePair } from '../../commands/matching/match-score.ts';

/** Integer weights keep the blossom's dual arithmetic exact (it compares slacks with 0). */
const SCALE = 1_000_000;

export interface Optimum {
  readonly total: number;
  readonly edges: number;
  readonly pairs: readonly (readonly [string, string])[];
}

/** Every pair with a positive score, as `[i, j, weight]`. Quadratic: for small communities only. */
export function allPairEdges(profiles: readonly MatchProfile[]): [number, number, number][] {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < profiles.length; i++) {
    for (let j = i + 1; j < profiles.length; j++) {
      const total = scorePair(profiles[i]!, profiles[j]!).total;
      if (total > 0) edges.push([i, j, Math.round(total * SCALE)]);
    }
  }
  return edges;
}

/**
 * The maximum-weight matching's pairs and total (in score units) over `edges` (default: every positive pair, which
 * is quadratic and slow past ~1k members).
 */
export function optimumPairing(
  profiles: readonly MatchProfile[],
  edges: readonly [number, number, number][] = allPairEdges(profiles),
): Optimum {
  const mate = blossom(edges);
  const pairs: [string, string][] = [];
  let total = 0;
  mate.forEach((j, i) => {
    if (j > i) {
      pairs.push([profiles[i]!.userId, profiles[j]!.userId]);
      total += scorePair(profiles[i]!, profiles[j]!).total;
    }
  });
  return { total, edges: edges.length, pairs };
}

/** Sum of pair scores; a trio counts its best pair only, since a matching could hold just one of its pairs. */
export function pairingScore(groups: readonly (readonly string[])[], byId: ReadonlyMap<string, MatchProfile>): number {
  let total = 0;
  for (const group of groups) {
    let best = 0;
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        best = Math.max(best, scorePair(byId.get(group[i]!)!, byId.get(group[j]!)!).total);
      }
    }
    total += best;
  }
  return total;
}

/**
 * Naive all-pairs scoring time (ms) for `profiles`: scores `sample` members against everyone and extrapolates to
 * all n·(n-1)/2 pairs. Returns the measured and the extrapolated time.
 */
export function naiveScoring(
  profiles: readonly MatchProfile[],
  sample: number,
): { measuredMs: number; allPairsMs: number } {
  const rows = Math.min(sample, profiles.length);
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < profiles.length; j++) if (j !== i) sink += scorePair(profiles[i]!, profiles[j]!).total;
  }
  const measuredMs = performance.now() - start;
  if (sink < 0) console.log(sink); // keeps the loop from being optimised away
  const pairsMeasured = rows * (profiles.length - 1);
  const pairsAll = (profiles.length * (profiles.length - 1)) / 2;
  return { measuredMs, allPairsMs: (measuredMs * pairsAll) / pairsMeasured };
}
