/**
 * Which process drains a lane (`lane_leases`). Processes on one PostgreSQL share the outbox; if each drained every
 * workspace's lane it would pace its own share of the workspace's limit, meet 429s from the others' sends, and store
 * that share as the workspace's rate, so the next Monday would start every lane low. With a lease one process at a
 * time drains a lane: it renews as it sends and gives the lane up when its pass ends; the others leave the lane alone
 * until that lease runs out (a process that died), or until they queue something themselves (`retrySoon`: the
 * holder may have just given it up). Off on SQLite, where one process is the only sender.
 */
import type { LaneDeps } from './lane.ts';

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

  constructor(
    private readonly lane: string,
    private readonly deps: LaneDeps,
  ) {}

  /** True when this process may send on the lane now: it holds the lease (taken or renewed), or leases are off. */
  async acquire(): Promise<boolean> {
    const { holder, clock, storage } = this.deps;
    if (holder === undefined) return true;
    const nowMs = clock.now().getTime();
    if (nowMs < this.elsewhereUntilMs) return false;
    if (this.heldUntilMs - nowMs > LANE_LEASE_MS - RENEW_AFTER_MS) return true;
    const until = new Date(nowMs + LANE_LEASE_MS);
    const lease = await storage.transaction((tx) =>
      storage.core(tx).laneLeases.take(this.lane, holder, new Date(nowMs), until),
    );
    if (lease.ours) {
      this.heldUntilMs = until.getTime();
      return true;
    }
    this.heldUntilMs = Number.NEGATIVE_INFINITY;
    this.elsewhereUntilMs = lease.heldUntil.getTime();
    return false;
  }

  /** Gives the lane up (its pass ended). A failure only delays others until the lease runs out, so it is logged. */
  async release(): Promise<void> {
    const { holder, storage } = this.deps;
    if (holder === undefined || this.heldUntilMs === Number.NEGATIVE_INFINITY) return;
    this.heldUntilMs = Number.NEGATIVE_INFINITY;
    try {
      await storage.transaction((tx) => storage.core(tx).laneLeases.release(this.lane, holder));
    } catch (error) {
      this.deps.log.warn({ err: error, lane: this.lane }, 'outbox: could not give up a lane lease');
    }
  }

  /** This process queued something: ask for the lane again at the next pass, even if another held it. */
  retrySoon(): void {
    this.elsewhereUntilMs = Number.NEGATIVE_INFINITY;
  }
}
