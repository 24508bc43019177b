/**
 * Simulated time shared by several processes in lock step (the Monday-morning benchmark). Each child process runs
 * real drainers on a real database; its clock and its waits are virtual. A child is *quiet* when no database
 * transaction and no platform call of its own is in flight once the event loop has run dry (a `setImmediate`
 * after the last completion); it then tells the parent the earliest instant one of its waits ends. When every
 * child is quiet the parent moves the shared time to the earliest of those instants and tells them all; each
 * fires the waits that have ended. Real time is spent only on real work (database, IPC), so 1,000 lanes × 50 DMs
 * at 5/s cost what the database costs, not ten real seconds per message batch; the figures are the drainers' own
 * decisions in that time. Nothing here is used outside bench/.
 */
import type { Clock } from '#core/ports/clock.ts';

interface Timer {
  readonly at: number;
  readonly resolve: () => void;
}

/** A child's side: its clock, its waits, and the bookkeeping of what it has in flight. */
export class LockstepTime implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private busy = 0;
  private checking = false;
  private seq = 0;

  constructor(
    startMs: number,
    /** Reports quiet: the earliest end of a wait (undefined: none), and the last time message seen. */
    private readonly report: (next: number | undefined, seq: number) => void,
  ) {
    this.nowMs = startMs;
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  /** The drainer's `wait`: resolves when the shared time reaches now + ms. */
  wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.nowMs + ms, resolve });
      this.check();
    });

  /** Counts `work` as in flight until it settles (a transaction, a platform call). */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
      this.check();
    }
  }

  /** The parent moved the shared time: fire every wait that has ended. */
  advance(toMs: number, seq: number): void {
    this.seq = seq;
    this.nowMs = Math.max(this.nowMs, toMs);
    const due = this.timers.filter((t) => t.at <= this.nowMs);
    this.timers = this.timers.filter((t) => t.at > this.nowMs);
    for (const timer of due) timer.resolve();
    this.check();
  }

  /** After the loop has run dry: quiet if nothing is in flight; then report. */
  check(): void {
    if (this.checking) return;
    this.checking = true;
    setImmediate(() => {
      this.checking = false;
      if (this.busy > 0) return;
      let next: number | undefined;
      for (const t of this.timers) next = next === undefined ? t.at : Math.min(next, t.at);
      this.report(next, this.seq);
    });
  }
}
