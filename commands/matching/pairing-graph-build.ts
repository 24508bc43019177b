/**
 * Building the pairing graph in steps (a 100k-member round has a million candidate edges): keep the usable ones,
 * each pair once, neighbours heaviest first, and every edge once in order of weight for greedy.
 */
import { type EdgeList, PairingGraph, type PairingRules } from './pairing-graph.ts';
import type { Steps } from './steps.ts';
import { orderByWeight } from './weight-order.ts';

const NO_EDGES: EdgeList = { from: new Int32Array(0), to: new Int32Array(0), weight: new Float64Array(0), count: 0 };

/** Keeps the usable edges, each pair once (its first edge), as adjacency in edge order. */
function* adjacency(rules: PairingRules, edges: EdgeList): Steps<[Int32Array, Int32Array, Float64Array]> {
  const start = new Int32Array(rules.n + 1);
  const usable = new Uint8Array(edges.count);
  for (let k = 0; k < edges.count; k++) {
    const a = edges.from[k]!;
    const b = edges.to[k]!;
    if (!(edges.weight[k]! > 0) || !rules.fresh(a, b)) continue;
    usable[k] = 1;
    start[a + 1]!++;
    start[b + 1]!++;
    if ((k & 1023) === 0) yield;
  }
  for (let i = 0; i < rules.n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, rules.n);
  const next = new Int32Array(start[rules.n]!);
  const nextWeight = new Float64Array(start[rules.n]!);
  for (let k = 0; k < edges.count; k++) {
    if (usable[k] === 0) continue;
    const a = edges.from[k]!;
    const b = edges.to[k]!;
    const w = edges.weight[k]!;
    next[fill[a]!] = b;
    nextWeight[fill[a]!++] = w;
    next[fill[b]!] = a;
    nextWeight[fill[b]!++] = w;
    if ((k & 4095) === 4095) yield;
  }
  return yield* deduplicated(start, next, nextWeight);
}

/** Sorts one member's neighbours heaviest first: insertion sort for the usual few dozen, a real sort for hubs. */
function heaviestNeighboursFirst(next: Int32Array, weight: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort(
      (x, y) => weight[y]! - weight[x]! || x - y,
    );
    const [v, w] = [order.map((k) => next[k]!), order.map((k) => weight[k]!)];
    next.set(v, from);
    weight.set(w, from);
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const v = next[k]!;
    const w = weight[k]!;
    let at = k;
    for (; at > from && weight[at - 1]! < w; at--) {
      next[at] = next[at - 1]!;
      weight[at] = weight[at - 1]!;
    }
    next[at] = v;
    weight[at] = w;
  }
}

/** Drops repeated neighbours (keeping the first) in place, then puts each member's heaviest first. */
function* deduplicated(
  start: Int32Array,
  next: Int32Array,
  weight: Float64Array,
): Steps<[Int32Array, Int32Array, Float64Array]> {
  const n = start.length - 1;
  const seenBy = new Int32Array(n).fill(-1);
  let kept = 0;
  let from = 0;
  for (let a = 0; a < n; a++) {
    const end = start[a + 1]!;
    start[a] = kept;
    for (let k = from; k < end; k++) {
      if (seenBy[next[k]!] === a) continue;
      seenBy[next[k]!] = a;
      next[kept] = next[k]!;
      weight[kept++] = weight[k]!;
    }
    // Searches (augmenting paths, 2-opt) meet the best options first and prune the rest.
    heaviestNeighboursFirst(next, weight, start[a]!, kept);
    from = end;
    if ((a & 1023) === 0) yield;
  }
  start[n] = kept;
  return [start, next.subarray(0, kept), weight.subarray(0, kept)];
}

/** Sorts `b[from…to)` ascending, carrying `w` along (insertion sort for the usual few dozen, a real sort for hubs). */
function byNeighbour(b: Int32Array, w: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort((x, y) => b[x]! - b[y]!);
    const [bs, ws] = [order.map((k) => b[k]!), order.map((k) => w[k]!)];
    b.set(bs, from);
    w.set(ws, from);
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const v = b[k]!;
    const x = w[k]!;
    let at = k;
    for (; at > from && b[at - 1]! > v; at--) {
      b[at] = b[at - 1]!;
      w[at] = w[at - 1]!;
    }
    b[at] = v;
    w[at] = x;
  }
}

/** The usable edges each once (a < b, b ascending per a, so ties break by a then b), then heaviest first. */
function* heaviestFirst(
  start: Int32Array,
  next: Int32Array,
  weight: Float64Array,
): Steps<[Int32Array, Int32Array, Float64Array]> {
  const n = start.length - 1;
  const a = new Int32Array(next.length / 2);
  const b = new Int32Array(next.length / 2);
  const w = new Float64Array(next.length / 2);
  let m = 0;
  for (let u = 0; u < n; u++) {
    const first = m;
    for (let k = start[u]!; k < start[u + 1]!; k++) {
      if (next[k]! < u) continue;
      a[m] = u;
      b[m] = next[k]!;
      w[m++] = weight[k]!;
    }
    byNeighbour(b, w, first, m);
    if ((u & 1023) === 0) yield;
  }
  const heavy: [Int32Array, Int32Array, Float64Array] = [a.subarray(0, m), b.subarray(0, m), w.subarray(0, m)];
  yield* permuted(heavy, yield* orderByWeight(heavy[2]));
  return heavy;
}

/**
 * Puts `columns[*][order[k]]` at k, in place, one cycle of the permutation at a time: a 100k round's edges are
 * 16 MB, and a permuted copy of them was the largest allocation of the round's plan (`order` is used up).
 */
function* permuted(columns: [Int32Array, Int32Array, Float64Array], order: Int32Array): Steps<void> {
  const [a, b, w] = columns;
  for (let start = 0; start < order.length; start++) {
    if (order[start]! < 0) continue;
    const [a0, b0, w0] = [a[start]!, b[start]!, w[start]!];
    let at = start;
    for (;;) {
      const from = order[at]!;
      order[at] = -1;
      if (from === start) break;
      a[at] = a[from]!;
      b[at] = b[from]!;
      w[at] = w[from]!;
      at = from;
    }
    a[at] = a0;
    b[at] = b0;
    w[at] = w0;
    if ((start & 16383) === 16383) yield;
  }
}

/** The graph of a round: rules, usable edges, heaviest first. */
export function* buildGraph(rules: PairingRules, edges: EdgeList): Steps<PairingGraph> {
  const [start, next, nextWeight] = yield* adjacency(rules, edges);
  // The candidates (16 MB at 100k members) are read: let them go before the next arrays are made. The caller
  // hands them over (round-plan.ts keeps no reference either).
  edges = NO_EDGES;
  const [heavyA, heavyB, heavyWeight] = yield* heaviestFirst(start, next, nextWeight);
  return new PairingGraph(rules, start, next, nextWeight, heavyA, heavyB, heavyWeight);
}
