/**
 * Matching quality benchmark: on the same seeded synthetic community, twelve weekly rounds paired by Hallway, by
 * plain greedy on the heaviest edges, by first-come greedy and at random. Prints, per strategy, the average total
 * complementarity per round, the share of members with a two-way match in their group, the pairs repeated within
 * the 12-week window over the twelve rounds, and the members left out.
 *
 *   npx tsx bench/matching-quality.ts [members=1000] [seed=7]
 */
import type { MetPair } from '../commands/matching/store.ts';
import { type Matcher, seededMatcher } from './lib/matcher.ts';
import { measure, record, type RoundMetrics, runStrategy, type Strategy } from './matching-strategies.ts';

const STRATEGIES: readonly Strategy[] = ['hallway', 'greedy', 'first-come', 'random'];
const ROUNDS = 12;
const WINDOW_WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;

interface Row {
  readonly strategy: Strategy;
  readonly complementarity: number;
  readonly twoWayShare: number;
  readonly repeats: number;
  readonly leftOut: number;
  readonly msPerRound: number;
}

const START = new Date('2026-11-16T09:00:00Z');

async function simulate(strategy: Strategy, matcher: Matcher, seed: number): Promise<Row> {
  const members = matcher.members.length;
  const met: MetPair[] = [];
  const totals: RoundMetrics[] = [];
  let elapsed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const now = new Date(START.getTime() + round * WEEK_MS);
    const ctx = { matcher, met, now, windowWeeks: WINDOW_WEEKS, seed: seed * 100 + round };
    const t0 = performance.now();
    const groups = await runStrategy(strategy, ctx);
    elapsed += performance.now() - t0;
    totals.push(measure(groups, ctx));
    record(met, groups, now);
  }
  const avg = (f: (m: RoundMetrics) => number) => totals.reduce((s, m) => s + f(m), 0) / totals.length;
  return {
    strategy,
    complementarity: avg((m) => m.complementarity),
    twoWayShare: avg((m) => m.twoWayMembers) / members,
    repeats: totals.reduce((s, m) => s + m.repeats, 0),
    leftOut: totals.reduce((s, m) => s + m.leftOut, 0),
    msPerRound: elapsed / ROUNDS,
  };
}

function print(title: string, rows: readonly Row[]): void {
  const base = rows.find((r) => r.strategy === 'random')!.complementarity || 1;
  const header = [
    'strategy',
    'complementarity/round',
    'vs random',
    'two-way members',
    'repeats (12 rounds)',
    'left out',
    'ms/round',
  ];
  const cells = rows.map((r) => [
    r.strategy,
    r.complementarity.toFixed(1),
    `${(r.complementarity / base).toFixed(2)}×`,
    `${(100 * r.twoWayShare).toFixed(1)}%`,
    String(r.repeats),
    String(r.leftOut),
    r.msPerRound.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const c of cells) console.log(line(c));
}

const members = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 7);
for (const popularity of ['skewed', 'uniform'] as const) {
  const matcher = await seededMatcher({ members, seed, popularity, now: START });
  const rows: Row[] = [];
  for (const strategy of STRATEGIES) rows.push(await simulate(strategy, matcher, seed));
  await matcher.close();
  print(
    `Matching quality: ${members} members, ${popularity} skill popularity, ${ROUNDS} weekly rounds, seed ${seed}`,
    rows,
  );
}
