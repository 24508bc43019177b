/**
 * Which process drains a lane (`lane_leases`). Processes on one PostgreSQL share the outbox; if each drained every
 * workspace's lane it would pace its own share of the workspace's limit, meet 429s from the others' sends, and store
 * that share as the workspace's rate, so the next Monday would start every lane low. With a lease one process at a
 * time drains a lane: it renews as it sends and gives the lane up when its pass ends; the others leave the lane alone
 * until that lease runs out (a process that died), or until they queue something themselves (`retrySoon`: the
 * holder may have just given it up). Off on SQLite, where one process is the only sender.
 */
import type { LaneTake } from '../stores/lane-leases.ts';
import { READ_COMMITTED } from './deliver.ts';
import type { LaneDeps } from './lane.ts';
import { type LaneQuota, SHARE_GRACE_MS } from './lane-quota.ts';

/**
 * How long a lane stays a process's without a renewal: a dead process's lanes pass to others after this. Short, so
 * a kill delays its workspaces by seconds; a 429 asking to wait longer can let another process take the lane over,
 * which then meets the same limit and waits too (the first sends at most the item it holds, then gives up).
 */
export const LANE_LEASE_MS = 20_000;
/** A holder renews once this much of its lease has gone (at its next claim: about every 5 s while sending). */
const RENEW_AFTER_MS = 5_000;

export class LaneLease {
  /** Until when this process holds the lane (the clock's ms); -Infinity when it does not. */
  private heldUntilMs = Number.NEGATIVE_INFINITY;
  /** Until when another process holds it, as last seen: not asked again before, unless `retrySoon`. */
  private elsewhereUntilMs = Number.NEGATIVE_INFINITY;
  /** Since when this process, holding its share of lanes, has left this one to the others (see `lane-quota.ts`). */
  private leftSinceMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly lane: string,
    private readonly deps: LaneDeps,
    private readonly quota: LaneQuota,
  ) {}

  private get held(): boolean {
    return this.heldUntilMs !== Number.NEGATIVE_INFINITY;
  }

  /** True when this process may send on the lane now: it holds the lease (taken or renewed), or leases are off. */
  async acquire(): Promise<boolean> {
    const { holder, clock, storage } = this.deps;
    if (holder === undefined) return true;
    const nowMs = clock.now().getTime();
    if (nowMs < this.elsewhereUntilMs) return false;
    if (this.heldUntilMs - nowMs > LANE_LEASE_MS - RENEW_AFTER_MS) return true;
    const taking = !this.held;
    if (taking && !(await this.countIn(nowMs))) return false;
    const until = new Date(nowMs + LANE_LEASE_MS);
    let lease: LaneTake;
    try {
      lease = await storage.transaction(
        (tx) => storage.core(tx).laneLeases.take(this.lane, holder, new Date(nowMs), until),
        READ_COMMITTED,
      );
    } catch (error) {
      if (taking) this.quota.answered(false);
      throw error;
    }
    if (taking) this.quota.answered(lease.ours);
    if (lease.ours) {
      this.heldUntilMs = until.getTime();
      return true;
    }
    // Held by another process, or lost (this one stalled past its lease and another took the lane over).
    this.drop();
    this.elsewhereUntilMs = lease.heldUntil.getTime();
    return false;
  }

  /** Whether this process has room for one more lane, or the lane waited past its grace for another process. */
  private async countIn(nowMs: number): Promise<boolean> {
    if (await this.quota.ask()) {
      this.leftSinceMs = Number.NEGATIVE_INFINITY;
      return true;
    }
    if (this.leftSinceMs === Number.NEGATIVE_INFINITY) this.leftSinceMs = nowMs;
    if (nowMs - this.leftSinceMs < SHARE_GRACE_MS) return false;
    this.leftSinceMs = Number.NEGATIVE_INFINITY;
    this.quota.force();
    return true;
  }

  private drop(): void {
    if (!this.held) return;
    this.heldUntilMs = Number.NEGATIVE_INFINITY;
    this.quota.gaveUp();
  }

  /** Gives the lane up (its pass ended). A failure only delays others until the lease runs out, so it is logged. */
  async release(): Promise<void> {
    const { holder, storage } = this.deps;
    if (holder === undefined || !this.held) return;
    this.drop();
    try {
      await storage.transaction((tx) => storage.core(tx).laneLeases.release(this.lane, holder), READ_COMMITTED);
    } catch (error) {
      this.deps.log.warn({ err: error, lane: this.lane }, 'outbox: could not give up a lane lease');
    }
  }

  /** This process queued something: ask for the lane again at the next pass, even if another held it. */
  retrySoon(): void {
    this.elsewhereUntilMs = Number.NEGATIVE_INFINITY;
  }
}
