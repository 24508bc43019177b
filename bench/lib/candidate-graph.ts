/**
 * The round's own candidate graph, rebuilt the way `planRound` builds it (skill index → candidate finder → edges),
 * so the optimum can be computed on the same graph the round pairs on.
 */
import { buildSkillIndex, candidateFinder } from '../../commands/matching/candidates.ts';
import type { MatchProfile } from '../../commands/matching/match-score.ts';

const SCALE = 1_000_000;

/** Candidate edges as `[i, j, integer weight]`, each unordered pair once. */
export function candidateEdges(profiles: readonly MatchProfile[]): [number, number, number][] {
  const find = candidateFinder(profiles, buildSkillIndex(profiles));
  const seen = new Set<number>();
  const edges: [number, number, number][] = [];
  profiles.forEach((_, i) => {
    for (const c of find(i)) {
      const [a, b] = i < c.index ? [i, c.index] : [c.index, i];
      const key = a * profiles.length + b;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push([a, b, Math.round(c.score.total * SCALE)]);
    }
  });
  return edges;
}
