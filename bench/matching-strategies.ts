/**
 * The pairings the quality benchmark compares, all over the same community (its index read from a database, as the
 * app reads it) and history: Hallway's round (`planOnIndex`, exactly as the job plans it), plain greedy on the
 * heaviest candidate edges, first-come greedy (members in random order each take their best free candidate), and
 * random (shuffle and pair, like the chat-roulette bots). The three baselines take the same candidate edges as the
 * round (`RoundCandidates`) and pair whoever is left in shuffled order. Plus the metrics, the same for every
 * strategy, from the matcher's own scorer.
 */
import { metFactor } from '../commands/matching/match-score.ts';
import { seededRandom, shuffled } from '../commands/matching/random.ts';
import { planOnIndex } from '../commands/matching/round-plan.ts';
import { PairScorer } from '../commands/matching/slot-score.ts';
import type { MetPair } from '../commands/matching/store.ts';
import { candidateEdges, type Matcher, wholeRound } from './lib/matcher.ts';

export type Strategy = 'hallway' | 'greedy' | 'first-come' | 'random';

export interface RoundContext {
  readonly matcher: Matcher;
  readonly met: readonly MetPair[];
  readonly now: Date;
  readonly windowWeeks: number;
  readonly seed: number;
}

const WEEK_MS = 7 * 86_400_000;

interface WeightedEdge {
  readonly a: string;
  readonly b: string;
  readonly weight: number;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** When each pair last met. */
function lastMet(met: readonly MetPair[]): Map<string, Date> {
  const last = new Map<string, Date>();
  for (const m of met) {
    const key = pairKey(m.a, m.b);
    if ((last.get(key) ?? 0) < m.at) last.set(key, m.at);
  }
  return last;
}

/** The round's candidate edges, discounted for pairs who met, by user id. */
function edgesOf(ctx: RoundContext, last: ReadonlyMap<string, Date>): WeightedEdge[] {
  const { index } = ctx.matcher;
  const id = (slot: number) => index.userIds[slot]!;
  const weeks = (a: number, b: number) => {
    const at = last.get(pairKey(id(a), id(b)));
    return at === undefined ? undefined : (ctx.now.getTime() - at.getTime()) / WEEK_MS;
  };
  const rules = { factor: (a: number, b: number) => metFactor(weeks(a, b)), excluded: () => false };
  return candidateEdges(index, rules).map(([a, b, weight]) => ({ a: id(a), b: id(b), weight }));
}

/** Pairs consecutive members of a shuffled list; an odd last member joins the last pair. */
function consecutive(order: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i + 1 < order.length; i += 2) groups.push([order[i]!, order[i + 1]!]);
  if (order.length % 2 === 1 && groups.length > 0) groups[groups.length - 1]!.push(order[order.length - 1]!);
  return groups;
}

/** Members in no group yet, shuffled and paired in order (the baselines leave nobody out either). */
function rest(ctx: RoundContext, groups: string[][], taken: ReadonlySet<string>): string[][] {
  const left = ctx.matcher.members.map((m) => m.userId).filter((u) => !taken.has(u));
  return [...groups, ...consecutive(shuffled(left, seededRandom(ctx.seed + 1)))];
}

/** Greedy on the heaviest edges: each taken when both members are free and have not met within the window. */
function greedy(ctx: RoundContext, edges: readonly WeightedEdge[], fresh: (a: string, b: string) => boolean) {
  const taken = new Set<string>();
  const groups: string[][] = [];
  for (const e of [...edges].sort((x, y) => y.weight - x.weight || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))) {
    if (taken.has(e.a) || taken.has(e.b) || !fresh(e.a, e.b)) continue;
    taken.add(e.a).add(e.b);
    groups.push([e.a, e.b]);
  }
  return rest(ctx, groups, taken);
}

function firstCome(ctx: RoundContext, edges: readonly WeightedEdge[], fresh: (a: string, b: string) => boolean) {
  const best = new Map<string, WeightedEdge[]>();
  for (const e of edges) {
    for (const [x] of [[e.a], [e.b]] as const) {
      const list = best.get(x) ?? [];
      list.push(e);
      best.set(x, list);
    }
  }
  const taken = new Set<string>();
  const groups: string[][] = [];
  for (const u of shuffled(
    ctx.matcher.members.map((m) => m.userId),
    seededRandom(ctx.seed),
  )) {
    if (taken.has(u)) continue;
    const options = (best.get(u) ?? []).sort((x, y) => y.weight - x.weight);
    const pick = options.map((e) => (e.a === u ? e.b : e.a)).find((v) => !taken.has(v) && fresh(u, v));
    if (pick !== undefined) {
      taken.add(u).add(pick);
      groups.push([u, pick]);
    }
  }
  return rest(ctx, groups, taken);
}

/** The groups a strategy forms for one round. */
export async function runStrategy(strategy: Strategy, ctx: RoundContext): Promise<string[][]> {
  const ids = ctx.matcher.members.map((m) => m.userId);
  if (strategy === 'random') return consecutive(shuffled(ids, seededRandom(ctx.seed)));
  if (strategy === 'hallway') {
    const round = wholeRound(ctx.matcher, ctx.now, ctx.seed, {
      windowWeeks: ctx.windowWeeks,
      *forEachMet(visit) {
        for (const m of ctx.met) visit(m.a, m.b, m.at.getTime());
        yield;
      },
    });
    const plan = await planOnIndex(round, async () => await Promise.resolve());
    return [...plan.groups.all(), ...plan.leftOut.map((u) => [u])];
  }
  const last = lastMet(ctx.met);
  const edges = edgesOf(ctx, last);
  const windowMs = ctx.windowWeeks * WEEK_MS;
  const fresh = (a: string, b: string) => {
    const at = last.get(pairKey(a, b));
    return at === undefined || ctx.now.getTime() - at.getTime() >= windowMs;
  };
  return strategy === 'first-come' ? firstCome(ctx, edges, fresh) : greedy(ctx, edges, fresh);
}

export interface RoundMetrics {
  /** Sum over grouped pairs of two-way complementarity (no history discount). */
  readonly complementarity: number;
  /** Members whose group holds someone meeting a need of theirs AND needing something they offer. */
  readonly twoWayMembers: number;
  /** Grouped pairs that had met within the window. */
  readonly repeats: number;
  /** Members in no group, or alone. */
  readonly leftOut: number;
}

export function measure(groups: readonly string[][], ctx: RoundContext): RoundMetrics {
  const { index } = ctx.matcher;
  const scorer = new PairScorer(index);
  const last = lastMet(ctx.met);
  const placed = new Set(groups.filter((g) => g.length >= 2).flat());
  let complementarity = 0;
  let repeats = 0;
  const twoWay = new Set<string>();
  for (const g of groups) {
    for (const a of g) {
      for (const b of g) {
        if (a === b) continue;
        scorer.anchorOn(ctx.matcher.slot(a));
        const s = scorer.score(ctx.matcher.slot(b));
        if (s.parts.theyGive.length > 0 && s.parts.youGive.length > 0) twoWay.add(a);
        if (a > b) continue;
        complementarity += s.complementarity;
        const at = last.get(pairKey(a, b));
        if (at && ctx.now.getTime() - at.getTime() < ctx.windowWeeks * WEEK_MS) repeats++;
      }
    }
  }
  return { complementarity, twoWayMembers: twoWay.size, repeats, leftOut: ctx.matcher.members.length - placed.size };
}

/** The history after a round: every pair in a group met now. */
export function record(met: MetPair[], groups: readonly string[][], now: Date): void {
  const seen = new Set<string>();
  for (const g of groups) {
    for (const a of g) {
      for (const b of g) {
        if (a < b && !seen.has(pairKey(a, b))) {
          seen.add(pairKey(a, b));
          met.push({ a, b, at: now });
        }
      }
    }
  }
}
