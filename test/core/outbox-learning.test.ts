/**
 * The drainer learning a rate the platform does not announce (Slack: a 429 with Retry-After, nothing else), through
 * the real lanes on SQLite and a fake clock: each send takes half a (fake) millisecond, and a hidden
 * token bucket on the platform's side answers 429s with Retry-After in whole seconds.
 */
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { TEST_DIALECT } from '../support/databases.ts';
import { HiddenLimit } from '../support/hidden-limit.ts';
import { harness, WORKSPACE } from './outbox-harness.ts';

const hello = { text: 'hello' };

/** A harness whose Slack enforces `limit` on the fake clock. */
async function limitedSlack(limit: HiddenLimit, options: Parameters<typeof harness>[0] = {}) {
  const h = await harness(options);
  let retryAfterMs = 0;
  const sentAt: number[] = [];
  const pauses: { from: number; until: number }[] = [];
  h.slack.beforeSend = () => h.clock.advance(0.5);
  h.slack.failWhen(
    () => {
      const now = h.clock.now().getTime();
      const refused = limit.take(now);
      if (refused === undefined) {
        sentAt.push(now);
        return false;
      }
      retryAfterMs = refused;
      pauses.push({ from: now, until: now + refused });
      return true;
    },
    () => new DeliveryError('rate_limited', 'ratelimited', retryAfterMs),
  );
  /** Enqueues `count` DMs and drains them all; resolves with the fake time it took. */
  const fanOut = async (round: string, count: number) => {
    await h.queue((notify) => {
      for (let i = 0; i < count; i++) notify.dm(WORKSPACE, `U${i}`, hello, { key: `${round}:${i}` });
    }, 'bulk');
    const from = h.clock.now().getTime();
    await h.drainer.drainOnce();
    return h.clock.now().getTime() - from;
  };
  return { ...h, fanOut, sentAt, pauses };
}

// What is learnt depends on the lanes and the fake clock, not on the database; thousands of sends through
// PostgreSQL would only make the run slow (its claims and retries are covered by outbox.test.ts and
// outbox-loop.test.ts), so this runs on SQLite only.
describe.skipIf(TEST_DIALECT === 'postgres')('OutboxDrainer learning an unannounced rate limit', () => {
  it('meets at most two 429s in a first fan-out, then none in a second one at the learned rate', async () => {
    const limit = new HiddenLimit(200, 20);
    const { fanOut, drainer, repos } = await limitedSlack(limit);
    expect(drainer.sendRate('slack')).toBeUndefined();
    await fanOut('round-1', 2_000);
    expect(limit.refused).toBeLessThanOrEqual(2);
    const learned = drainer.sendRate('slack')!;
    expect(learned).toBeLessThan(200);
    expect(learned).toBeGreaterThan(170);

    const second = await fanOut('round-2', 2_000);
    expect(limit.refused).toBeLessThanOrEqual(2);
    // Fake time: 2,000 messages at the learned rate, within 1.10× of 2,000 ÷ 200/s.
    expect(second).toBeLessThanOrEqual(1.1 * 10_000);
    expect(await repos.outbox.counts(WORKSPACE)).toEqual({ pending: 0, sending: 0, sent: 4_000, failed: 0 });
    // 4,000 sends through SQLite: ~10 s idle, over 20 s on a busy 2-core machine (fake time is not the issue).
  }, 90_000);

  it('sends nothing while a Retry-After runs, and sends each message once', async () => {
    const { fanOut, slack, sentAt, pauses } = await limitedSlack(new HiddenLimit(50, 10));
    await fanOut('round-1', 500);
    expect(pauses.length).toBeGreaterThan(0);
    for (const pause of pauses) expect(sentAt.filter((at) => at > pause.from && at < pause.until)).toEqual([]);
    expect(new Set(slack.sent.map((call) => call.to[0])).size).toBe(500);
    expect(slack.sent).toHaveLength(500);
  });

  it('starts at the configured rate and probes up to the configured maximum, never past it', async () => {
    const { fanOut, drainer } = await limitedSlack(new HiddenLimit(1_000, 1_000), {
      rates: { slack: 1 },
      maxRates: { slack: 1.05 },
    });
    await fanOut('round-1', 1);
    expect(drainer.sendRate('slack')).toBe(1);
    await fanOut('round-2', 80); // over a minute of back-to-back sending
    expect(drainer.sendRate('slack')).toBe(1.05);
    await fanOut('round-3', 200);
    expect(drainer.sendRate('slack')).toBe(1.05);
  });
});
