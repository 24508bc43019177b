/**
 * Benchmark 2: the weekly round. Compute (`planRound`: candidates, scoring, pairing, explanations) at each size with
 * uniform and skewed skills; the speed-up over naive all-pairs scoring; the pairing's total score against the
 * optimum of a maximum-weight matching (Edmonds' blossom) on the same candidate graph; and the whole job end to end
 * (load from SQLite, compute, write the round, pairings and one DM per member into the outbox).
 */
import { toProfile } from '../commands/matching/history.ts';
import { planRound } from '../commands/matching/round-plan.ts';
import type { MatchMember } from '../commands/matching/store.ts';
import { numberOption, option, quick, sizeLabel, sizes } from './lib/args.ts';
import { candidateEdges } from './lib/candidate-graph.ts';
import { naiveScoring, optimumPairing, pairingScore } from './lib/optimum.ts';
import { roundEndToEnd } from './lib/round-e2e.ts';
import { atLeast, median, ms, ratio, table, verdict } from './lib/stats.ts';
import { syntheticCommunity } from './synthetic-community.ts';

const NOW = new Date('2026-11-16T09:00:00Z');
/** Runs per configuration: up to this many, while the total stays under RUN_BUDGET_MS (at least one). */
const MAX_RUNS = numberOption('runs', 3);
const RUN_BUDGET_MS = 20_000;
/** Naive scoring is measured on this many members' rows against everyone, then extrapolated to all pairs. */
const NAIVE_ROWS = 250;

const computeBudget = (n: number, popularity: string) =>
  n <= 10_000 ? 100 : popularity === 'uniform' ? 1_000 : 15_000;

async function plan(members: readonly MatchMember[]) {
  return planRound({ members, met: [], avoid: [], now: NOW, windowWeeks: 12, seed: 7 });
}

async function computeTimes(members: readonly MatchMember[]): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < MAX_RUNS && (times.length === 0 || performance.now() - started < RUN_BUDGET_MS)) {
    const start = performance.now();
    await plan(members);
    times.push(performance.now() - start);
  }
  return times;
}

const computeRows: string[][] = [];
const speedRows: string[][] = [];
for (const n of sizes()) {
  for (const popularity of ['uniform', 'skewed'] as const) {
    const members = syntheticCommunity({ members: n, seed: 1, popularity, now: NOW });
    const times = await computeTimes(members);
    const compute = median(times);
    computeRows.push([
      sizeLabel(n),
      popularity,
      String(times.length),
      ms(compute),
      ms(Math.min(...times)),
      verdict(compute, computeBudget(n, popularity)),
    ]);
    if (popularity === 'uniform' && n <= 10_000) {
      const naive = naiveScoring(members.map(toProfile), Math.min(n, NAIVE_ROWS));
      const how =
        n <= NAIVE_ROWS
          ? 'all pairs measured'
          : `${NAIVE_ROWS} rows × ${sizeLabel(n)} measured, extrapolated ×${(n / (2 * NAIVE_ROWS)).toFixed(0)}`;
      speedRows.push([
        sizeLabel(n),
        ms(naive.allPairsMs),
        how,
        ms(compute),
        ratio(naive.allPairsMs / compute),
        n === 10_000 ? atLeast(naive.allPairsMs / compute, 50) : '',
      ]);
    }
  }
}
console.log(
  table(
    `2a. Weekly round compute (planRound, ms; median of up to ${MAX_RUNS} runs)`,
    ['members', 'skills', 'runs', 'median', 'best', 'budget (10k ≤ 100 ms; 100k ≤ 1 s uniform, ≤ 15 s skewed)'],
    computeRows,
  ),
);
console.log(
  table(
    '2b. Speed-up over naive all-pairs scoring (uniform; naive = scorePair on every pair, no pairing)',
    ['members', 'naive ms', 'how', 'round ms', 'speed-up', 'budget ≥ 50× at 10k'],
    speedRows,
  ),
);

const qualityRows: string[][] = [];
for (const n of [1_000, 2_000]) {
  for (const popularity of ['uniform', 'skewed'] as const) {
    const members = syntheticCommunity({ members: n, seed: 1, popularity, now: NOW });
    const profiles = members.map(toProfile);
    const byId = new Map(profiles.map((p) => [p.userId, p]));
    const round = pairingScore(
      (await plan(members)).groups.map((g) => g.members),
      byId,
    );
    const start = performance.now();
    const optimum = optimumPairing(profiles, candidateEdges(profiles));
    const took = performance.now() - start;
    const full = option('full-optimum') && n <= 1_000 ? optimumPairing(profiles).total : Number.NaN;
    qualityRows.push([
      sizeLabel(n),
      popularity,
      String(optimum.edges),
      round.toFixed(1),
      optimum.total.toFixed(1),
      (round / optimum.total).toFixed(3),
      ms(took),
      Number.isNaN(full) ? '—' : (round / full).toFixed(3),
      atLeast(round / optimum.total, 0.97),
    ]);
  }
}
console.log(
  table(
    '2c. Pairing quality: total score vs the maximum-weight matching (blossom) on the same candidate graph',
    [
      'members',
      'skills',
      'graph edges',
      'round total',
      'optimum',
      'fraction',
      'blossom ms',
      'vs all-pairs optimum',
      'budget ≥ 0.97',
    ],
    qualityRows,
  ),
);

const e2eRows: string[][] = [];
for (const n of quick ? [10_000] : [10_000, 100_000]) {
  const r = await roundEndToEnd(n, 'uniform');
  e2eRows.push([
    sizeLabel(n),
    ms(r.prepareMs),
    ms(r.writeMs),
    ms(r.totalMs),
    String(r.groups),
    String(r.outbox),
    n === 100_000 ? verdict(r.totalMs, 3_000) : '',
  ]);
}
console.log(
  table(
    '2d. Weekly round end to end (runJob(match-round) on a SQLite file: prepare = load the members + plan; write = one transaction with the claim, round, pairings and a DM per member)',
    ['members', 'prepare ms', 'write ms', 'total ms', 'groups', 'DMs queued', 'budget ≤ 3 s at 100k'],
    e2eRows,
  ),
);
