/**
 * The pairings the quality benchmark compares, all over the same community and history: Hallway's round (greedy on
 * the heaviest edges + 2-opt, window and avoid rules, trio, nobody out), plain greedy on edges, first-come greedy
 * (members in random order each take their best free candidate), and random (shuffle and pair, like the
 * chat-roulette bots). Plus the metrics, computed the same way for every strategy.
 */
import { buildSkillIndex, candidateFinder } from '../commands/matching/candidates.ts';
import { historyOf, toProfile } from '../commands/matching/history.ts';
import { type MatchProfile, scorePair } from '../commands/matching/match-score.ts';
import { pairKey } from '../commands/matching/pairing-graph.ts';
import { pairMembers, type WeightedEdge } from '../commands/matching/pairing.ts';
import { seededRandom, shuffled } from '../commands/matching/random.ts';
import type { MatchMember, MetPair } from '../commands/matching/store.ts';

export type Strategy = 'hallway' | 'greedy' | 'first-come' | 'random';

export interface RoundContext {
  readonly members: readonly MatchMember[];
  readonly met: readonly MetPair[];
  readonly now: Date;
  readonly windowWeeks: number;
  readonly seed: number;
}

const WEEK_MS = 7 * 86_400_000;

function edgesOf(profiles: readonly MatchProfile[], weeksSinceMet: (a: string, b: string) => number | undefined) {
  const index = buildSkillIndex(profiles);
  const edges: WeightedEdge[] = [];
  const find = candidateFinder(profiles, index, { weeksSinceMet });
  profiles.forEach((p, i) => {
    for (const c of find(i)) {
      edges.push({ a: p.userId, b: profiles[c.index]!.userId, weight: c.score.total });
    }
  });
  return edges;
}

/** Pairs consecutive members of a shuffled list; an odd last member joins the last pair. */
function consecutive(order: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i + 1 < order.length; i += 2) groups.push([order[i]!, order[i + 1]!]);
  if (order.length % 2 === 1 && groups.length > 0) groups[groups.length - 1]!.push(order[order.length - 1]!);
  return groups;
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
    ctx.members.map((m) => m.userId),
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
  const rest = ctx.members.map((m) => m.userId).filter((u) => !taken.has(u));
  return [...groups, ...consecutive(shuffled(rest, seededRandom(ctx.seed + 1)))];
}

/** The groups a strategy forms for one round. */
export function runStrategy(strategy: Strategy, ctx: RoundContext): string[][] {
  const ids = ctx.members.map((m) => m.userId);
  if (strategy === 'random') return consecutive(shuffled(ids, seededRandom(ctx.seed)));
  const history = historyOf(ctx.met, ctx.now);
  const edges = edgesOf(ctx.members.map(toProfile), history.weeksSinceMet);
  const windowMs = ctx.windowWeeks * WEEK_MS;
  const fresh = (a: string, b: string) => {
    const at = history.lastMet(a, b);
    return at === undefined || ctx.now.getTime() - at.getTime() >= windowMs;
  };
  if (strategy === 'first-come') return firstCome(ctx, edges, fresh);
  const result = pairMembers({
    members: ids,
    edges,
    avoid: [],
    met: ctx.met,
    now: ctx.now,
    windowWeeks: ctx.windowWeeks,
    seed: ctx.seed,
    improve: strategy === 'hallway',
  });
  return [...result.groups.map((g) => [...g]), ...result.leftOut.map((u) => [u])];
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
  const byId = new Map(ctx.members.map((m) => [m.userId, toProfile(m)]));
  const history = historyOf(ctx.met, ctx.now);
  const placed = new Set(groups.filter((g) => g.length >= 2).flat());
  let complementarity = 0;
  let repeats = 0;
  const twoWay = new Set<string>();
  for (const g of groups) {
    for (const a of g) {
      for (const b of g) {
        if (a === b) continue;
        const s = scorePair(byId.get(a)!, byId.get(b)!);
        if (s.parts.theyGive.length > 0 && s.parts.youGive.length > 0) twoWay.add(a);
        if (a > b) continue;
        complementarity += s.complementarity;
        const at = history.lastMet(a, b);
        if (at && ctx.now.getTime() - at.getTime() < ctx.windowWeeks * WEEK_MS) repeats++;
      }
    }
  }
  return { complementarity, twoWayMembers: twoWay.size, repeats, leftOut: ctx.members.length - placed.size };
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
