/**
 * Benchmark 3: responsiveness while the weekly round runs. First the round as the app runs it (`runJob` on the main
 * thread, on a seeded SQLite file: load, plan in slices, one write transaction), then the plan alone in a worker
 * thread (`src/runtime/round-worker.ts`), each while a `/profile` arrives every 20 ms.
 */
import { join } from 'node:path';
import { matchRoundJob } from '../commands/matching/round.job.ts';
import type { JobContext, JobDef } from '#core/command.ts';
import { loadCommunity } from '#core/context.ts';
import { runJob } from '#core/jobs.ts';
import { createOutboxNotifier } from '#core/outbox.ts';
import { systemClock } from '#core/ports/clock.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { planRoundInWorker } from '../src/runtime/round-worker.ts';
import { quick, sizeLabel } from './lib/args.ts';
import { buildDatabase, openCore, tempDir } from './lib/core-harness.ts';
import { type Responsiveness, whileProbing } from './lib/probe.ts';
import { BENCH_COMMUNITY } from './lib/seed.ts';
import { ms, quantile, table, verdict } from './lib/stats.ts';

const EVERY_MS = 20;
const n = quick ? 10_000 : 100_000;

const { dir, cleanup } = tempDir();
const path = join(dir, 'responsive.db');
const members = buildDatabase(path, { members: n, popularity: 'uniform' });
const harness = openCore(path, 'worker');
const { repos } = harness;
const deps = { repos, notify: createOutboxNotifier(repos, systemClock), clock: systemClock, log: silentLogger };
const community = loadCommunity({ ...deps, managers: new Set(), defaultTimezone: 'UTC' }, BENCH_COMMUNITY, new Date());

// The job as the app runs it, with the moment its write transaction starts noted.
let writeStart = 0;
const timed: JobDef = {
  ...matchRoundJob,
  prepare: async (ctx: JobContext) => {
    const plan = await matchRoundJob.prepare!(ctx);
    writeStart = performance.now();
    return plan;
  },
};
const job = await whileProbing(harness.core, members, EVERY_MS, () =>
  runJob(timed, community, deps, { period: 'bench-week' }),
);
const writeFrom = writeStart - job.startedAt;

// The plan alone in a worker thread, on the members the job loaded (loaded again here, on the main thread).
const loadStart = performance.now();
const participants = repos.matching.participants(BENCH_COMMUNITY, new Date());
const loadMs = performance.now() - loadStart;
const input = { members: participants, met: [], avoid: [], now: new Date(), windowWeeks: 12, seed: 7 };
const worker = await whileProbing(harness.core, members, EVERY_MS, () => planRoundInWorker(input));
harness.close();
cleanup();

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
add(`main thread: runJob (${job.result})`, job);
rows.push([
  '  … commands arriving during load + plan',
  '',
  ...stats(job.commands.filter((c) => c.arrivedAt < writeFrom).map((c) => c.ms)),
  '',
  '',
  '',
]);
rows.push([
  `  … commands arriving during the write (${ms(job.elapsedMs - writeFrom)} ms)`,
  '',
  ...stats(job.commands.filter((c) => c.arrivedAt >= writeFrom).map((c) => c.ms)),
  '',
  '',
  '',
]);
add('worker thread: planRoundInWorker (plan only)', worker);
console.log(
  table(
    `3. Responsiveness during a ${sizeLabel(n)}-member weekly round (a /profile arrives every ${EVERY_MS} ms; ms). For the worker variant the bench first loads the members on the main thread with participants() (${ms(loadMs)} ms, outside the measurement); a job using the worker would still write on the main thread.`,
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

function stats(xs: number[]): string[] {
  return [String(xs.length), ms(quantile(xs, 0.5)), ms(quantile(xs, 0.99)), ms(Math.max(0, ...xs))];
}
