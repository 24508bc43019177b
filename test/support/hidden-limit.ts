/**
 * A platform's rate limit as the platform keeps it, hidden from the sender: a token bucket of `burst` messages
 * refilling `rate` per second. `take(nowMs)` lets a send through, or answers how long to wait as a 429 would —
 * in whole seconds, at least one, as Slack's Retry-After does. Pure: time comes in as milliseconds.
 */
export class HiddenLimit {
  private tokens: number;
  private lastMs: number | undefined;
  /** Sends let through, and sends refused. */
  accepted = 0;
  refused = 0;

  constructor(
    public rate: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Undefined: the send goes through. A number: refused, retry after that many milliseconds. */
  take(nowMs: number): number | undefined {
    const elapsed = this.lastMs === undefined ? 0 : Math.max(0, nowMs - this.lastMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
    this.lastMs = Math.max(this.lastMs ?? nowMs, nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.accepted++;
      return undefined;
    }
    this.refused++;
    return Math.max(1, Math.ceil((1 - this.tokens) / this.rate)) * 1000;
  }
}
