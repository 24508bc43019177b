/**
 * The lane's pacer. It computes waits instead of sleeping, so time stays injected: `reserve(now)` books the next
 * send and says how long to wait before making it. Sends follow a schedule 1/rate apart (the "theoretical arrival
 * time" of GCRA, which is a token bucket written as a schedule); `burst` sends may go at once after an idle spell.
 * A send that went out late (a timer that fired late, a slow store) is made up by the next ones, up to `catchUp`
 * sends' worth of time (at most 50 ms, so a slow lane never doubles up), so late timers do not stretch a long
 * fan-out; lagging further means the lane was idle, and the schedule starts again from now (no burst beyond
 * `burst`). A 429 pauses every send until the platform's Retry-After, and the schedule starts again at its end.
 * The rate may change at any moment: the lane sets what it has learned before each send.
 */
const MAX_CATCH_UP_MS = 50;

export class TokenBucket {
  private rate: number | undefined;
  /** When the next send is due on the schedule. */
  private nextMs = Number.NEGATIVE_INFINITY;
  private pausedUntilMs = 0;

  /**
   * @param rate messages per second; undefined = no limit (a 429 still pauses).
   * @param burst sends allowed at once after an idle spell; 1 spaces every message evenly (kindest to platforms).
   * @param catchUp how many sends' worth of lateness the next sends may make up (0: none).
   */
  constructor(
    rate: number | undefined,
    private readonly burst = 1,
    private readonly catchUp = 0,
  ) {
    this.setRate(rate);
    if (!(burst >= 1)) throw new Error(`burst must be ≥ 1: ${burst}`);
    if (!(catchUp >= 0)) throw new Error(`catchUp must be ≥ 0: ${catchUp}`);
  }

  /** Changes the rate from the next reservation on (undefined: no limit). */
  setRate(rate: number | undefined): void {
    if (rate !== undefined && !(rate > 0 && Number.isFinite(rate))) throw new Error(`rate must be > 0: ${rate}`);
    this.rate = rate;
  }

  /** Books one send at `nowMs` and returns the milliseconds to wait before making it (0 = now). */
  reserve(nowMs: number): number {
    const startMs = Math.max(nowMs, this.pausedUntilMs);
    if (this.rate === undefined) return startMs - nowMs;
    const interval = 1000 / this.rate;
    const sendMs = Math.max(startMs, this.nextMs - (this.burst - 1) * interval);
    // Behind the schedule by a little: keep to it, so the next sends come sooner and make the lateness up.
    const behindMs = sendMs - this.nextMs;
    const allowanceMs = Math.min(this.catchUp * interval, MAX_CATCH_UP_MS);
    this.nextMs = behindMs > allowanceMs ? sendMs + interval : this.nextMs + interval;
    return sendMs - nowMs;
  }

  /** No send is booked before `untilMs` (the platform said 429, retry after). */
  pauseUntil(untilMs: number): void {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
    // Time lost to a pause is not made up: the platform asked for it.
    this.nextMs = Number.NEGATIVE_INFINITY;
  }

  /** When the current pause ends (0 or a past instant when not paused). */
  get pausedUntil(): number {
    return this.pausedUntilMs;
  }
}
