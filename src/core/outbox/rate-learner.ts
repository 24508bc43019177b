/**
 * Learns the sending rate a platform accepts when it does not announce it (Slack: nothing but Retry-After on a
 * 429), for one lane, for the life of the process. The configured rate is where sending starts; the ceiling is
 * never passed. Without a configured rate the lane starts unpaced, and:
 * 1. its first 429 ends a burst sent as fast as HTTP allows: what got through is about the platform's burst;
 * 2. it then ramps its rate up from a burst per second (doubling every quarter second, or every 4 sends at low
 *    rates) until the next 429; a burst and a ramp that ran dry at known times pin the platform's bucket
 *    (`rate-fit.ts`), and the lane sends at 95 % of the fitted rate.
 * Any later 429 lowers the rate to 95 % of what the platform accepted during the run it ended (never less than a
 * 5 % cut). When the burst is unknown (a lane that started at a configured rate) a long run says the limit is just
 * under where the lane was; a short one halves the rate, but not below what got through since the previous 429.
 * Sending without a 429 probes upward: +5 % per minute of back-to-back sending, +2 % once a 429 was seen, half as
 * often each time the limit is met again at the same rate; back up to the configured rate faster (+10 % per 10 s).
 * The Retry-After itself is honoured by the lane, not here. Times are plain milliseconds from the injected clock.
 */
import { fitBucket, type Run, rateFor } from './rate-fit.ts';

/** Below the fitted or measured rate, as a margin for a platform bucket that drifts or was not quite full. */
export const RATE_SAFETY = 0.95;
/** Never slower than this (messages per second): a lane that keeps meeting 429s still moves. */
const MIN_RATE = 0.1;
const RAMP_DOUBLING_MS = 250;
const RAMP_MIN_SENDS = 4;
/** The ramp never goes past this many times the unpaced speed (it would pace at nothing: unpaced again). */
const RAMP_OVER_UNPACED = 4;
/** Nor past this, when the unpaced speed could not be measured (all in one millisecond of a still test clock). */
const RAMP_LIMIT = 1_000_000;
const PROBE_PERIOD_MS = 60_000;
/** Each 429 met again at the same rate (within 10 %) doubles the probing period, up to this. */
const MAX_PROBE_PERIOD_MS = 30 * 60_000;
const SAME_LEVEL = 0.1;
const PROBE_STEP_FRESH = 0.05;
const PROBE_STEP_LIMITED = 0.02;
/**
 * Below the configured rate, which the operator vouched for, probing climbs back faster: +10 % per 10 s (a single
 * 429 on one route, say, should not slow a Discord lane for half an hour).
 */
const RECOVERY_PERIOD_MS = 10_000;
const RECOVERY_STEP = 0.1;
/**
 * Until the lane's first 429 (slow start, as TCP does): the rate doubles per second of back-to-back sending, so a
 * lane that starts low reaches the platform's limit within seconds, not minutes. The first 429 ends it.
 */
const SLOW_START_DOUBLING_MS = 750;
/** A gap this long between sends means the platform's bucket has refilled: a new run starts. */
const IDLE_RESET_MS = 10_000;
/** A run shorter than this, with the burst unknown, cannot tell burst from rate: halve instead. */
const SHORT_RUN_MS = 10_000;
/** Sends kept per run (the oldest half is dropped beyond it; fitting on fewer sends only errs low). */
const MAX_RUN_SENDS = 8_192;

export interface RateLearnerOptions {
  /** The configured rate (messages per second): where sending starts. Undefined: unpaced until the first 429. */
  readonly start?: number;
  /** The operator's ceiling. Default: the start rate (no probing above it); no ceiling when neither is set. */
  readonly max?: number;
}

type Mode = 'unpaced' | 'ramp' | 'steady';

/** One lane's rate: `rate` is what to pace at now; `sent` and `limited` tell it what the platform did. */
export class RateLearner {
  private mode: Mode;
  private current: number;
  private readonly ceiling: number;
  private readonly start: number | undefined;
  private burst: number | undefined;
  /** The unpaced run that taught the burst, kept to fit the bucket with the ramp that follows it. */
  private fastRun: Run | undefined;
  private rampCap = RAMP_LIMIT;
  private sends: number[] = [];
  private lastLimitedMs: number | undefined;
  private lastSendMs = Number.NEGATIVE_INFINITY;
  private busyMs = 0;
  private limitedOnce = false;
  /** The rate the last 429 came at, and how long probing waits between steps now. */
  private limitedRate: number | undefined;
  private probePeriodMs = PROBE_PERIOD_MS;
  /** Just under the rate the last 429 came at: a single transient 429 is recovered from in seconds, up to here. */
  private recoverTo = 0;

  constructor(options: RateLearnerOptions = {}) {
    const start = options.start ?? options.max;
    this.start = start;
    this.ceiling = Math.max(options.max ?? start ?? Number.POSITIVE_INFINITY, start ?? 0);
    this.mode = start === undefined ? 'unpaced' : 'steady';
    this.current = start ?? Number.POSITIVE_INFINITY;
  }

  /** Messages per second to pace at now; undefined = unpaced. */
  get rate(): number | undefined {
    return this.mode === 'unpaced' ? undefined : this.current;
  }

  /** The platform's burst as learned, if it was. */
  get learnedBurst(): number | undefined {
    return this.burst;
  }

  /**
   * Takes a rate learned earlier (stored before a restart, or by another process sending to the same platform):
   * it is what the platform accepted, so no slow start from it, only the careful probing of a lane that met 429s.
   */
  adopt(rate: number): void {
    if (!(rate > 0 && Number.isFinite(rate))) return;
    this.current = this.clamp(rate);
    this.mode = 'steady';
    this.limitedOnce = true;
    this.busyMs = 0;
  }

  /** True once the platform said 429 to this lane, or the lane took a learned rate: the rate is worth storing. */
  get learned(): boolean {
    return this.limitedOnce;
  }

  /** A send made at `atMs` got through. */
  sent(atMs: number): void {
    const gapMs = atMs - this.lastSendMs;
    if (gapMs >= IDLE_RESET_MS) this.sends = [];
    if (this.sends.length >= MAX_RUN_SENDS) this.sends = this.sends.slice(MAX_RUN_SENDS / 2);
    this.sends.push(atMs);
    this.lastSendMs = atMs;
    if (this.mode === 'ramp') this.rampUp();
    else if (this.mode === 'steady') this.probe(gapMs);
  }

  /** A send made at `atMs` met a 429 (the lane pauses for its Retry-After). */
  limited(atMs: number): void {
    const run: Run = { sends: this.sends, endMs: atMs, emptyAtMs: this.lastLimitedMs };
    this.sends = [];
    this.lastLimitedMs = atMs;
    this.busyMs = 0;
    this.limitedOnce = true;
    this.slowProbing();
    // Refused at once after a pause: the pause was short, the rate says nothing new.
    if (run.sends.length === 0) return;
    if (this.mode === 'unpaced') {
      this.learnBurst(run);
      return;
    }
    const before = this.current;
    this.current = this.clamp(Math.min(this.accepted(run), this.current * RATE_SAFETY));
    // With the burst unknown the new rate is a guess, maybe far under the limit (a halving): climb back quickly to
    // just under where the 429 came. A fitted rate is not a guess: no quick climb from it.
    this.recoverTo = this.burst === undefined ? before * RATE_SAFETY * RATE_SAFETY : 0;
    this.mode = 'steady';
  }

  /** What to pace at after a run that ended in a 429, from what got through during it. */
  private accepted(run: Run): number {
    if (this.mode === 'ramp' && this.fastRun) {
      const fit = fitBucket(this.fastRun, run);
      if (fit) {
        this.burst = fit.burst;
        return fit.rate * RATE_SAFETY;
      }
    }
    if (this.burst !== undefined) {
      const rate = rateFor(run, this.burst);
      return rate > 0 ? rate * RATE_SAFETY : this.current / 2;
    }
    // The burst is unknown (a lane that started at a configured rate). After a long run the limit is just under
    // where the lane was. After a short one, halve, but not below what got through since the previous 429 (the
    // bucket held at most what refilled meanwhile, plus the one token a refused send may leave).
    if (run.endMs - run.sends[0]! >= SHORT_RUN_MS) return this.current * RATE_SAFETY;
    const sinceEmptyMs = run.emptyAtMs === undefined ? 0 : run.endMs - run.emptyAtMs;
    const floor = sinceEmptyMs > 0 ? ((run.sends.length - 1) * 1000) / sinceEmptyMs : 0;
    return Math.max(floor, this.current / 2);
  }

  /** First 429 of an unpaced lane: what got through is about the burst; ramp up from a burst per second. */
  private learnBurst(run: Run): void {
    this.fastRun = run;
    this.burst = run.sends.length;
    const runMs = run.endMs - run.sends[0]!;
    const unpacedRate = runMs > 0 ? (run.sends.length * 1000) / runMs : Number.POSITIVE_INFINITY;
    this.rampCap = Math.min(this.ceiling, RAMP_LIMIT, unpacedRate * RAMP_OVER_UNPACED);
    this.current = this.clamp(Math.min(this.burst, unpacedRate / RAMP_OVER_UNPACED));
    this.mode = 'ramp';
  }

  /**
   * A 429 at about the rate of the previous one says the limit has not moved: probe half as often (fewer 429s
   * spent confirming it). Elsewhere, probe at the normal pace again.
   */
  private slowProbing(): void {
    const at = this.mode === 'unpaced' ? undefined : this.current;
    const same =
      at !== undefined && this.limitedRate !== undefined && Math.abs(at / this.limitedRate - 1) <= SAME_LEVEL;
    this.probePeriodMs = same ? Math.min(MAX_PROBE_PERIOD_MS, this.probePeriodMs * 2) : PROBE_PERIOD_MS;
    this.limitedRate = at;
  }

  private rampUp(): void {
    const perDoubling = Math.max(RAMP_MIN_SENDS, (this.current * RAMP_DOUBLING_MS) / 1000);
    this.current = Math.min(this.rampCap, this.current * 2 ** (1 / perDoubling));
    if (this.current >= this.rampCap) this.mode = 'steady';
  }

  /** Raises the rate a little per minute of back-to-back sending without a 429 (idle time proves nothing). */
  private probe(gapMs: number): void {
    if (this.current >= this.ceiling) return;
    if (gapMs > (2 * 1000) / this.current + 250) return;
    const recoverTo = Math.max(this.start ?? 0, this.recoverTo);
    const recovering = this.current < recoverTo;
    // Slowed probing (the limit was met at the same rate again) slows recovery alike.
    const periodMs = recovering ? (RECOVERY_PERIOD_MS * this.probePeriodMs) / PROBE_PERIOD_MS : this.probePeriodMs;
    if (!this.limitedOnce) {
      this.current = Math.min(this.ceiling, this.current * 2 ** (gapMs / SLOW_START_DOUBLING_MS));
      return;
    }
    this.busyMs += gapMs;
    if (this.busyMs < periodMs) return;
    this.busyMs -= periodMs;
    if (recovering) {
      this.current = Math.min(recoverTo, this.current * (1 + RECOVERY_STEP));
      return;
    }
    const step = this.limitedOnce ? PROBE_STEP_LIMITED : PROBE_STEP_FRESH;
    this.current = Math.min(this.ceiling, this.current * (1 + step));
  }

  private clamp(rate: number): number {
    return Math.min(this.ceiling, RAMP_LIMIT, Math.max(MIN_RATE, rate));
  }
}
