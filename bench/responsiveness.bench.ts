/**
 * Benchmark 3: responsiveness while the weekly round runs. The round as the app runs it (`runJob` on the main
 * thread: read the index and history in short transactions, plan in slices that let other work in, then write in
 * batches of `ROUND_BATCH_GROUPS` groups, each its own transaction, with the event loop free between them), on a
 * seeded SQLite file and on PostgreSQL, while a `/profile` arrives every 20 ms.
 */
import { ROUND_BATCH_GROUPS } from '../commands/matching/round.job.ts';
import type { MatchingStore } from '../commands/matching/store.ts';
import type { BoundFeature } from '#core/command.ts';
import { runJob } from '#core/jobs.ts';
import { option, quick, sizeLabel } from './lib/args.ts';
import {
  buildDatabase,
  DIALECT_LABEL,
  DIALECTS,
  type Dialect,
  dropDatabase,
  openCore,
  tempDir,
} from './lib/core-harness.ts';
import { postgresVersion, stopPostgres } from './lib/postgres.ts';
import { type Responsiveness, whileProbing } from './lib/probe.ts';
import { timedRoundJob } from './lib/round-e2e.ts';
import { BENCH_COMMUNITY } from './lib/seed.ts';
import { ms, quantile, table, verdict } from './lib/stats.ts';

const EVERY_MS = 20;
/** `--dialects=sqlite` (or `postgres`) runs one database only. */
const dialects = (option('dialects')?.split(',') ?? DIALECTS) as readonly Dialect[];
const n = quick ? 10_000 : 100_000;

const rows: string[][] = [];
function add(what: string, r: Responsiveness<unknown>, commands = r.commands.map((c) => c.ms)) {
  rows.push([
    what,
    ms(r.elapsedMs),
    String(commands.length),
    ms(quantile(commands, 0.5)),
    ms(quantile(commands, 0.99)),
    ms(Math.max(0, ...commands)),
    ms(r.loopDelay.p99),
    ms(r.loopDelay.max),
    `${verdict(r.loopDelay.p99, 10)} / ${verdict(r.loopDelay.max, 50)}`,
  ]);
}
function stats(xs: number[]): string[] {
  return [String(xs.length), ms(quantile(xs, 0.5)), ms(quantile(xs, 0.99)), ms(Math.max(0, ...xs))];
}

const { dir, cleanup } = tempDir();
let pgVersion = 'PostgreSQL';
try {
  pgVersion = await postgresVersion();
  for (const dialect of dialects) {
    const template = await buildDatabase(dialect, dir, { members: n, popularity: 'uniform' });
    // After a restart: a storage opened now has a cache of its own, so the round reads the index from the database
    // (in slices), as the first round would.
    const harness = await openCore(template.target);
    const matching = harness.feature('matching') as BoundFeature<MatchingStore>;
    // The job as the app runs it, with the moment its write transaction starts noted.
    let writeStart = 0;
    const job = timedRoundJob(() => {
      writeStart = performance.now();
    });
    const run = await whileProbing(harness.core, template.members, EVERY_MS, () =>
      runJob(matching, job, BENCH_COMMUNITY, harness.deps, { period: 'bench-week' }),
    );
    await harness.close();
    await dropDatabase(template.target);
    const writeFrom = writeStart - run.startedAt;
    add(`${DIALECT_LABEL[dialect]}: runJob (${run.result})`, run);
    rows.push([
      '  … commands arriving during read + plan',
      '',
      ...stats(run.commands.filter((c) => c.arrivedAt < writeFrom).map((c) => c.ms)),
      '',
      '',
      '',
    ]);
    rows.push([
      `  … commands arriving during the write (${ms(run.elapsedMs - writeFrom)} ms)`,
      '',
      ...stats(run.commands.filter((c) => c.arrivedAt >= writeFrom).map((c) => c.ms)),
      '',
      '',
      '',
    ]);
  }
} catch (error) {
  // Printed before the server stops: stopping it makes any client still open fail, hiding this error.
  console.error(error);
  throw error;
} finally {
  cleanup();
  await stopPostgres();
}

console.log(
  table(
    `3. Responsiveness during a ${sizeLabel(n)}-member weekly round on the main thread (runJob after a restart: index read in slices, plan in slices, write in batches of ${ROUND_BATCH_GROUPS} groups a transaction; a /profile arrives every ${EVERY_MS} ms; ms; SQLite WAL file; ${pgVersion} embedded, fsync on)`,
    [
      'round',
      'round ms',
      'commands',
      'cmd p50',
      'cmd p99',
      'cmd max',
      'loop delay p99',
      'loop delay max',
      'budget p99 ≤ 10 / max ≤ 50',
    ],
    rows,
  ),
);
