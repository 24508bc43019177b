import { describe, expect, it } from 'vitest';
import { TokenBucket } from '#core/outbox/token-bucket.ts';

/** Books `count` sends, send i made `lateMs(i)` after the time the bucket said; returns when each went out. */
function sendLate(bucket: TokenBucket, count: number, lateMs: (i: number) => number): number[] {
  const sentAt: number[] = [];
  let now = 0;
  for (let i = 0; i < count; i++) {
    now += bucket.reserve(now);
    now += lateMs(i); // the timer fired late
    sentAt.push(now);
  }
  return sentAt;
}

/** Every fifth timer fires 15 ms late: past the next send's slot at 100/s (10 ms apart). */
const everyFifth = (i: number) => (i % 5 === 4 ? 15 : 0);

describe('TokenBucket catch-up', () => {
  it('makes up for late timers, so a long run keeps to its rate', () => {
    const caughtUp = sendLate(new TokenBucket(100, 1, 2), 1_002, everyFifth);
    const plain = sendLate(new TokenBucket(100, 1, 0), 1_002, everyFifth);
    // 1,001 gaps of 10 ms; without catch-up each of the 200 late timers loses the 5 ms it ran past the next slot.
    expect(caughtUp.at(-1)).toBe(10_010);
    expect(plain.at(-1)).toBe(10_010 + 200 * 5);
  });

  it('never gets ahead of the rate by more than the catch-up: k sends span at least (k − 2) intervals', () => {
    const sentAt = sendLate(new TokenBucket(100, 1, 2), 1_001, everyFifth);
    for (let k = 1; k <= 10; k++) {
      for (let i = k; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - k]!).toBeGreaterThanOrEqual((k - 2) * 10);
    }
  });

  it('does not count idle time as lateness: after a pause in traffic, sends are spaced again', () => {
    const bucket = new TokenBucket(100, 1, 2);
    expect(bucket.reserve(0)).toBe(0);
    expect(bucket.reserve(5_000)).toBe(0);
    expect(bucket.reserve(5_000)).toBe(10);
  });

  it('caps the catch-up at 50 ms, so a slow lane never sends two at once', () => {
    const bucket = new TokenBucket(1, 1, 2);
    expect(bucket.reserve(0)).toBe(0);
    // 300 ms late for the slot at 1 s: more than 50 ms, so the schedule starts again from there.
    expect(bucket.reserve(1_300)).toBe(0);
    expect(bucket.reserve(1_300)).toBe(1_000);
  });

  it('starts the schedule again after a 429 pause: the pause is not made up', () => {
    const bucket = new TokenBucket(100, 1, 2);
    bucket.reserve(0);
    bucket.reserve(0);
    bucket.pauseUntil(1_000);
    expect(bucket.reserve(10)).toBe(990);
    expect(bucket.reserve(1_000)).toBe(10);
  });
});

describe('TokenBucket rate changes', () => {
  it('paces at a new rate from the next booking, and unpaced with none', () => {
    const bucket = new TokenBucket(undefined, 1, 2);
    expect(bucket.reserve(0)).toBe(0);
    expect(bucket.reserve(0)).toBe(0);
    bucket.setRate(10);
    expect(bucket.reserve(0)).toBe(0);
    expect(bucket.reserve(0)).toBe(100);
    bucket.setRate(2);
    expect(bucket.reserve(100)).toBe(100); // the slot booked at 10/s stands
    expect(bucket.reserve(200)).toBe(500);
    expect(() => bucket.setRate(0)).toThrow();
    expect(() => bucket.setRate(Number.POSITIVE_INFINITY)).toThrow();
  });
});
