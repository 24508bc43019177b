/**
 * Issue 14's lanes through the real drainer and a fake clock: one lane per Slack workspace (a 429 in one never
 * slows another; the learned rate stored per workspace and shared by drainers on one database), lanes made as
 * messages fall due and dropped when idle, and communities taking turns inside one Discord bot's lane.
 */
import { describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import { LANE_IDLE_MS } from '#core/outbox/platform-lanes.ts';
import { type ChatPlatform, DeliveryError } from '#core/ports/chat-platform.ts';
import type { Platform } from '#core/ids.ts';
import { RecordingPlatform } from '../support/recording-platform.ts';
import { A, B, harness, LOFT, STUDIO, sentIn, WorkspaceLanes } from './outbox-harness.ts';

/** A harness whose Slack has a lane per workspace; `wait` as given (default: moves the fake clock). */
async function workspaces(options: Parameters<typeof harness>[0] = {}) {
  const slack = new WorkspaceLanes('slack');
  const discord = new RecordingPlatform('discord');
  const platforms = new Map<Platform, ChatPlatform>([
    ['slack', slack],
    ['discord', discord],
  ]);
  const h = await harness({ rates: { slack: 5, discord: 50 }, platforms, ...options });
  const fanOut = (community: CommunityId, round: string, count: number, priority: 'bulk' | 'interactive' = 'bulk') =>
    h.queue((notify) => {
      for (let i = 0; i < count; i++)
        notify.dm(community, `U${i}`, { text: `${round}:${i}` }, { key: `${round}:${i}` });
    }, priority);
  return { ...h, slack, discord, fanOut };
}

/** The `n`th call to `community` (and only it) meets a 429 asking to wait `retryAfterMs`. */
function limitAt(platform: RecordingPlatform, community: CommunityId, n: number, retryAfterMs: number): void {
  let calls = 0;
  platform.failWhen(
    (call) => call.community === community && ++calls === n,
    new DeliveryError('rate_limited', 'ratelimited', retryAfterMs),
    1,
  );
}

describe('lanes per Slack workspace', () => {
  it("a 429 in workspace A pauses A only: B's messages go out meanwhile, at B's own rate", async () => {
    // Waits of a second or less move the fake clock; A's 60 s Retry-After is held until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = await workspaces({
      wait: async (ms) => {
        if (ms >= 30_000) await held;
        h.clock.advance(ms);
      },
    });
    limitAt(h.slack, A, 3, 60_000);
    await h.fanOut(A, 'a', 5);
    await h.fanOut(B, 'b', 5);
    const draining = h.drainer.drainOnce();
    await h.slack.calls.waitForCount((call) => call.community === B && !call.error, 5);
    // A met its 429 and waits it out; B did not wait for it.
    expect(sentIn(h.slack, A)).toBe(2);
    expect(h.elapsed()).toBeLessThan(60_000);
    expect(h.drainer.sendRate(B)).toBe(5);
    expect(h.drainer.sendRate(A)).toBeLessThan(5);
    release();
    await draining;
    expect(sentIn(h.slack, A)).toBe(5);
    expect(h.drainer.laneKeys().sort()).toEqual([A, B]);
  });

  it('stores the learned rate per workspace, and a second drainer on the database starts from it', async () => {
    const first = await workspaces({ rates: { slack: 10 } });
    limitAt(first.slack, A, 6, 1_000);
    await first.fanOut(A, 'a', 20);
    await first.fanOut(B, 'b', 20);
    await first.drainAll();
    const storedA = await first.repos.sendRates.get(A);
    expect(storedA!.rate).toBeLessThan(10);
    // B met no 429: nothing learned, nothing stored; no platform-wide row either.
    expect(await first.repos.sendRates.get(B)).toBeUndefined();
    expect(await first.repos.sendRates.get('slack')).toBeUndefined();

    // Another process on the same database.
    const second = await workspaces({ rates: { slack: 10 }, storage: first.storage });
    second.clock.set(first.clock.now());
    await second.fanOut(A, 'a2', 1);
    await second.fanOut(B, 'b2', 1);
    await second.drainAll();
    expect(second.drainer.sendRate(A)).toBeCloseTo(storedA!.rate, 5);
    expect(second.drainer.sendRate(B)).toBe(10);
  });

  it('after upgrading, a workspace without a rate of its own starts from the rate stored for all of Slack', async () => {
    const h = await workspaces({ rates: { slack: 10 } });
    // What the one Slack lane stored before lanes were per workspace.
    await h.repos.sendRates.save('slack', 3, h.clock.now());
    await h.repos.sendRates.save(B, 7, h.clock.now());
    await h.fanOut(A, 'a', 1);
    await h.fanOut(B, 'b', 1);
    await h.drainAll();
    expect(h.drainer.sendRate(A)).toBeCloseTo(3, 5);
    expect(h.drainer.sendRate(B)).toBeCloseTo(7, 5);
  });

  it('a long pass takes up the lower rate another process stored for its workspace, within seconds', async () => {
    const h = await workspaces({ rates: { slack: 10 } });
    await h.fanOut(A, 'a', 120);
    h.slack.beforeSend = async () => {
      // Another process met a 429 in A after 20 sends here.
      if (h.slack.sent.length === 20) await h.repos.sendRates.save(A, 2, h.clock.now());
    };
    await h.drainer.drainOnce();
    expect(h.slack.sent).toHaveLength(120);
    // Read within 5 s (at most 50 more sends at 10/s), not at the next pass: the other 50+ went at about 2/s (the
    // lane climbs back towards its configured 10/s by 10 % per 10 s). All at 10/s would take 12 s.
    expect(h.elapsed()).toBeGreaterThan(20 * 100 + 50 * 400);
    expect(h.drainer.sendRate(A)).toBeLessThan(4);
  });
});

describe('lazy lanes', () => {
  it('makes a lane only for a workspace with something due, and drops it after a minute idle', async () => {
    const h = await workspaces();
    expect(h.drainer.laneKeys()).toEqual([]);
    const later = new Date(h.clock.now().getTime() + 3_600_000);
    await h.queue((notify) => {
      for (let w = 0; w < 200; w++) notify.dm(`slack:TW${w}`, 'U1', { text: `hi ${w}` });
      notify.dm(A, 'U1', { text: 'reminder' }, { notBefore: later });
    }, 'bulk');
    await h.drainer.drainOnce();
    expect(h.slack.sent).toHaveLength(200);
    // 200 lanes, none for A, whose message is not due yet.
    expect(h.drainer.laneKeys()).toHaveLength(200);
    expect(h.drainer.laneKeys()).not.toContain(A);

    // A minute on, A's message still not due: the next look drops the idle lanes and makes none.
    h.clock.advance(LANE_IDLE_MS);
    await h.drainer.drainOnce();
    expect(h.drainer.laneKeys()).toEqual([]);

    h.clock.set(later);
    await h.drainer.drainOnce();
    expect(h.drainer.laneKeys()).toEqual([A]);
    expect(sentIn(h.slack, A)).toBe(1);
  });

  it('a running drainer parks with no lane left once everything is sent and a minute has passed', async () => {
    const h = await workspaces();
    await h.drainer.start();
    await h.queue((notify) => {
      for (let w = 0; w < 50; w++) notify.dm(`slack:TW${w}`, 'U1', { text: `hi ${w}` });
    }, 'bulk');
    h.drainer.kick();
    await h.drainer.idle();
    expect(h.slack.sent).toHaveLength(50);
    h.clock.advance(LANE_IDLE_MS);
    await h.fanOut(B, 'b', 1);
    h.drainer.kick();
    await h.drainer.idle();
    expect(h.drainer.laneKeys()).toEqual([B]);
    await h.drainer.stop();
  });
});

// The round is in the server whose id sorts first, so taking communities in id order alone would not pass.
describe('fairness inside one lane (a Discord bot in many servers)', () => {
  it('a welcome DM queued after a 1,000-DM round in another server goes out within a few sends', async () => {
    const h = await workspaces();
    await h.fanOut(STUDIO, 'round', 1_000);
    await h.fanOut(LOFT, 'welcome', 1);
    await h.drainer.drainOnce();
    const order = h.discord.sent.map((call) => call.reply.text);
    expect(order).toHaveLength(1_001);
    expect(order.indexOf('welcome:0')).toBeLessThanOrEqual(2);
  });

  it('a message queued mid-round in another server goes out within a few sends of the kick', async () => {
    const h = await workspaces();
    await h.fanOut(STUDIO, 'round', 300);
    h.discord.beforeSend = async () => {
      if (h.discord.sent.length !== 100) return;
      await h.fanOut(LOFT, 'welcome', 2);
      h.drainer.kick();
    };
    await h.drainer.drainOnce();
    const order = h.discord.sent.map((call) => call.reply.text);
    // Queued while the 101st round DM was in flight: the two take turns with the round from there.
    expect(order.indexOf('welcome:0')).toBeLessThanOrEqual(102);
    expect(order.indexOf('welcome:1')).toBeLessThanOrEqual(104);
    expect(order).toHaveLength(302);
  });

  it("interactive before bulk across servers: another server's /match goes ahead of a round", async () => {
    const h = await workspaces();
    await h.fanOut(STUDIO, 'round', 50);
    await h.fanOut(LOFT, 'welcome', 5);
    h.discord.beforeSend = async () => {
      if (h.discord.sent.length !== 10) return;
      await h.fanOut(LOFT, 'match', 3, 'interactive');
      h.drainer.kick();
    };
    await h.drainer.drainOnce();
    const order = h.discord.sent.map((call) => call.reply.text);
    expect(order.slice(11, 14)).toEqual(['match:0', 'match:1', 'match:2']);
    // Both servers' bulk took turns before and after.
    expect(
      order
        .slice(0, 4)
        .map((text) => text!.split(':')[0])
        .sort(),
    ).toEqual(['round', 'round', 'welcome', 'welcome']);
    expect(order).toHaveLength(58);
  });
});
