/**
 * How many lanes this process takes at once, so the processes on one database share a Monday morning instead of
 * the first one awake taking every workspace's lane. Each process says it is alive at each look (`lane_holders`);
 * its share is the lanes with something due divided by the processes alive, rounded up. A lane past the share is
 * left to the others for a few seconds and then taken anyway: a process counted alive may have just died, or be
 * parked and not looking yet, and a lane nobody drains is worse than an uneven split.
 */

/** A process is counted alive this long after its last look (its scheduler tick kicks the drainer every minute). */
export const HOLDER_ALIVE_MS = 150_000;
/** A lane past this process's share waits this long for another process before this one takes it anyway. */
export const SHARE_GRACE_MS = 10_000;

export class LaneQuota {
  private share = Number.POSITIVE_INFINITY;
  /** Lanes held, and lanes asking the database now (counted as held until the answer). */
  private held = 0;
  private asking = 0;
  private waiters: (() => void)[] = [];

  /** At a look: `dueLanes` lanes have something due and `alive` processes (this one included) drain them. */
  update(dueLanes: number, alive: number): void {
    this.share = Math.max(1, Math.ceil(dueLanes / Math.max(1, alive)));
  }

  /**
   * Counts a lane in if this process has room for it, and says so. A thousand lanes start at once: those past the
   * share first wait for the lanes asking before them, since some of those will find their lane held by another
   * process and free their place.
   */
  async ask(): Promise<boolean> {
    while (this.held >= this.share && this.asking > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.held >= this.share) return false;
    this.held++;
    this.asking++;
    return true;
  }

  /** Counts a lane in past the share (its grace ran out). */
  force(): void {
    this.held++;
    this.asking++;
  }

  /** The database answered a lane that asked: held now, or not (its place is free again). */
  answered(granted: boolean): void {
    this.asking--;
    if (!granted) this.held--;
    this.wake();
  }

  /** A held lane was given up. */
  gaveUp(): void {
    this.held = Math.max(0, this.held - 1);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
