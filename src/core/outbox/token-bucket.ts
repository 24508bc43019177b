/**
 * A token bucket that computes waits instead of sleeping, so time stays injected: `reserve(now)` takes a token and
 * says how long to wait before using it. Tokens refill at `rate` per second up to `burst`. A 429 pauses the whole
 * bucket until the platform's Retry-After.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs = 0;
  private pausedUntilMs = 0;

  /**
   * @param rate messages per second; undefined = no limit (a 429 still pauses).
   * @param burst tokens available at once; 1 spaces every message evenly (kindest to platform limits).
   */
  constructor(
    private readonly rate: number | undefined,
    private readonly burst = 1,
  ) {
    if (rate !== undefined && !(rate > 0 && Number.isFinite(rate))) throw new Error(`rate must be > 0: ${rate}`);
    if (!(burst >= 1)) throw new Error(`burst must be ≥ 1: ${burst}`);
    this.tokens = burst;
  }

  /** Takes one token at `nowMs` and returns the milliseconds to wait before sending (0 = now). */
  reserve(nowMs: number): number {
    const startMs = Math.max(nowMs, this.pausedUntilMs);
    if (this.rate === undefined) return startMs - nowMs;
    const refill = (Math.max(0, startMs - this.lastMs) * this.rate) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + refill);
    this.lastMs = Math.max(this.lastMs, startMs);
    this.tokens -= 1;
    // A negative balance is a debt: the wait pays it back, and the next caller sees it.
    const debtMs = this.tokens < 0 ? (-this.tokens * 1000) / this.rate : 0;
    return startMs - nowMs + debtMs;
  }

  /** No token is handed out before `untilMs` (the platform said 429, retry after). */
  pauseUntil(untilMs: number): void {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
  }

  /** When the current pause ends (0 or a past instant when not paused). */
  get pausedUntil(): number {
    return this.pausedUntilMs;
  }
}
