import type { CommunityId } from '../ids.ts';

/**
 * Where a period of a job stands: never claimed, done, or `running` (a job written in batches, between its first
 * and last batch) under a lease that is `held` until it runs out, and `stalled` after (its process died).
 */
export type JobRunState = 'done' | 'held' | 'stalled' | undefined;

export interface JobRunsStore {
  /**
   * Claims `(job, community, period)` as done. Returns true exactly once per triple, whatever the number of callers,
   * processes or restarts: the insert can only succeed once.
   */
  claim(job: string, community: CommunityId, period: string, now: Date): Promise<boolean>;
  /** The newest claimed period of a job in a community (done or running). */
  lastPeriod(job: string, community: CommunityId): Promise<string | undefined>;
  /** Where the period stands at `now`. */
  state(job: string, community: CommunityId, period: string, now: Date): Promise<JobRunState>;
  /**
   * Claims the period as running, held by `owner` until `leaseUntil`: true when the period was never claimed, or
   * is running under a lease that ran out by `now` (the caller takes over from a process that died). False when it
   * is done or another owner's lease still holds: one caller at a time holds a period.
   */
  claimRunning(
    job: string,
    community: CommunityId,
    period: string,
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<boolean>;
  /** Extends `owner`'s lease of a running period; false when it is no longer theirs (taken over, or done). */
  renew(job: string, community: CommunityId, period: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Marks a running period held by `owner` done; false when it is not theirs. */
  finish(job: string, community: CommunityId, period: string, owner: string, now: Date): Promise<boolean>;
  /** Ends `owner`'s lease at once (its run failed): the next tick resumes the period instead of waiting. */
  release(job: string, community: CommunityId, period: string, owner: string): Promise<void>;
}
