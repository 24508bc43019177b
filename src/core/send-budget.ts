/**
 * What one member may make Hallway send: at most `limit` messages (DMs, posts, card edits) queued by their own
 * actions per rolling minute. One member's flood (1,000 `/match` in a row, 500 RSVP toggles) is refused with a
 * friendly "slow down" before it can fill the outbox and delay everyone else's messages. An action that queues
 * nothing is never refused; the first action in a quiet minute always goes through, however much it queues (a
 * manager's announcement). Kept in memory, per process: a cap on a burst, not an accounting.
 */
import { UserError } from './errors.ts';

export const MEMBER_SENDS_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

export class SendBudget {
  /** Per member: when each of their recent messages was queued (ms, ascending). */
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly limit = MEMBER_SENDS_PER_MINUTE) {}

  /** Throws `slow_down` when queueing `count` more messages for `member` now would pass the limit. */
  check(member: string, count: number, nowMs: number): void {
    if (count === 0) return;
    const used = this.window(member, nowMs).length;
    if (used > 0 && used + count > this.limit) {
      throw new UserError(
        'slow_down',
        "You're going a little fast: I've sent a lot on your behalf this minute. Try again in a minute.",
      );
    }
  }

  /** Records `count` messages queued (committed) for `member` now. */
  spend(member: string, count: number, nowMs: number): void {
    if (count === 0) return;
    const times = this.window(member, nowMs);
    for (let i = 0; i < count; i++) times.push(nowMs);
    this.recent.set(member, times);
  }

  private window(member: string, nowMs: number): number[] {
    const times = (this.recent.get(member) ?? []).filter((at) => nowMs - at < WINDOW_MS);
    if (times.length === 0) this.recent.delete(member);
    else this.recent.set(member, times);
    return times;
  }
}
