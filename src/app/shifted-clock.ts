import type { Clock } from '#core/ports/clock.ts';

/**
 * The app's clock, which the shell's `:wait 3d` can move forward so a member trying Hallway sees follow-ups and
 * reminders without waiting days. Only ever forward: jobs claim periods by time, and going back would replay them.
 */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  advance(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }
}
