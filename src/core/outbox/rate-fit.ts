/**
 * Reading a platform's hidden token bucket (it lets `burst` messages through at once and refills `rate` per second)
 * off what a lane saw: the times of the sends it got through, and the time of the 429 that ended them. A bucket
 * that was full when such a run began holds, at the 429 (time T), min over t of [burst + rate·(T − t) − k(t)]
 * tokens, where k(t) counts the sends that got through from t on; the 429 says that is zero. So one 429 ties the
 * burst to the rate, and two runs sent at different speeds pin both down. A run that began after a 429 began with
 * only what refilled since (rate × pause, if less than the burst). Pure functions: times come in as numbers.
 */

/** Sends that got through (ms, ascending) until a 429 at `endMs`. */
export interface Run {
  readonly sends: readonly number[];
  readonly endMs: number;
  /** The 429 before the run, when the bucket was empty; undefined: it was full when the run began. */
  readonly emptyAtMs?: number;
}

/** A platform bucket as fitted: messages at once, and messages per second. */
export interface BucketFit {
  readonly burst: number;
  readonly rate: number;
}

/** Iterations of the joint fit; it converges in a handful when the runs were sent at different speeds. */
const MAX_ITERATIONS = 50;
const CONVERGED = 1e-4;

/**
 * The rate (per second) at which a bucket of `burst` ran dry exactly at the run's 429: the largest
 * (k(t) − burst) ÷ (T − t). Zero or less: the burst alone explains the run (no rate can be read from it).
 */
export function rateFor(run: Run, burst: number): number {
  const { sends, endMs } = run;
  let best = fromStart(run, burst);
  for (let j = 1; j < sends.length; j++) {
    const windowMs = endMs - sends[j]!;
    // Sends in the 429's own millisecond say nothing about a rate (and the rest, ascending, are there too).
    if (windowMs <= 0) break;
    best = Math.max(best, ((sends.length - j - burst) * 1000) / windowMs);
  }
  return best;
}

/**
 * The run as a whole: the bucket held min(burst, rate × pause) at its first send (all of the burst when no 429 came
 * before) and ran dry at its 429 after refilling rate × (T − first send).
 */
function fromStart(run: Run, burst: number): number {
  const { sends, endMs, emptyAtMs } = run;
  const first = sends[0];
  if (first === undefined || endMs <= first) return Number.NEGATIVE_INFINITY;
  if (emptyAtMs !== undefined) {
    // Refilled from empty over the pause and the run: the rate since the last 429, if that stays under the burst.
    const sinceEmpty = (sends.length * 1000) / (endMs - emptyAtMs);
    if ((sinceEmpty * (first - emptyAtMs)) / 1000 <= burst) return sinceEmpty;
  }
  return ((sends.length - burst) * 1000) / (endMs - first);
}

/** The burst a bucket refilling at `rate` must have had to run dry exactly at the run's 429. */
export function burstFor(run: Run, rate: number): number {
  const { sends, endMs } = run;
  let best = 0;
  for (let j = 0; j < sends.length; j++) {
    best = Math.max(best, sends.length - j - (rate * Math.max(0, endMs - sends[j]!)) / 1000);
  }
  return best;
}

/**
 * The bucket that explains both runs: `fast` went out unpaced (mostly the burst: it pins the burst) and `slow` was
 * paced over a longer time (it pins the rate). Alternates the two readings from rate 0 upward; each step raises
 * the rate towards the only bucket consistent with both. Undefined when the runs cannot tell (too alike, or the
 * slow one got fewer sends through than the burst).
 */
export function fitBucket(fast: Run, slow: Run): BucketFit | undefined {
  let rate = 0;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const burst = burstFor(fast, rate);
    const next = rateFor(slow, burst);
    if (!(next > 0 && Number.isFinite(next))) return undefined;
    if (Math.abs(next - rate) <= CONVERGED * next) return { burst: burstFor(fast, next), rate: next };
    rate = next;
  }
  return undefined;
}
