/**
 * A weekly round's pairing: maximise total complementarity over a matching (greedy on the heaviest edges, then
 * 2-opt swaps), never group avoided pairs, do not repeat a pair within the window while anything else works (else
 * fall back to the partner met longest ago), put an odd member into one trio, and leave nobody out.
 */
import { buildGraph, improvePairs, type PairingGraph, type PairingInput, pairKey } from './pairing-graph.ts';
import { type Random, seededRandom, shuffled } from './random.ts';

export type { PairingInput, WeightedEdge } from './pairing-graph.ts';

export interface PairingResult {
  /** Pairs, plus a trio when the count is odd (more only if avoid lists leave no other way). */
  readonly groups: readonly (readonly string[])[];
  /** Members no group could take (only when avoid lists make it impossible). */
  readonly leftOut: readonly string[];
  /** Grouped pairs that had met within the window (only when no fresh grouping existed). */
  readonly repeats: number;
  /** Sum of pair weights inside groups. */
  readonly totalWeight: number;
}

/** Bounds the scans of fallback steps, which only run for the few members the main steps could not place. */
const SCAN_LIMIT = 5000;

function pairUp(partner: Map<string, string>, a: string, b: string): void {
  partner.set(a, b).set(b, a);
}

/** Loose members paired among themselves where the rule allows; returns those still loose. */
function pairAmong(loose: readonly string[], partner: Map<string, string>, ok: (a: string, b: string) => boolean) {
  for (let i = 0; i < loose.length; i++) {
    const a = loose[i]!;
    if (partner.has(a)) continue;
    for (let j = i + 1; j < loose.length; j++) {
      const b = loose[j]!;
      if (!partner.has(b) && ok(a, b)) {
        pairUp(partner, a, b);
        break;
      }
    }
  }
  return loose.filter((m) => !partner.has(m));
}

/** For a loose member u, break a pair (c, d) into (u, c) + (d, v) with another loose v, all fresh. */
function swapIn(graph: PairingGraph, loose: string[], partner: Map<string, string>, random: Random): string[] {
  const paired = shuffled(
    graph.members.filter((m) => partner.has(m)),
    random,
  ).slice(0, SCAN_LIMIT);
  for (const u of loose) {
    if (partner.has(u)) continue;
    for (const c of paired) {
      const d = partner.get(c);
      if (d === undefined || !graph.fresh(u, c)) continue;
      const v = loose.find((x) => x !== u && !partner.has(x) && graph.fresh(d, x));
      if (v === undefined) continue;
      pairUp(partner, u, c);
      pairUp(partner, d, v);
      break;
    }
  }
  return loose.filter((m) => !partner.has(m));
}

/** Pairs the loose by the partner met longest ago (never an avoided pair). */
function pairByAge(graph: PairingGraph, loose: readonly string[], partner: Map<string, string>): string[] {
  for (const a of loose) {
    if (partner.has(a)) continue;
    let best: string | undefined;
    for (const b of loose) {
      if (partner.has(b) || !graph.allowed(a, b)) continue;
      if (best === undefined || graph.age(a, b) > graph.age(a, best)) best = b;
    }
    if (best !== undefined) pairUp(partner, a, best);
  }
  return loose.filter((m) => !partner.has(m));
}

/** Adds `u` to the group where it fits best: fresh with everyone first, else allowed and met longest ago. */
function joinGroup(graph: PairingGraph, u: string, groups: string[][]): boolean {
  let best: { group: string[]; fresh: boolean; score: number } | undefined;
  for (const group of groups.slice(0, SCAN_LIMIT)) {
    if (!group.every((m) => graph.allowed(u, m))) continue;
    const fresh = group.every((m) => graph.fresh(u, m));
    const score = fresh
      ? group.reduce((s, m) => s + graph.weight(u, m), 0) - group.length
      : Math.min(...group.map((m) => graph.age(u, m)));
    if (!best || (fresh && !best.fresh) || (fresh === best.fresh && score > best.score)) best = { group, fresh, score };
  }
  best?.group.push(u);
  return best !== undefined;
}

function groupsOf(graph: PairingGraph, partner: ReadonlyMap<string, string>): string[][] {
  const groups: string[][] = [];
  for (const a of graph.members) {
    const b = partner.get(a);
    if (b !== undefined && a < b) groups.push([a, b]);
  }
  return groups;
}

function summarise(graph: PairingGraph, groups: string[][], leftOut: string[]): PairingResult {
  let repeats = 0;
  let totalWeight = 0;
  const seen = new Set<string>();
  for (const g of groups) {
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) {
        const key = pairKey(g[i]!, g[j]!);
        if (seen.has(key)) continue;
        seen.add(key);
        totalWeight += graph.weight(g[i]!, g[j]!);
        if (!graph.fresh(g[i]!, g[j]!)) repeats++;
      }
    }
  }
  return { groups, leftOut, repeats, totalWeight };
}

/** Pairs every member of the round. Deterministic for a given input and seed. */
export function pairMembers(input: PairingInput): PairingResult {
  const graph = buildGraph(input);
  const random = seededRandom(input.seed ?? 1);
  const partner = new Map<string, string>();
  for (const e of graph.sortedEdges) if (!partner.has(e.a) && !partner.has(e.b)) pairUp(partner, e.a, e.b);
  let loose = shuffled(
    graph.members.filter((m) => !partner.has(m)),
    random,
  );
  loose = pairAmong(loose, partner, graph.fresh);
  if (loose.length > 1) loose = swapIn(graph, loose, partner, random);
  if (input.improve !== false) improvePairs(graph, partner);
  if (loose.length > 1) loose = pairByAge(graph, loose, partner);
  const groups = groupsOf(graph, partner);
  const leftOut = loose.filter((u) => !joinGroup(graph, u, groups));
  return summarise(graph, groups, leftOut);
}
