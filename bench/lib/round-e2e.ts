/**
 * The weekly round as the app runs it: `runJob(matching, matchRoundJob)` on a seeded database (SQLite file or
 * PostgreSQL), timed in two parts through a wrapper around the job's `prepare`: prepare (read the index and the
 * history in short transactions and plan) and the write (the claim, the round, then its pairings and one DM per
 * member in the outbox, in batches of a few hundred groups, one transaction each).
 */
import { sql } from 'kysely';
import { matchRoundJob } from '../../commands/matching/round.job.ts';
import type { MatchingStore } from '../../commands/matching/store.ts';
import type { BoundFeature, JobDef, PrepareContext } from '#core/command.ts';
import { runJob } from '#core/jobs.ts';
import { type Dialect, buildDatabase, dropDatabase, openCore, tempDir } from './core-harness.ts';
import { BENCH_COMMUNITY, type Popularity } from './seed.ts';
import { median } from './stats.ts';

export interface RoundTiming {
  readonly prepareMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
  readonly groups: number;
  readonly outbox: number;
  /** Statements the write's transactions ran (claim, round, pairings, outbox), and the time spent waiting on them. */
  readonly writeStatements: number;
  readonly writeStatementMs: number;
  /** p50 of one `SELECT 1` on the same database: one round trip. */
  readonly statementFloorMs: number;
}

/** `job` with its `prepare` timed: `onPrepared(ms)` is called when the plan is ready (the write starts next). */
export function timedRoundJob(onPrepared: (prepareMs: number) => void): JobDef<MatchingStore> {
  const job = matchRoundJob as JobDef<MatchingStore>;
  return {
    ...job,
    prepare: async (ctx: PrepareContext<MatchingStore>) => {
      const start = performance.now();
      const plan = await job.prepare!(ctx);
      onPrepared(performance.now() - start);
      return plan;
    },
  };
}

export async function roundEndToEnd(members: number, popularity: Popularity, dialect: Dialect): Promise<RoundTiming> {
  const { dir, cleanup } = tempDir();
  try {
    const template = await buildDatabase(dialect, dir, { members, popularity });
    // A cold start: a storage opened now has a cache of its own, so the index is read from the database, as on the
    // first round after a restart.
    const harness = await openCore(template.target);
    const matching = harness.feature('matching') as BoundFeature<MatchingStore>;
    let prepareMs = 0;
    const { counter } = harness;
    const job = timedRoundJob((took) => {
      prepareMs = took;
      // From here on, the write: count its statements.
      counter.reset();
      counter.enabled = true;
    });
    const start = performance.now();
    const result = await runJob(matching, job, BENCH_COMMUNITY, harness.deps, { period: 'bench-week' });
    const totalMs = performance.now() - start;
    counter.enabled = false;
    if (result !== 'ran') throw new Error(`the round did not run: ${result}`);
    const { groups, outbox } = await harness.matching(async (store, core) => {
      const round = await store.lastRound(BENCH_COMMUNITY);
      if (!round) throw new Error('the round left no record');
      return {
        groups: (await store.roundPairings(BENCH_COMMUNITY, round.id)).length,
        outbox: (await core.outbox.counts(BENCH_COMMUNITY)).pending,
      };
    });
    const trips: number[] = [];
    for (let i = 0; i < 200; i++) {
      const at = performance.now();
      await sql`SELECT 1`.execute(harness.db);
      trips.push(performance.now() - at);
    }
    await harness.close();
    await dropDatabase(template.target);
    return {
      statementFloorMs: median(trips),
      prepareMs,
      writeMs: totalMs - prepareMs,
      totalMs,
      groups,
      outbox,
      writeStatements: counter.statements,
      writeStatementMs: counter.statementMs,
    };
  } finally {
    cleanup();
  }
}
