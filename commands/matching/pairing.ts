/**
 * A weekly round's pairing: maximise total complementarity over a matching (greedy on the heaviest edges, then
 * augmenting paths and 2-opt swaps), never group avoided pairs, do not repeat a pair within the window while
 * anything else works (else fall back to the partner met longest ago), put an odd member into one trio, and leave
 * nobody out. Works on member numbers and flat arrays (`pairing-graph.ts`).
 */
import type { PairingGraph } from './pairing-graph.ts';
import { augmentPaths } from './pairing-augment.ts';
import { improvePairs, type Partners, pairUp } from './pairing-improve.ts';
import { type Random, seededRandom, shuffled } from './random.ts';
import type { Steps } from './steps.ts';

interface PairingResult<M> {
  /** Pairs, plus a trio when the count is odd (more only if avoid lists leave no other way). */
  readonly groups: readonly (readonly M[])[];
  /** Members no group could take (only when avoid lists make it impossible). */
  readonly leftOut: readonly M[];
  /** Grouped pairs that had met within the window (only when no fresh grouping existed). */
  readonly repeats: number;
  /** Sum of pair weights inside groups. */
  readonly totalWeight: number;
}

/** Bounds the scans of fallback steps, which only run for the few members the main steps could not place. */
const SCAN_LIMIT = 5000;

/** Loose members paired among themselves where the rule allows; returns those still loose. */
function pairAmong(graph: PairingGraph, loose: readonly number[], p: Partners, ok: (a: number, b: number) => boolean) {
  for (let i = 0; i < loose.length; i++) {
    const a = loose[i]!;
    if (p.partner[a]! >= 0) continue;
    for (let j = i + 1; j < loose.length; j++) {
      const b = loose[j]!;
      if (p.partner[b]! < 0 && ok(a, b)) {
        pairUp(p, a, b, graph.weight(a, b));
        break;
      }
    }
  }
  return loose.filter((m) => p.partner[m]! < 0);
}

/** For a loose member u, break a pair (c, d) into (u, c) + (d, v) with another loose v, all fresh. */
function swapIn(graph: PairingGraph, loose: number[], p: Partners, random: Random): number[] {
  const everyone = Array.from({ length: graph.n }, (_, i) => i);
  const paired = shuffled(
    everyone.filter((m) => p.partner[m]! >= 0),
    random,
  ).slice(0, SCAN_LIMIT);
  const { rules } = graph;
  for (const u of loose) {
    if (p.partner[u]! >= 0) continue;
    for (const c of paired) {
      const d = p.partner[c]!;
      if (d < 0 || !rules.fresh(u, c)) continue;
      const v = loose.find((x) => x !== u && p.partner[x]! < 0 && rules.fresh(d, x));
      if (v === undefined) continue;
      pairUp(p, u, c, graph.weight(u, c));
      pairUp(p, d, v, graph.weight(d, v));
      break;
    }
  }
  return loose.filter((m) => p.partner[m]! < 0);
}

/** Pairs the loose by the partner met longest ago (never an avoided pair). */
function pairByAge(graph: PairingGraph, loose: readonly number[], p: Partners): number[] {
  const { rules } = graph;
  for (const a of loose) {
    if (p.partner[a]! >= 0) continue;
    let best = -1;
    for (const b of loose) {
      if (p.partner[b]! >= 0 || !rules.allowed(a, b)) continue;
      if (best < 0 || rules.age(a, b) > rules.age(a, best)) best = b;
    }
    if (best >= 0) pairUp(p, a, best, graph.weight(a, best));
  }
  return loose.filter((m) => p.partner[m]! < 0);
}

/** Adds `u` to the group where it fits best: fresh with everyone first, else allowed and met longest ago. */
function joinGroup(graph: PairingGraph, u: number, groups: number[][]): boolean {
  const { rules } = graph;
  let best: { group: number[]; fresh: boolean; score: number } | undefined;
  for (const group of groups.slice(0, SCAN_LIMIT)) {
    if (!group.every((m) => rules.allowed(u, m))) continue;
    const fresh = group.every((m) => rules.fresh(u, m));
    const score = fresh
      ? group.reduce((s, m) => s + graph.weight(u, m), 0) - group.length
      : Math.min(...group.map((m) => rules.age(u, m)));
    if (!best || (fresh && !best.fresh) || (fresh === best.fresh && score > best.score)) best = { group, fresh, score };
  }
  best?.group.push(u);
  return best !== undefined;
}

function* summarise(graph: PairingGraph, groups: number[][], leftOut: number[]): Steps<PairingResult<number>> {
  let repeats = 0;
  let totalWeight = 0;
  for (const [k, g] of groups.entries()) {
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) {
        totalWeight += graph.weight(g[i]!, g[j]!);
        if (!graph.rules.fresh(g[i]!, g[j]!)) repeats++;
      }
    }
    if ((k & 4095) === 4095) yield;
  }
  return { groups, leftOut, repeats, totalWeight };
}

function noPartners(n: number): Partners {
  return { partner: new Int32Array(n).fill(-1), pairWeight: new Float64Array(n) };
}

/** Greedy on the heaviest edges: each edge taken when both its members are free (the first step of `pairNumbers`). */
export function* greedy(graph: PairingGraph): Steps<Partners> {
  const p = noPartners(graph.n);
  for (let k = 0; k < graph.heavyA.length; k++) {
    const a = graph.heavyA[k]!;
    const b = graph.heavyB[k]!;
    if (p.partner[a]! < 0 && p.partner[b]! < 0) pairUp(p, a, b, graph.heavyWeight[k]!);
    if ((k & 4095) === 4095) yield;
  }
  return p;
}

/** Pairs members 0…n-1 of the graph. Deterministic for a given graph and seed. */
export function* pairNumbers(graph: PairingGraph, seed: number): Steps<PairingResult<number>> {
  const { n } = graph;
  const random = seededRandom(seed);
  const p = yield* greedy(graph);
  // Augmenting paths, then 2-opt swaps: ≥ 0.97 of a maximum-weight matching (greedy alone: 0.85-0.92).
  yield* augmentPaths(graph, p);
  yield* improvePairs(graph, p);
  const unpaired: number[] = [];
  for (let m = 0; m < n; m++) if (p.partner[m]! < 0) unpaired.push(m);
  yield;
  let loose = pairAmong(graph, shuffled(unpaired, random), p, (a, b) => graph.rules.fresh(a, b));
  yield;
  if (loose.length > 1) loose = swapIn(graph, loose, p, random);
  if (loose.length > 1) loose = pairByAge(graph, loose, p);
  const groups: number[][] = [];
  for (let a = 0; a < n; a++) {
    if (p.partner[a]! > a) groups.push([a, p.partner[a]!]);
    if ((a & 16383) === 16383) yield;
  }
  const leftOut = loose.filter((u) => !joinGroup(graph, u, groups));
  return yield* summarise(graph, groups, leftOut);
}
