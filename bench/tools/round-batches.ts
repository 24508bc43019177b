/**
 * The weekly round's transactions, timed one by one (the read slices of `prepare`, then each write batch), with
 * the event loop's longest stall: `npx tsx --conditions=hallway-source bench/tools/round-batches.ts [sqlite|postgres]
 * [--members=10000]`. A diagnostic for "commands never wait long behind a round".
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MatchingStore } from '../../commands/matching/store.ts';
import { matchRoundJob } from '../../commands/matching/round.job.ts';
import type { BoundFeature, JobDef } from '#core/command.ts';
import { runJob } from '#core/jobs.ts';
import type { Storage } from '#core/ports/storage.ts';
import { numberOption } from '../lib/args.ts';
import { buildDatabase, type Dialect, dropDatabase, openCore, tempDir } from '../lib/core-harness.ts';
import { stopPostgres } from '../lib/postgres.ts';
import { BENCH_COMMUNITY } from '../lib/seed.ts';
import { ms, quantile } from '../lib/stats.ts';

const dialect = (process.argv.find((a) => a === 'sqlite' || a === 'postgres') ?? 'sqlite') as Dialect;
const members = numberOption('members', 10_000);
const { dir, cleanup } = tempDir();
try {
  const template = await buildDatabase(dialect, dir, { members, popularity: 'uniform' });
  const harness = await openCore(template.target);
  const spans: { start: number; ms: number }[] = [];
  const inner = harness.deps.storage;
  const timed: Storage = {
    ...inner,
    async transaction(fn) {
      const start = performance.now();
      try {
        return await inner.transaction(fn);
      } finally {
        spans.push({ start, ms: performance.now() - start });
      }
    },
  };
  let writeFrom = 0;
  const job = matchRoundJob as JobDef<MatchingStore>;
  const timedJob: JobDef<MatchingStore> = {
    ...job,
    prepare: async (ctx) => {
      const plan = await job.prepare!(ctx);
      writeFrom = performance.now();
      return plan;
    },
  };
  // The write's statements, grouped by the start of their SQL: where a batch's time goes.
  const byStatement = new Map<string, { n: number; ms: number }>();
  harness.counter.onStatement = (node, took) => {
    if (!writeFrom) return;
    const text = harness.db.getExecutor().compileQuery(node, { queryId: 'tool' } as never).sql;
    const key = text.replace(/\s+/g, ' ').slice(0, 70);
    const entry = byStatement.get(key) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += took;
    byStatement.set(key, entry);
  };
  harness.counter.enabled = true;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const start = performance.now();
  const rss0 = process.memoryUsage().rss;
  const result = await runJob(
    harness.feature('matching') as BoundFeature<MatchingStore>,
    timedJob,
    BENCH_COMMUNITY,
    {
      ...harness.deps,
      storage: timed,
    },
    { period: 'tool-week' },
  );
  const total = performance.now() - start;
  loop.disable();
  const reads = spans.filter((s) => s.start < writeFrom).map((s) => s.ms);
  const writes = spans.filter((s) => s.start >= writeFrom).map((s) => s.ms);
  console.log(`${dialect} ${members}: ${result} in ${ms(total)} ms (write ${ms(start + total - writeFrom)} ms)`);
  console.log(`  read transactions: ${reads.length}, p50 ${ms(quantile(reads, 0.5))} max ${ms(Math.max(...reads))}`);
  console.log(
    `  write batches: ${writes.length}, p50 ${ms(quantile(writes, 0.5))} p90 ${ms(quantile(writes, 0.9))} max ${ms(Math.max(...writes))}`,
  );
  console.log(
    `  event loop delay: p99 ${ms(loop.percentile(99) / 1e6)} max ${ms(loop.max / 1e6)}; RSS ${((process.memoryUsage().rss - rss0) / 2 ** 20).toFixed(0)} MB more, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  console.log('  write statements (count, ms in all, SQL):');
  for (const [sqlText, { n, ms: took }] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`    ${String(n).padStart(4)} ${ms(took).padStart(8)}  ${sqlText}`);
  }
  await harness.close();
  await dropDatabase(template.target);
} finally {
  cleanup();
  await stopPostgres();
}
