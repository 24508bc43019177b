/**
 * The weekly round as the app runs it: `runJob(matchRoundJob)` on a seeded SQLite file, timed in two parts through
 * a wrapper around the job's `prepare`: prepare (load the members and plan, outside any transaction) and the write
 * (claim, round, pairings and one DM per member in the outbox, in one transaction).
 */
import { join } from 'node:path';
import { matchRoundJob } from '../../commands/matching/round.job.ts';
import type { JobContext, JobDef } from '#core/command.ts';
import { loadCommunity } from '#core/context.ts';
import { runJob } from '#core/jobs.ts';
import { createOutboxNotifier } from '#core/outbox.ts';
import { systemClock } from '#core/ports/clock.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { buildDatabase, openCore, tempDir } from './core-harness.ts';
import { BENCH_COMMUNITY, type Popularity } from './seed.ts';

export interface RoundTiming {
  readonly prepareMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
  readonly groups: number;
  readonly outbox: number;
}

export async function roundEndToEnd(members: number, popularity: Popularity): Promise<RoundTiming> {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'round.db');
    buildDatabase(path, { members, popularity });
    const harness = openCore(path, 'timer');
    const { repos } = harness;
    const deps = { repos, notify: createOutboxNotifier(repos, systemClock), clock: systemClock, log: silentLogger };
    const community = loadCommunity(
      { ...deps, managers: new Set(), defaultTimezone: 'UTC' },
      BENCH_COMMUNITY,
      new Date(),
    );
    let prepareMs = 0;
    const timed: JobDef = {
      ...matchRoundJob,
      prepare: async (ctx: JobContext) => {
        const start = performance.now();
        const plan = await matchRoundJob.prepare!(ctx);
        prepareMs = performance.now() - start;
        return plan;
      },
    };
    const start = performance.now();
    const result = await runJob(timed, community, deps, { period: 'bench-week' });
    const totalMs = performance.now() - start;
    if (result !== 'ran') throw new Error(`the round did not run: ${result}`);
    const round = repos.matching.lastRound(BENCH_COMMUNITY)!;
    const groups = repos.matching.roundPairings(BENCH_COMMUNITY, round.id).length;
    const outbox = repos.outbox.counts(BENCH_COMMUNITY).pending;
    harness.close();
    return { prepareMs, writeMs: totalMs - prepareMs, totalMs, groups, outbox };
  } finally {
    cleanup();
  }
}
