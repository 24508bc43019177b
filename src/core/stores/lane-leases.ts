/**
 * Which process drains each outbox lane. Several processes on one database each hold some lanes, one holder per
 * lane at a time, so the rate a lane learns from its workspace's 429s is the workspace's rate, not a share of it.
 */

/** The outcome of asking for a lane: ours now, or another holder's until its lease runs out. */
export type LaneTake = { readonly ours: true } | { readonly ours: false; readonly heldUntil: Date };

export interface LaneLeasesStore {
  /**
   * Takes or renews the lane for `holder` until `until`: granted when nobody holds it, `holder` already does, or the
   * other holder's lease ran out by `now` (its process died or stalled). One caller wins, whatever the processes.
   */
  take(lane: string, holder: string, now: Date, until: Date): Promise<LaneTake>;
  /** Gives the lane up, if `holder` still holds it (another process may take it at once). */
  release(lane: string, holder: string): Promise<void>;
  /**
   * Records that `holder` is alive until `until`, and returns how many holders are alive at `now`, itself included:
   * each process takes its share of the due lanes (`lane-quota.ts`).
   */
  alive(holder: string, now: Date, until: Date): Promise<number>;
  /** `holder` stops (its share passes to the others at their next look). */
  leave(holder: string): Promise<void>;
}
