import { describe, expect, it } from 'vitest';
import { burstFor, fitBucket, rateFor } from '#core/outbox/rate-fit.ts';
import { RATE_SAFETY, RateLearner } from '#core/outbox/rate-learner.ts';
import { TokenBucket } from '#core/outbox/token-bucket.ts';
import { HiddenLimit } from '../../support/hidden-limit.ts';

/** A lane in pure arithmetic: the learner paces a bucket, a hidden limit answers; time is a number moved by hand. */
class SimulatedLane {
  readonly bucket: TokenBucket;
  nowMs = 0;
  limited = 0;
  sent = 0;
  /** When each send went through, and when each 429 came with the pause it asked for. */
  readonly sentAt: number[] = [];
  readonly pauses: { at: number; until: number }[] = [];

  constructor(
    readonly learner: RateLearner,
    readonly platform: HiddenLimit,
    readonly latencyMs = 0.5,
  ) {
    this.bucket = new TokenBucket(learner.rate, 1, 2);
  }

  /** Sends `count` messages (429s are waited out and retried, as the lane does). */
  send(count: number): this {
    for (let done = 0; done < count; ) {
      this.bucket.setRate(this.learner.rate);
      this.nowMs += this.bucket.reserve(this.nowMs);
      const exactMs = this.nowMs;
      // The lane reads a millisecond clock.
      const at = Math.floor(exactMs);
      this.nowMs += this.latencyMs;
      const retryAfterMs = this.platform.take(at);
      if (retryAfterMs === undefined) {
        this.learner.sent(at);
        this.sentAt.push(exactMs);
        this.sent++;
        done++;
        continue;
      }
      this.limited++;
      this.learner.limited(at);
      this.bucket.pauseUntil(this.nowMs + retryAfterMs);
      this.pauses.push({ at: this.nowMs, until: this.nowMs + retryAfterMs });
    }
    return this;
  }

  /** Nothing to send for a while. */
  idle(ms: number): this {
    this.nowMs += ms;
    return this;
  }
}

/** A run of `count` sends `gapMs` apart from `fromMs`, cut by a 429 one gap after the last. */
function evenRun(fromMs: number, count: number, gapMs: number) {
  const sends = Array.from({ length: count }, (_, i) => fromMs + i * gapMs);
  return { sends, endMs: fromMs + count * gapMs };
}

describe('rate-fit', () => {
  it('reads the rate of a run once the burst is known, and the burst once the rate is', () => {
    // A bucket of 20 refilling 200/s, paced at 400/s: 20 + 200·t = 400·t → dry after 100 ms, 40 sends.
    const run = evenRun(1_000, 40, 2.5);
    expect(rateFor(run, 20)).toBeCloseTo(200, 0);
    expect(burstFor(run, 200)).toBeCloseTo(20, 0);
  });

  it('fits both from an unpaced burst and a slower run', () => {
    // A bucket of 20 refilling 200/s: unpaced (0.5 ms a send) it lets 22 through in 11 ms; at 400/s, 40 in 100 ms.
    const fast = evenRun(0, 22, 0.5);
    const slow = evenRun(2_000, 40, 2.5);
    const fit = fitBucket(fast, slow);
    expect(fit?.rate).toBeCloseTo(200, -1);
    expect(fit?.burst).toBeCloseTo(20, 0);
  });

  it('reads a run after a 429 as refilled from empty when the pause was too short to fill the bucket', () => {
    // 1/s with a burst of 10: one second after the 429 only one token is back.
    const run = { sends: [1_500], endMs: 1_600, emptyAtMs: 500 };
    expect(rateFor(run, 10)).toBeCloseTo(1 / 1.1, 2);
  });

  it('gives up on runs that cannot tell', () => {
    expect(fitBucket(evenRun(0, 10, 1), evenRun(100, 5, 1))).toBeUndefined();
  });
});

describe('RateLearner against a platform that does not announce its limit', () => {
  it('starts unpaced, then converges under the hidden limit after two 429s, and the 429s stop', () => {
    const lane = new SimulatedLane(new RateLearner(), new HiddenLimit(200, 20));
    expect(lane.learner.rate).toBeUndefined();
    lane.send(2_000);
    expect(lane.limited).toBe(2);
    const learned = lane.learner.rate!;
    expect(learned).toBeLessThan(200);
    expect(learned).toBeGreaterThan(200 * RATE_SAFETY * 0.95);
    lane.send(10_000);
    expect(lane.limited).toBe(2);
  });

  it('finds the limit of a slow platform whose burst outlasts its Retry-After', () => {
    const lane = new SimulatedLane(new RateLearner(), new HiddenLimit(1, 10), 50);
    lane.send(60);
    const learned = lane.learner.rate!;
    expect(learned).toBeLessThan(1);
    expect(learned).toBeGreaterThan(0.6);
    const limited = lane.limited;
    lane.send(200);
    expect(lane.limited).toBe(limited);
  });

  it('comes down from a configured rate above the limit, without knowing the burst, and meets it rarely after', () => {
    const lane = new SimulatedLane(new RateLearner({ start: 50 }), new HiddenLimit(10, 5), 20);
    lane.send(3_000);
    expect(lane.learner.rate!).toBeLessThan(12);
    const { limited, nowMs } = lane;
    lane.send(20_000);
    // It keeps probing back towards the configured rate, but each 429 at the same level slows that down.
    expect(lane.limited - limited).toBeLessThanOrEqual(20);
    const perSecond = 20_000 / ((lane.nowMs - nowMs) / 1000);
    expect(perSecond).toBeGreaterThan(10 * 0.85);
  });

  it('climbs back to the configured rate within minutes after a lone 429', () => {
    const learner = new RateLearner({ start: 5 });
    let at = 0;
    const sendFor = (ms: number) => {
      for (const end = at + ms; at < end; at += 1000 / learner.rate!) learner.sent(at);
    };
    sendFor(2_000);
    learner.limited(at);
    expect(learner.rate!).toBeLessThan(3);
    at += 1_000;
    sendFor(120_000);
    expect(learner.rate).toBe(5);
  });

  it('honours every Retry-After: nothing goes out during a pause', () => {
    const lane = new SimulatedLane(new RateLearner(), new HiddenLimit(50, 10));
    lane.send(1_000);
    expect(lane.pauses.length).toBeGreaterThan(0);
    for (const pause of lane.pauses) {
      expect(lane.sentAt.filter((at) => at >= pause.at && at < pause.until)).toEqual([]);
    }
  });
});

describe('RateLearner probing and ceiling', () => {
  it('before its first 429, doubles every 0.75 s of back-to-back sending up to the ceiling (slow start)', () => {
    const learner = new RateLearner({ start: 10, max: 100 });
    const lane = new SimulatedLane(learner, new HiddenLimit(1_000, 100));
    lane.send(8); // about 0.75 s at 10/s
    expect(learner.rate!).toBeGreaterThan(15);
    expect(learner.rate!).toBeLessThan(25);
    lane.send(200);
    expect(learner.rate).toBe(100);
    expect(lane.limited).toBe(0);
  });

  it('counts no idle time in slow start', () => {
    const learner = new RateLearner({ start: 10, max: 100 });
    const lane = new SimulatedLane(learner, new HiddenLimit(1_000, 100));
    lane.send(1);
    lane.idle(3_600_000).send(1);
    expect(learner.rate).toBe(10);
  });

  it('probes by 2 % once a 429 was seen, and half as often each time the limit is met at the same rate', () => {
    const learner = new RateLearner({ start: 10, max: 100 });
    const lane = new SimulatedLane(learner, new HiddenLimit(10.4, 5), 1);
    lane.send(60 * 60 * 10); // about an hour at the limit
    const early = lane.limited;
    lane.send(60 * 60 * 10);
    // Each 429 at the same level doubles the probing period: the second hour meets fewer.
    expect(lane.limited - early).toBeLessThan(early);
    expect(learner.rate!).toBeLessThan(10.4);
    expect(learner.rate!).toBeGreaterThan(10.4 * 0.85);
  });

  it('never goes above the ceiling, however long the platform accepts everything', () => {
    const learner = new RateLearner({ start: 1, max: 2 });
    const lane = new SimulatedLane(learner, new HiddenLimit(1_000, 1_000));
    lane.send(20_000);
    expect(learner.rate).toBe(2);
    expect(lane.limited).toBe(0);
  });

  it('keeps the configured rate as the ceiling when no maximum is given', () => {
    const learner = new RateLearner({ start: 5 });
    new SimulatedLane(learner, new HiddenLimit(1_000, 1_000)).send(5_000);
    expect(learner.rate).toBe(5);
  });

  it('starts at the ceiling when only a ceiling is given, and learns below it', () => {
    const learner = new RateLearner({ max: 30 });
    expect(learner.rate).toBe(30);
    const lane = new SimulatedLane(learner, new HiddenLimit(20, 5), 5);
    lane.send(2_000);
    expect(learner.rate!).toBeLessThan(20);
    expect(learner.rate!).toBeGreaterThan(10);
  });

  it('learns nothing from a 429 that came before anything got through', () => {
    const learner = new RateLearner();
    learner.limited(1_000);
    expect(learner.rate).toBeUndefined();
    const paced = new RateLearner({ start: 4 });
    paced.limited(1_000);
    expect(paced.rate).toBe(4);
  });
});
