/**
 * Running scheduled jobs exactly once per period. `runJob` claims (job, community, period) and runs the job in
 * the same transaction: the claim and everything the job writes (state and outbox messages) commit together, or
 * roll back together when the job throws, so the period is tried again at the next tick. The claim is an insert
 * that can only succeed once, so two processes on one PostgreSQL database never both run a period.
 *
 * A job written in batches (`JobDef.batches`) claims its period as running under a lease with its first batch, and
 * renews the lease with each next one, in the batch's own transaction: a batch either commits with the lease held
 * or not at all, so two processes never both write a period. The last batch marks it done. A process that dies in
 * between leaves the period running; when its lease has run out, the next tick takes it over and resumes it.
 */
import { randomUUID } from 'node:crypto';
import type { BoundFeature, Community, JobDef, PrepareContext } from './command.ts';
import { type CoreDeps, jobContext, loadCommunity, toCommunity } from './context.ts';
import type { CommunityId } from './ids.ts';
import type { Logger } from './ports/logger.ts';
import { inUnit } from './unit.ts';

export type JobDeps = Pick<CoreDeps, 'storage' | 'clock' | 'log' | 'settings' | 'defaultTimezone'>;

/**
 * `ran`: this call claimed the period (or took it over) and finished it; `already-ran`: someone did before;
 * `running`: another process is writing it in batches right now; `not-due`: no period.
 */
export type JobResult = 'ran' | 'already-ran' | 'running' | 'not-due';

/**
 * How long a batch's lease on its period lasts: renewed by every batch (each a fraction of a second), so it runs out
 * only when its process is gone; a tick after that resumes the period.
 */
export const JOB_LEASE_MS = 2 * 60_000;

/** Lets timers and I/O (members' commands) run between two batches. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `job` for `community` in the period due now (or `options.period`, for tests). `prepare` runs first,
 * outside the job's transaction; then the claim and `run` share one transaction (one per batch for a batched job).
 * A throw is logged and rethrown, and leaves no claim behind (a batched job's period stays running, released for
 * the next tick to resume).
 */
export async function runJob<S>(
  feature: BoundFeature<S>,
  job: JobDef<S>,
  communityOrId: Community | CommunityId,
  deps: JobDeps,
  options: { readonly period?: string; readonly manual?: boolean } = {},
): Promise<JobResult> {
  let log = deps.log.child({
    job: job.name,
    community: typeof communityOrId === 'string' ? communityOrId : communityOrId.id,
  });
  try {
    const now = deps.clock.now();
    const community =
      typeof communityOrId === 'string'
        ? await deps.storage.transaction((tx) =>
            loadCommunity(deps, deps.storage.core(tx).communities, communityOrId, now),
          )
        : communityOrId;
    const period = options.period ?? job.period(now, community, { manual: options.manual });
    if (period === undefined) return 'not-due';
    // The scheduler asks every minute all week long: skip the (maybe heavy) prepare when this period is done or
    // being written. The claim below stays the real guard.
    const state = await deps.storage.transaction((tx) =>
      deps.storage.core(tx).jobRuns.state(job.name, community.id, period, now),
    );
    if (state === 'done') return 'already-ran';
    if (state === 'held') return 'running';
    log = log.child({ period });
    const prepareCtx: PrepareContext<S> = {
      community,
      now,
      period,
      log,
      read: (fn) => deps.storage.transaction((tx) => fn(feature.openStore(tx), deps.storage.core(tx))),
    };
    const plan = job.prepare ? await job.prepare(prepareCtx) : undefined;
    const result = job.batches
      ? await runBatches(feature, job, { community, now, period, log }, plan, deps)
      : await inUnit(deps, 'bulk', async (unit) => {
          if (!(await unit.core.jobRuns.claim(job.name, community.id, period, deps.clock.now()))) return 'already-ran';
          await job.run(jobContext(unit, feature, { community, now, period, log }), plan);
          return 'ran';
        });
    if (result === 'ran') log.info({}, 'job ran');
    return result;
  } catch (error) {
    log.error({ err: error }, 'job failed; the period is retried (or resumed) at the next tick');
    throw error;
  }
}

/** The batches of a batched job, each in its own transaction holding the period's lease. */
async function runBatches<S>(
  feature: BoundFeature<S>,
  job: JobDef<S>,
  scope: { community: Community; now: Date; period: string; log: Logger },
  plan: unknown,
  deps: JobDeps,
): Promise<JobResult> {
  const { community, period } = scope;
  const owner = randomUUID();
  const count = Math.max(1, job.batches!(plan));
  let held = false;
  try {
    for (let index = 0; index < count; index++) {
      if (index > 0) await yieldToEvents();
      const stopped = await inUnit(deps, 'bulk', async (unit): Promise<JobResult | undefined> => {
        const runs = unit.core.jobRuns;
        const at = deps.clock.now();
        const lease = new Date(at.getTime() + JOB_LEASE_MS);
        if (index === 0 && !(await runs.claimRunning(job.name, community.id, period, owner, at, lease))) {
          return (await runs.state(job.name, community.id, period, at)) === 'done' ? 'already-ran' : 'running';
        }
        if (index > 0 && !(await runs.renew(job.name, community.id, period, owner, lease))) {
          throw new Error(`lost the lease on ${job.name} ${period} after ${index} of ${count} batches`);
        }
        await job.run(jobContext(unit, feature, { ...scope, batch: { index, count } }), plan);
        if (index === count - 1) await runs.finish(job.name, community.id, period, owner, at);
        return undefined;
      });
      if (stopped) return stopped;
      held = true;
    }
    return 'ran';
  } catch (error) {
    // A failed batch leaves what committed; the next tick resumes the rest without waiting for the lease.
    if (held) {
      await deps.storage
        .transaction((tx) => deps.storage.core(tx).jobRuns.release(job.name, community.id, period, owner))
        .catch(() => {});
    }
    throw error;
  }
}

export interface JobOutcome {
  readonly job: string;
  readonly community: CommunityId;
  readonly result: JobResult | 'failed';
}

/** Every known community, as jobs see it. */
export async function allCommunities(deps: JobDeps): Promise<Community[]> {
  return deps.storage.transaction(async (tx) => {
    const records = await deps.storage.core(tx).communities.list();
    return records.map((record) => toCommunity(deps, record));
  });
}

/**
 * Runs every job of every feature for every community, one after the other (a failure is logged by `runJob` and
 * does not stop the others). Called each minute and at start-up, which is how a period missed while the bot was
 * down gets caught up: it is still the latest period, and it was never claimed.
 */
export async function runDueJobs(
  features: readonly BoundFeature<unknown>[],
  communities: readonly Community[],
  deps: JobDeps,
): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const community of communities) {
    for (const feature of features) {
      for (const job of feature.jobs ?? []) {
        let result: JobOutcome['result'];
        try {
          result = await runJob(feature, job, community, deps);
        } catch {
          result = 'failed';
        }
        outcomes.push({ job: job.name, community: community.id, result });
      }
    }
  }
  return outcomes;
}
