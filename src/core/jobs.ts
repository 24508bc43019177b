/**
 * Running scheduled jobs exactly once per period. `runJob` claims (job, community, period) and runs the job in
 * the same transaction: the claim and everything the job writes (state and outbox messages) commit together, or
 * roll back together when the job throws, so the period is tried again at the next tick.
 */
import type { Community, JobContext, JobDef } from './command.ts';
import type { CommunityId } from './ids.ts';
import type { Clock } from './ports/clock.ts';
import type { Logger } from './ports/logger.ts';
import type { Notifier } from './ports/notifier.ts';
import type { Repositories } from './ports/repositories.ts';

export interface JobDeps {
  readonly repos: Repositories;
  readonly notify: Notifier;
  readonly clock: Clock;
  readonly log: Logger;
}

/** `ran`: this call claimed the period and committed; `already-ran`: someone did before; `not-due`: no period. */
export type JobResult = 'ran' | 'already-ran' | 'not-due';

/**
 * Runs `job` for `community` in the period due now (or `options.period`, for `/hallway run`). `prepare` runs
 * first, outside any transaction (it may await); then the claim and `run` share one transaction. A throw is
 * logged and rethrown, and leaves no claim behind.
 */
export async function runJob(
  job: JobDef,
  community: Community,
  deps: JobDeps,
  options: { readonly period?: string } = {},
): Promise<JobResult> {
  let log = deps.log.child({ job: job.name, community: community.id });
  try {
    const now = deps.clock.now();
    const period = options.period ?? job.period(now, community);
    if (period === undefined) return 'not-due';
    // The scheduler asks every minute all week long: skip the (maybe heavy) prepare when this period is done.
    // The claim below stays the real guard.
    if (deps.repos.jobRuns.lastPeriod(job.name, community.id) === period) return 'already-ran';
    log = log.child({ period });
    const ctx: JobContext = { community, now, period, repos: deps.repos, notify: deps.notify, log };
    const plan = job.prepare ? await job.prepare(ctx) : undefined;
    if (!claimAndRun(job, ctx, plan, deps.clock)) return 'already-ran';
    log.info({}, 'job ran');
    return 'ran';
  } catch (error) {
    log.error({ err: error }, 'job failed; its period stays unclaimed and is retried at the next tick');
    throw error;
  }
}

/** The claim and the run in one transaction: false if the period was claimed already. */
function claimAndRun(job: JobDef, ctx: JobContext, plan: unknown, clock: Clock): boolean {
  const { repos } = ctx;
  return repos.transaction(() => {
    if (!repos.jobRuns.claim(job.name, ctx.community.id, ctx.period, clock.now())) return false;
    job.run(ctx, plan);
    return true;
  });
}

export interface JobOutcome {
  readonly job: string;
  readonly community: CommunityId;
  readonly result: JobResult | 'failed';
}

/**
 * Runs every job for every community, one after the other (SQLite has one writer; a failure is logged by
 * `runJob` and does not stop the others). Called each minute and at start-up, which is how a period missed while
 * the bot was down gets caught up: it is still the latest period, and it was never claimed.
 */
export async function runDueJobs(
  jobs: readonly JobDef[],
  communities: readonly Community[],
  deps: JobDeps,
): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const community of communities) {
    for (const job of jobs) {
      let result: JobOutcome['result'];
      try {
        result = await runJob(job, community, deps);
      } catch {
        result = 'failed';
      }
      outcomes.push({ job: job.name, community: community.id, result });
    }
  }
  return outcomes;
}
