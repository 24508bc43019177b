/**
 * Issue 17 through the real lanes and a fake clock: slow start from the configured rate, the learned rate stored
 * and used after a restart, interactive messages ahead of a round's backlog, and card edits coalesced.
 */
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { TEST_DIALECT } from '../support/databases.ts';
import { HiddenLimit } from '../support/hidden-limit.ts';
import { harness, LOFT, WORKSPACE } from './outbox-harness.ts';

type Options = Parameters<typeof harness>[0];

/** A harness whose Slack enforces `limit` on the fake clock (each send costs 2 fake ms). */
async function limitedSlack(limit: HiddenLimit, options: Options = {}) {
  const h = await harness({ rates: { slack: 2 }, maxRates: { slack: 50 }, ...options });
  let retryAfterMs = 0;
  h.slack.beforeSend = () => h.clock.advance(2);
  h.slack.failWhen(
    () => {
      const refused = limit.take(h.clock.now().getTime());
      if (refused === undefined) return false;
      retryAfterMs = refused;
      return true;
    },
    () => new DeliveryError('rate_limited', 'ratelimited', retryAfterMs),
  );
  const fanOut = async (round: string, count: number) => {
    await h.queue((notify) => {
      for (let i = 0; i < count; i++) notify.dm(WORKSPACE, `U${i}`, { text: round }, { key: `${round}:${i}` });
    }, 'bulk');
    const from = h.clock.now().getTime();
    await h.drainAll();
    return h.clock.now().getTime() - from;
  };
  return { ...h, fanOut };
}

// Thousands of paced sends: what is learnt depends on the lane and the clock, not the database (SQLite only);
// the stored rate and the coalescing below run on both.
describe.skipIf(TEST_DIALECT === 'postgres')('slow start', () => {
  it('climbs from 2/s to a 20/s limit within seconds: 1,000 DMs within 1.15× the floor, few 429s', async () => {
    const limit = new HiddenLimit(20, 20);
    const { fanOut, drainer } = await limitedSlack(limit);
    const elapsed = await fanOut('round', 1_000);
    expect(elapsed).toBeLessThanOrEqual(1.15 * 50_000);
    expect(limit.refused).toBeLessThanOrEqual(10);
    expect(drainer.sendRate('slack')).toBeGreaterThan(15);
  });
});

describe('the learned rate', () => {
  it('is stored, and a restarted drainer starts from it: no slow start, no 429', async () => {
    const limit = new HiddenLimit(5, 5);
    const first = await limitedSlack(limit);
    await first.fanOut('round-1', 60);
    await first.drainer.stop();
    const stored = await first.repos.sendRates.get('slack');
    expect(stored!.rate).toBeGreaterThan(3.5);
    expect(stored!.rate).toBeLessThan(6);

    // A new process on the same database, an hour later (the platform's bucket is full again).
    first.clock.advance(3_600_000);
    const second = await limitedSlack(limit, { storage: first.storage });
    second.clock.set(first.clock.now());
    const refused = limit.refused;
    await second.fanOut('round-2-first', 1);
    // From its first message on it paces at the stored rate (a fresh lane would start at 2/s).
    expect(second.drainer.sendRate('slack')).toBeCloseTo(stored!.rate, 5);
    await second.fanOut('round-2', 60);
    expect(second.drainer.sendRate('slack')).toBeGreaterThan(3.5);
    expect(limit.refused - refused).toBeLessThanOrEqual(1);
  });

  it('takes a lower rate another process stored since (its 429 slows everyone)', async () => {
    const h = await harness({ rates: { slack: 10 } });
    await h.notify.dm(WORKSPACE, 'U1', { text: 'one' });
    await h.drainer.drainOnce();
    expect(h.drainer.sendRate('slack')).toBe(10);
    await h.repos.sendRates.save('slack', 3, h.clock.now());
    await h.notify.dm(WORKSPACE, 'U2', { text: 'two' });
    await h.drainer.drainOnce();
    expect(h.drainer.sendRate('slack')).toBe(3);
  });
});

describe('interactive before bulk', () => {
  it("sends a member's /match DMs ahead of a round's backlog", async () => {
    const h = await harness({ rates: { slack: 5 } });
    await h.queue((notify) => {
      for (let i = 0; i < 50; i++) notify.dm(WORKSPACE, `U${i}`, { text: `round:${i}` }, { key: `round:${i}` });
    }, 'bulk');
    let queued = false;
    h.slack.beforeSend = async () => {
      if (queued || h.slack.sent.length < 10) return;
      queued = true;
      await h.queue((notify) => {
        for (let i = 0; i < 3; i++) notify.dm(WORKSPACE, `M${i}`, { text: `match:${i}` });
      }, 'interactive');
    };
    await h.drainer.drainOnce();
    const order = h.slack.sent.map((call) => call.reply.text);
    const matchAt = order.map((text, i) => (text?.startsWith('match:') ? i : -1)).filter((i) => i >= 0);
    // Queued while the 11th round DM was being sent: the three go right after it.
    expect(matchAt).toEqual([11, 12, 13]);
    expect(order).toHaveLength(53);
  });
});

describe('card edits', () => {
  it('ten RSVP clicks in a second make at most two edits of the card, the last showing the latest count', async () => {
    const h = await harness();
    await h.notify.post(LOFT, 'C1', { text: '0 going' }, { ref: 'meetup-card:7' });
    await h.drainer.drainOnce();
    await h.notify.update(LOFT, 'meetup-card:7', { text: '1 going' });
    // Nine more clicks while the first edit is on its way.
    let clicks = 1;
    h.discord.beforeSend = async (call) => {
      if (call.kind !== 'update' || clicks > 1) return;
      while (clicks < 10) {
        clicks++;
        await h.notify.update(LOFT, 'meetup-card:7', { text: `${clicks} going` });
      }
    };
    await h.drainAll();
    const edits = h.discord.sent.filter((call) => call.kind === 'update');
    expect(edits.map((call) => call.reply.text)).toEqual(['1 going', '10 going']);
  });

  it('ten edits queued before any is sent make one edit', async () => {
    const h = await harness();
    await h.notify.post(LOFT, 'C1', { text: '0 going' }, { ref: 'meetup-card:8' });
    await h.drainer.drainOnce();
    for (let i = 1; i <= 10; i++) await h.notify.update(LOFT, 'meetup-card:8', { text: `${i} going` });
    await h.drainAll();
    const edits = h.discord.sent.filter((call) => call.kind === 'update');
    expect(edits.map((call) => call.reply.text)).toEqual(['10 going']);
  });
});
