/** Injected time: production reads the system clock, tests advance a fake one. Never patch `Date`. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
