/** The background loop of one platform's lanes: drain, then park until the next due item, a kick, or stop. */
import type { Platform } from '../ids.ts';
import { withOutbox } from './deliver.ts';
import type { LaneDeps } from './lane.ts';
import { sleep } from './sleep.ts';

/** Re-check at least this often, for items another process enqueued or a clock that jumped. */
const MAX_PARK_MS = 60_000;
/** After an error (the database was locked, a row would not parse): do not spin. */
const ERROR_PARK_MS = 5_000;
/** Something is due yet nothing could be sent: never spin faster than this. */
const MIN_PARK_MS = 1_000;

/** What the loop drives: a platform's lanes (`platform-lanes.ts`). */
export interface Drainable {
  readonly platform: Platform;
  /** Sends everything due now; resolves with the number sent. */
  drain(): Promise<number>;
}

/** Drives a platform's lanes in the background; `kick`, `idle` and `interrupt` are how the drainer talks to it. */
export class LaneLoop {
  /** Resolves when the loop has ended (after stop). */
  done: Promise<void> = Promise.resolve();
  private running = false;
  private kicked = false;
  private parkedIdle = false;
  private wake = new AbortController();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly lanes: Drainable,
    private readonly deps: LaneDeps,
  ) {}

  /** Starts the loop; a second call while it runs is ignored (two loops would share one wake signal). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run().finally(() => {
      this.running = false;
      this.settleIdle();
    });
  }

  kick(): void {
    this.kicked = true;
    this.parkedIdle = false;
    this.wake.abort();
  }

  /** Stop was requested: leave the park now. */
  interrupt(): void {
    this.wake.abort();
  }

  /** Resolves when the lane is parked with nothing due (or stopped). Not running: drains once instead. */
  async idle(): Promise<void> {
    if (this.deps.stopped.aborted) return;
    if (!this.running) {
      await this.lanes.drain();
      return;
    }
    if (this.parkedIdle && !(await this.somethingDue()) && this.parkedIdle) return;
    const settled = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    // The clock may have moved while parked (a fake clock in tests): look again now.
    if (this.parkedIdle) this.kick();
    await settled;
  }

  private async run(): Promise<void> {
    const { deps } = this;
    while (!deps.stopped.aborted) {
      this.kicked = false;
      let sent = 0;
      try {
        sent = await this.lanes.drain();
      } catch (error) {
        deps.log.error({ err: error, platform: this.lanes.platform }, 'outbox drain failed');
        await this.park(ERROR_PARK_MS);
        continue;
      }
      if (deps.stopped.aborted || this.kicked) continue;
      const now = deps.clock.now().getTime();
      let next: number | undefined;
      try {
        next = (await withOutbox(deps.storage, (outbox) => outbox.nextDue(this.lanes.platform)))?.getTime();
      } catch (error) {
        deps.log.error({ err: error, platform: this.lanes.platform }, 'outbox check failed');
        await this.park(ERROR_PARK_MS);
        continue;
      }
      if (next !== undefined && next <= now) {
        if (sent > 0) continue;
        await this.park(MIN_PARK_MS);
        continue;
      }
      // A kick during the check above came after a commit the check may not have seen (its answer can predate the
      // commit): drain again before telling idle() waiters that nothing is due, or they go on before that send.
      if (this.kicked) continue;
      this.parkedIdle = true;
      this.settleIdle();
      await this.park(next === undefined ? undefined : Math.min(next - now, MAX_PARK_MS));
      this.parkedIdle = false;
    }
  }

  /** Waits `ms` (undefined: until kicked or stopped). Made synchronously, so a kick is never missed. */
  private park(ms: number | undefined): Promise<void> {
    this.wake = new AbortController();
    if (this.kicked || this.deps.stopped.aborted) return Promise.resolve();
    return sleep(ms, this.wake.signal, this.deps.wait);
  }

  private async somethingDue(): Promise<boolean> {
    const next = await withOutbox(this.deps.storage, (outbox) => outbox.nextDue(this.lanes.platform));
    return next !== undefined && next <= this.deps.clock.now();
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
