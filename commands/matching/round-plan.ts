/**
 * A weekly round from participants to groups with their reasons: candidates from the skill index, edges weighted
 * by the pair score, the pairing, then one explanation per member. Pure: everything it needs is passed in.
 */
import type { MatchMember, MetPair } from '../../src/core/ports/repos/matching.ts';
import { fmt } from '../../src/core/text.ts';
import { buildSkillIndex, type CandidateOptions, candidateFinder } from './candidates.ts';
import { explainMatch } from './explain.ts';
import { avoidTest, type History, historyOf, toProfile } from './history.ts';
import { type MatchProfile, scorePair } from './match-score.ts';
import { pairMembers, type WeightedEdge } from './pairing.ts';

export interface PlannedGroup {
  readonly members: readonly string[];
  /** Sum of the pair scores inside the group. */
  readonly score: number;
  /** For each member: why they were grouped with the others (rich text, one line per other member). */
  readonly reasons: Readonly<Record<string, string>>;
}

export interface RoundPlan {
  readonly groups: readonly PlannedGroup[];
  readonly totalScore: number;
  readonly repeats: number;
  readonly leftOut: readonly string[];
}

export interface RoundInput {
  readonly members: readonly MatchMember[];
  readonly met: readonly MetPair[];
  readonly avoid: readonly (readonly [string, string])[];
  readonly now: Date;
  readonly windowWeeks: number;
  readonly seed: number;
  readonly candidates?: CandidateOptions;
  /** Called every `YIELD_EVERY` members while finding candidates, so a large round can let the event loop breathe. */
  readonly pause?: () => Promise<void>;
}

const YIELD_EVERY = 2000;

/** Each group's score and, for each member, why they were grouped with the others. */
function explainGroup(
  members: readonly string[],
  byId: ReadonlyMap<string, MatchProfile>,
  history: History,
): PlannedGroup {
  let score = 0;
  const reasons: Record<string, string> = {};
  for (const m of members) {
    const lines = members
      .filter((o) => o !== m)
      .map((o) => {
        const s = scorePair(byId.get(m)!, byId.get(o)!, history.weeksSinceMet(m, o));
        if (m < o) score += s.total;
        return explainMatch(s.parts, fmt.user(o));
      });
    reasons[m] = lines.join('\n');
  }
  return { members, score, reasons };
}

/** Plans a round: candidates, pairing, explanations. Async only to let a caller pause between chunks. */
export async function planRound(input: RoundInput): Promise<RoundPlan> {
  const profiles = input.members.map(toProfile);
  const history = historyOf(input.met, input.now);
  const index = buildSkillIndex(profiles);
  const edges: WeightedEdge[] = [];
  const options = { ...input.candidates, weeksSinceMet: history.weeksSinceMet, excluded: avoidTest(input.avoid) };
  const find = candidateFinder(profiles, index, options);
  for (let i = 0; i < profiles.length; i++) {
    for (const c of find(i))
      edges.push({ a: profiles[i]!.userId, b: profiles[c.index]!.userId, weight: c.score.total });
    if (input.pause && i % YIELD_EVERY === YIELD_EVERY - 1) await input.pause();
  }
  const result = pairMembers({
    members: profiles.map((p) => p.userId),
    edges,
    avoid: input.avoid,
    met: input.met,
    now: input.now,
    windowWeeks: input.windowWeeks,
    seed: input.seed,
  });
  const byId = new Map(profiles.map((p) => [p.userId, p]));
  const groups = result.groups.map((members) => explainGroup(members, byId, history));
  return { groups, totalScore: result.totalWeight, repeats: result.repeats, leftOut: result.leftOut };
}
