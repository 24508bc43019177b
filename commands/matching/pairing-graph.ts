/**
 * The pairing problem as a graph: members, the weight of each candidate pair, and the two rules: never an avoided
 * pair, and ("fresh") no pair that met within the window. Shared by `pairing.ts` and its local improvement.
 */

export interface WeightedEdge {
  readonly a: string;
  readonly b: string;
  readonly weight: number;
}

export interface PairingInput {
  /** Opted-in members to pair. Duplicates are ignored. */
  readonly members: readonly string[];
  /** Candidate pairs with positive weight (complementarity). Pairs not listed weigh 0 but may still be paired. */
  readonly edges: readonly WeightedEdge[];
  /** Pairs that must never be grouped (either member asked to avoid the other), in either order. */
  readonly avoid: readonly (readonly [string, string])[];
  /** Pairs grouped before and when (the latest counts), in either order. */
  readonly met: readonly { readonly a: string; readonly b: string; readonly at: Date }[];
  readonly now: Date;
  /** A pair met within this many weeks is not repeated while any other grouping exists. */
  readonly windowWeeks: number;
  /** Seed for tie-breaks among equal choices (e.g. from community and period). */
  readonly seed?: number;
  /** Local improvement after greedy (default true; false gives plain greedy, for benchmarks). */
  readonly improve?: boolean;
}

const WEEK_MS = 7 * 86_400_000;

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Lookups over the input: weights, neighbours and the rules. */
export interface PairingGraph {
  readonly members: readonly string[];
  weight(a: string, b: string): number;
  readonly neighbours: ReadonlyMap<string, readonly string[]>;
  allowed(a: string, b: string): boolean;
  fresh(a: string, b: string): boolean;
  /** Milliseconds since the pair last met (Infinity if never): larger is a better fallback. */
  age(a: string, b: string): number;
  /** Fresh edges, heaviest first (ties by ids, so results are deterministic). */
  readonly sortedEdges: readonly WeightedEdge[];
}

export function buildGraph(input: PairingInput): PairingGraph {
  const members = [...new Set(input.members)].sort();
  // Integer pair keys: the inner loops look pairs up millions of times in a large community.
  const index = new Map(members.map((m, i) => [m, i]));
  const n = members.length;
  const key = (a: string, b: string) => {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) return -1;
    return i < j ? i * n + j : j * n + i;
  };
  const avoided = new Set(input.avoid.map(([a, b]) => key(a, b)));
  const metAt = new Map<number, number>();
  for (const m of input.met) {
    const k = key(m.a, m.b);
    if (k >= 0 && (metAt.get(k) ?? Number.NEGATIVE_INFINITY) < m.at.getTime()) metAt.set(k, m.at.getTime());
  }
  const now = input.now.getTime();
  const windowMs = input.windowWeeks * WEEK_MS;
  const age = (a: string, b: string) => now - (metAt.get(key(a, b)) ?? Number.NEGATIVE_INFINITY);
  const allowed = (a: string, b: string) => a !== b && !avoided.has(key(a, b));
  const fresh = (a: string, b: string) => allowed(a, b) && age(a, b) >= windowMs;
  const weights = new Map<number, number>();
  const neighbours = new Map<string, string[]>(members.map((m) => [m, []]));
  const sortedEdges: WeightedEdge[] = [];
  for (const e of input.edges) {
    const k = key(e.a, e.b);
    if (!(e.weight > 0) || k < 0 || weights.has(k) || !fresh(e.a, e.b)) continue;
    weights.set(k, e.weight);
    neighbours.get(e.a)!.push(e.b);
    neighbours.get(e.b)!.push(e.a);
    sortedEdges.push(e.a < e.b ? e : { a: e.b, b: e.a, weight: e.weight });
  }
  sortedEdges.sort((x, y) => y.weight - x.weight || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
  return { members, weight: (a, b) => weights.get(key(a, b)) ?? 0, neighbours, allowed, fresh, age, sortedEdges };
}

/**
 * 2-opt on pairs: for a pair (a, b) and a neighbour c of a paired with d, re-pair as (a, c) + (b, d) when that
 * weighs more and (b, d) is fresh. Repeats until nothing improves (bounded passes). `partner` is updated in place;
 * members in trios are not in `partner`.
 */
export function improvePairs(graph: PairingGraph, partner: Map<string, string>, maxPasses = 8): number {
  let swaps = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    for (const a of graph.members) {
      if (!partner.has(a)) continue;
      for (const c of graph.neighbours.get(a) ?? []) {
        const d = partner.get(c);
        const current = partner.get(a);
        if (d === undefined || current === undefined || c === current || d === a) continue;
        const gain = graph.weight(a, c) + graph.weight(current, d) - graph.weight(a, current) - graph.weight(c, d);
        if (gain > 1e-9 && graph.fresh(current, d)) {
          partner.set(a, c).set(c, a).set(current, d).set(d, current);
          swaps++;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return swaps;
}
