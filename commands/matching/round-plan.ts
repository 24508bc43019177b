/**
 * A weekly round from participants to groups with their reasons: candidates from the skill index, edges weighted
 * by the pair score, the pairing, then each group's score (the reasons are rendered when the group is written:
 * `planned-groups.ts`). Runs as steps (`steps.ts`): the job runs it in slices of a few milliseconds so the bot
 * keeps answering.
 */
import { type PairRules, ROUND_CANDIDATES, RoundCandidates } from './candidates.ts';
import { metFactor } from './match-score.ts';
import { type EdgeList, PairingRules } from './pairing-graph.ts';
import { buildGraph } from './pairing-graph-build.ts';
import type { PairHistory } from './pair-history.ts';
import { pairNumbers } from './pairing.ts';
import { RoundMembers, weeksSince } from './round-members.ts';
import { frozenRows, type SkillIndex } from './skill-index.ts';
import { PairScorer } from './slot-score.ts';
import { PlannedGroups } from './planned-groups.ts';
import { runSliced, type Steps } from './steps.ts';

export interface RoundPlan {
  /** The groups, their scores, and each member's reason rendered on demand (as planned: see `PlannedGroups`). */
  readonly groups: PlannedGroups;
  readonly totalScore: number;
  readonly repeats: number;
  readonly leftOut: readonly string[];
}

/** A round over an index: the participants (index slots) and what the rules need. */
export interface IndexRound {
  readonly index: SkillIndex;
  readonly participants: readonly number[];
  /** Visits each pair grouped within the history read (user ids, ms), in steps. */
  readonly forEachMet: (visit: (a: string, b: string, at: number) => void) => Steps<void>;
  /** Pairs never grouped (either member avoids the other), in either order. */
  readonly avoid: readonly (readonly [string, string])[];
  readonly now: Date;
  /** A pair met within this many weeks is not repeated while any other grouping exists. */
  readonly windowWeeks: number;
  /** Tie-breaks among equal choices (from community and period: the same round plans the same). */
  readonly seed: number;
}

const WEEK_MS = 7 * 86_400_000;

/** Each member's best candidates as edges between round numbers. */
function* candidateEdges(
  round: IndexRound,
  members: RoundMembers,
  rules: PairingRules,
  history: PairHistory,
  avoiding: boolean,
): Steps<EdgeList> {
  const { index } = round;
  const now = round.now.getTime();
  const numberOf = (slot: number) => members.numberOf[slot]!;
  const slotRules: PairRules = {
    factor: (a, b) =>
      history.hasMet(numberOf(a)) ? metFactor(weeksSince(history.lastMet(numberOf(a), numberOf(b)), now)) : 1,
    excluded: (a, b) => avoiding && !rules.allowed(numberOf(a), numberOf(b)),
  };
  const finder = new RoundCandidates(index, slotRules, members.eligible);
  const capacity = members.size * ROUND_CANDIDATES;
  const edges = { from: new Int32Array(capacity), to: new Int32Array(capacity), weight: new Float64Array(capacity) };
  let count = 0;
  for (let i = 0; i < members.size; i++) {
    const found = finder.find(members.slotOf[i]!);
    for (let k = 0; k < found; k++) {
      edges.from[count] = i;
      edges.to[count] = numberOf(finder.slots[k]!);
      edges.weight[count++] = finder.totals[k]!;
    }
    if ((i & 63) === 63) yield;
  }
  return { ...edges, count };
}

/** The group's score (its pairs' totals, each counted once) and when each of its pairs last met, into the lists. */
function scoreGroup(
  group: readonly number[],
  members: RoundMembers,
  rules: PairingRules,
  scorer: PairScorer,
  now: number,
  out: { scores: number[]; lastMet: number[] },
): void {
  let score = 0;
  for (const m of group) {
    scorer.anchorOn(members.slotOf[m]!);
    for (const o of group) {
      if (o === m || members.names[m]! >= members.names[o]!) continue;
      score += scorer.total(members.slotOf[o]!, metFactor(weeksSince(rules.lastMet(m, o), now)));
    }
  }
  out.scores.push(score);
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) out.lastMet.push(rules.lastMet(group[i]!, group[j]!));
  }
}

/** Plans a round over an index, as steps. */
function* planSteps(round: IndexRound): Steps<RoundPlan> {
  const members = yield* RoundMembers.of(round.index, round.participants);
  const now = round.now.getTime();
  const avoided = members.avoided(round.avoid);
  const history = yield* members.history(round.forEachMet);
  const rules = new PairingRules(members.size, avoided, history, now, round.windowWeeks * WEEK_MS);
  // Neither the edges nor the graph are kept here: the graph lets go of the edges once read (buildGraph).
  const result = yield* pairNumbers(
    yield* buildGraph(rules, yield* candidateEdges(round, members, rules, history, avoided.size > 0)),
    round.seed,
  );
  const scorer = new PairScorer(round.index);
  const scored = { scores: [] as number[], lastMet: [] as number[] };
  for (const group of result.groups) {
    scoreGroup(group, members, rules, scorer, now, scored);
    if ((scored.scores.length & 63) === 0) yield;
  }
  scorer.release();
  const source = { names: members.names, slotOf: members.slotOf, rows: frozenRows(round.index), now };
  const groups = new PlannedGroups(source, result.groups, scored.scores, scored.lastMet);
  const leftOut = result.leftOut.map((m) => members.names[m]!);
  return { groups, totalScore: result.totalWeight, repeats: result.repeats, leftOut };
}

/** Plans a round over an index, in slices of a few milliseconds with `pause` awaited between them. */
export async function planOnIndex(round: IndexRound, pause: () => Promise<void>): Promise<RoundPlan> {
  return await runSliced(planSteps(round), pause);
}
