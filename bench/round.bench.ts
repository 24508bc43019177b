/**
 * Benchmark 2: the weekly round. Compute (`planOnIndex` on the community's loaded index, what the job plans after
 * leasing it: candidates, scoring, pairing, explanations) at each size with uniform and skewed skills; the speed-up
 * over naive all-pairs scoring (the same scorer on every pair); the pairing's total score against the optimum of a
 * maximum-weight matching (Edmonds' blossom) on the same candidate graph; and the whole job end to end (read the
 * members from the database, compute, write the round, pairings and one DM per member into the outbox) on SQLite
 * and on PostgreSQL.
 */
import { planOnIndex } from '../commands/matching/round-plan.ts';
import { ROUND_BATCH_GROUPS } from '../commands/matching/round.job.ts';
import { numberOption, option, quick, sizeLabel, sizes } from './lib/args.ts';
import { candidateEdges, type Matcher, seededMatcher, wholeRound } from './lib/matcher.ts';
import { naiveScoring, optimumPairing, pairingScore } from './lib/optimum.ts';
import { DIALECT_LABEL, DIALECTS, type Dialect } from './lib/core-harness.ts';
import { postgresVersion, stopPostgres } from './lib/postgres.ts';
import { type RoundTiming, roundEndToEnd } from './lib/round-e2e.ts';
import { atLeast, median, ms, ratio, table, verdict } from './lib/stats.ts';

const NOW = new Date('2026-11-16T09:00:00Z');
/** Runs per configuration: up to this many, while the total stays under RUN_BUDGET_MS (at least one). */
const MAX_RUNS = numberOption('runs', 3);
const RUN_BUDGET_MS = 20_000;
/** Naive scoring is measured on this many members' rows against everyone, then extrapolated to all pairs. */
const NAIVE_ROWS = 250;

const computeBudget = (n: number, popularity: string) =>
  n <= 10_000 ? 100 : popularity === 'uniform' ? 1_000 : 15_000;

/** The round's plan over the whole community (pauses between slices resolve at once: compute only). */
async function plan(matcher: Matcher) {
  return planOnIndex(wholeRound(matcher, NOW, 7), async () => await Promise.resolve());
}

async function computeTimes(matcher: Matcher): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < MAX_RUNS && (times.length === 0 || performance.now() - started < RUN_BUDGET_MS)) {
    const start = performance.now();
    await plan(matcher);
    times.push(performance.now() - start);
  }
  return times;
}

const computeRows: string[][] = [];
const speedRows: string[][] = [];
for (const n of sizes()) {
  for (const popularity of ['uniform', 'skewed'] as const) {
    const matcher = await seededMatcher({ members: n, seed: 1, popularity, now: NOW });
    const times = await computeTimes(matcher);
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
      const naive = naiveScoring(matcher.index, Math.min(n, NAIVE_ROWS));
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
    await matcher.close();
  }
}
console.log(
  table(
    `2a. Weekly round compute (planOnIndex on the loaded index, ms; median of up to ${MAX_RUNS} runs)`,
    ['members', 'skills', 'runs', 'median', 'best', 'budget (10k ≤ 100 ms; 100k ≤ 1 s uniform, ≤ 15 s skewed)'],
    computeRows,
  ),
);
console.log(
  table(
    '2b. Speed-up over naive all-pairs scoring (uniform; naive = the same PairScorer on every pair, no pairing)',
    ['members', 'naive ms', 'how', 'round ms', 'speed-up', 'budget ≥ 50× at 10k'],
    speedRows,
  ),
);

const qualityRows: string[][] = [];
for (const n of [1_000, 2_000]) {
  for (const popularity of ['uniform', 'skewed'] as const) {
    const matcher = await seededMatcher({ members: n, seed: 1, popularity, now: NOW });
    const round = pairingScore((await plan(matcher)).groups.all(), matcher.index);
    const start = performance.now();
    const optimum = optimumPairing(matcher.index, candidateEdges(matcher.index));
    const took = performance.now() - start;
    const full = option('full-optimum') && n <= 1_000 ? optimumPairing(matcher.index).total : Number.NaN;
    await matcher.close();
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

const pgVersion = await postgresVersion();
const e2eRows: string[][] = [];
const e2eVerdicts: string[] = [];
/** End-to-end budgets (ms): PostgreSQL ≤ 3 s at 10k; SQLite ≤ 3 s at 100k (round 1's). */
const e2eBudget = (n: number, dialect: Dialect) =>
  dialect === 'postgres' ? (n === 10_000 ? 3_000 : undefined) : n === 100_000 ? 3_000 : undefined;
try {
  for (const n of quick ? [10_000] : [10_000, 100_000]) {
    for (const dialect of DIALECTS) {
      const r = await roundEndToEnd(n, 'uniform', dialect);
      const budget = e2eBudget(n, dialect);
      e2eRows.push([
        sizeLabel(n),
        DIALECT_LABEL[dialect],
        ms(r.prepareMs),
        ms(r.writeMs),
        ms(r.totalMs),
        String(r.groups),
        String(r.outbox),
        `${r.writeStatements} (${ms(r.writeStatementMs)} ms)`,
        budget === undefined ? '' : verdict(r.totalMs, budget),
      ]);
      if (budget !== undefined) e2eVerdicts.push(explainRound(n, dialect, r, budget));
    }
  }
} finally {
  await stopPostgres();
}

/** Met or missed, and where the time went. */
function explainRound(n: number, dialect: Dialect, r: RoundTiming, budget: number): string {
  const head = `- ${sizeLabel(n)} ${DIALECT_LABEL[dialect]}: ${ms(r.totalMs)} ms vs ≤ ${budget} ms`;
  const where = `prepare ${ms(r.prepareMs)} ms, write ${ms(r.writeMs)} ms: ${r.writeStatements} statements (${ms(r.writeStatements ? r.writeStatementMs / r.writeStatements : 0)} ms each on average, ${ms(r.writeStatementMs)} ms in all; one round trip costs ${ms(r.statementFloorMs)} ms here) for ${r.groups} pairings and ${r.outbox} DMs`;
  if (r.totalMs <= budget) return `${head}: **met** (${where}).`;
  const perPairing =
    r.writeStatements >= r.groups
      ? `; the pairings are written one by one (${(r.writeStatements / Math.max(1, r.groups)).toFixed(1)} statements a pairing), each statement a round trip to the server`
      : '';
  return `${head}: **missed** (${(r.totalMs / budget).toFixed(1)}×) — ${where}${perPairing}.`;
}
console.log(
  table(
    `2d. Weekly round end to end (runJob(match-round) after a restart (index read from the database); SQLite: WAL file; ${pgVersion}: embedded, fsync on; prepare = read the index and history + plan; write = batches of ${ROUND_BATCH_GROUPS} groups, each one transaction with its pairings and a DM per member, the claim with the first, done with the last)`,
    [
      'members',
      'database',
      'prepare ms',
      'write ms',
      'total ms',
      'groups',
      'DMs queued',
      'write statements (time in them)',
      'budget: PostgreSQL ≤ 3 s at 10k, SQLite ≤ 3 s at 100k',
    ],
    e2eRows,
  ),
);
console.log(`Budgets met and missed:\n\n${e2eVerdicts.join('\n')}\n`);
