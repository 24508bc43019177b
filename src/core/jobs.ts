/**
 * Running scheduled jobs exactly once per period. `runJob` claims (job, community, period) and runs the job in
 * the same transaction: the claim and everything the job writes (state and outbox messages) commit together, or
 * roll back together when the job throws, so the period is tried again at the next tick. The claim is an insert
 * that can only succeed once, so two processes on one PostgreSQL database never both run a period.
 */
import type { BoundFeature, Community, JobDef, PrepareContext } from './command.ts';
import { type CoreDeps, jobContext, loadCommunity, toCommunity } from './context.ts';
import type { CommunityId } from './ids.ts';
import { inUnit } from './unit.ts';

export type JobDeps = Pick<CoreDeps, 'storage' | 'clock' | 'log' | 'settings' | 'defaultTimezone'>;

/** `ran`: this call claimed the period and committed; `already-ran`: someone did before; `not-due`: no period. */
export type JobResult = 'ran' | 'already-ran' | 'not-due';

/**
 * Runs `job` for `community` in the period due now (or `options.period`, for tests). `prepare` runs first,
 * outside the job's transaction; then the claim and `run` share one transaction. A throw is logged and rethrown,
 * and leaves no claim behind.
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
    // The scheduler asks every minute all week long: skip the (maybe heavy) prepare when this period is done.
    // The claim below stays the real guard.
    const done = await deps.storage.transaction((tx) =>
      deps.storage.core(tx).jobRuns.lastPeriod(job.name, community.id),
    );
    if (done === period) return 'already-ran';
    log = log.child({ period });
    const prepareCtx: PrepareContext<S> = {
      community,
      now,
      period,
      log,
      read: (fn) => deps.storage.transaction((tx) => fn(feature.openStore(tx), deps.storage.core(tx))),
    };
    const plan = job.prepare ? await job.prepare(prepareCtx) : undefined;
    const ran = await inUnit(deps, 'bulk', async (unit) => {
      if (!(await unit.core.jobRuns.claim(job.name, community.id, period, deps.clock.now()))) return false;
      await job.run(jobContext(unit, feature, { community, now, period, log }), plan);
      return true;
    });
    if (!ran) return 'already-ran';
    log.info({}, 'job ran');
    return 'ran';
  } catch (error) {
    log.error({ err: error }, 'job failed; its period stays unclaimed and is retried at the next tick');
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
