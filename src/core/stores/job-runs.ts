import type { CommunityId } from '../ids.ts';

export interface JobRunsStore {
  /**
   * Claims `(job, community, period)`. Returns true exactly once per triple, whatever the number of callers,
   * processes or restarts: the insert can only succeed once.
   */
  claim(job: string, community: CommunityId, period: string, now: Date): Promise<boolean>;
  /** The newest claimed period of a job in a community. */
  lastPeriod(job: string, community: CommunityId): Promise<string | undefined>;
}
