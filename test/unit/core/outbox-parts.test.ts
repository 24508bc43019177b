import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS, toDeliveryError } from '#core/outbox/retry.ts';
import { sleep } from '#core/outbox/sleep.ts';
import { TokenBucket } from '#core/outbox/token-bucket.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';

describe('TokenBucket', () => {
  it('spaces messages 1/rate apart once the burst is spent', () => {
    const bucket = new TokenBucket(4); // 4 per second, burst 1
    let now = 1_000;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const wait = bucket.reserve(now);
      waits.push(wait);
      now += wait; // the caller waits, then sends
    }
    expect(waits).toEqual([0, 250, 250, 250, 250]);
  });

  it('lets a burst through at once, then refills over time', () => {
    const bucket = new TokenBucket(2, 3);
    expect([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)]).toEqual([0, 0, 0]);
    expect(bucket.reserve(0)).toBe(500);
    expect(bucket.reserve(10_000)).toBe(0); // long idle: full again (never more than the burst)
    expect(bucket.reserve(10_000)).toBe(0);
    expect(bucket.reserve(10_000)).toBe(0);
    expect(bucket.reserve(10_000)).toBe(500);
  });

  it('is a pure pause without a rate', () => {
    const bucket = new TokenBucket(undefined);
    expect(bucket.reserve(0)).toBe(0);
    bucket.pauseUntil(30_000);
    expect(bucket.reserve(1_000)).toBe(29_000);
    expect(bucket.reserve(30_000)).toBe(0);
  });

  it('holds every token until a pause ends, then goes on at the rate', () => {
    const bucket = new TokenBucket(1);
    expect(bucket.reserve(0)).toBe(0);
    bucket.pauseUntil(5_000);
    bucket.pauseUntil(2_000); // an earlier end never shortens the pause
    expect(bucket.reserve(1_000)).toBe(4_000);
    expect(bucket.reserve(5_000)).toBe(1_000);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow();
    expect(() => new TokenBucket(-1)).toThrow();
    expect(() => new TokenBucket(1, 0)).toThrow();
  });
});

describe('backoffMs', () => {
  it('doubles from 5 s with jitter between half and all of it, capped at 10 minutes', () => {
    expect(backoffMs(1, () => 0)).toBe(2_500);
    expect(backoffMs(1, () => 0.999_999)).toBe(5_000);
    expect(backoffMs(2, () => 0.5)).toBe(7_500);
    expect(backoffMs(3, () => 0)).toBe(10_000);
    expect(backoffMs(20, () => 0.999_999)).toBe(600_000);
  });

  it('spans roughly ten minutes over the whole retry budget', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) total += backoffMs(attempt, () => 0.999_999);
    expect(total).toBeGreaterThan(8 * 60_000);
    expect(total).toBeLessThan(20 * 60_000);
  });
});

describe('toDeliveryError', () => {
  it('keeps a DeliveryError and calls anything else transient', () => {
    const limited = new DeliveryError('rate_limited', '429', 1_000);
    expect(toDeliveryError(limited)).toBe(limited);
    expect(toDeliveryError(new TypeError('fetch failed'))).toMatchObject({
      kind: 'transient',
      code: 'TypeError: fetch failed',
    });
    expect(toDeliveryError('weird')).toMatchObject({ kind: 'transient', code: 'weird' });
  });
});

describe('sleep', () => {
  it('ends early when its signal aborts, and at once for no wait', async () => {
    const controller = new AbortController();
    const waits: number[] = [];
    const never = (ms: number) => {
      waits.push(ms);
      return new Promise<void>(() => {});
    };
    const sleeping = sleep(60_000, controller.signal, never);
    controller.abort();
    await sleeping;
    expect(waits).toEqual([60_000]);
    await sleep(0, new AbortController().signal, never);
    expect(waits).toEqual([60_000]);
  });

  it('with no duration, waits for the signal only', async () => {
    const controller = new AbortController();
    let done = false;
    const sleeping = sleep(undefined, controller.signal).then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(done).toBe(false);
    controller.abort();
    await sleeping;
    expect(done).toBe(true);
  });
});
