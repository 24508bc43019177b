/**
 * Issue 14's lane leases through the real drainer, fake clock, both databases: two drainers on one database (two
 * processes) never drain the same Slack workspace's lane at once; a lane a dead process held passes to another when
 * its lease runs out; a process that queues something asks for the lane again at once; and a lane busy with one
 * server's long fan-out still sees what another process queued for another server.
 */
import { describe, expect, it } from 'vitest';
import type { CommunityId, Platform } from '#core/ids.ts';
import { OutboxDrainer } from '#core/outbox.ts';
import { LANE_LEASE_MS } from '#core/outbox/lane-lease.ts';
import { HOLDER_ALIVE_MS, SHARE_GRACE_MS } from '#core/outbox/lane-quota.ts';
import type { ChatPlatform } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { RecordingPlatform } from '../support/recording-platform.ts';
import { A, B, harness, LOFT, STUDIO, sentIn, WorkspaceLanes } from './outbox-harness.ts';

/** Two drainers (two processes) on one database and one clock, each with its own platforms; leases on. */
async function twoProcesses() {
  const slack = new WorkspaceLanes('slack');
  const discord = new RecordingPlatform('discord');
  const platforms = new Map<Platform, ChatPlatform>([
    ['slack', slack],
    ['discord', discord],
  ]);
  const h = await harness({ rates: { slack: 5, discord: 50 }, platforms, leaseLanes: true });
  const otherSlack = new WorkspaceLanes('slack');
  const other = new OutboxDrainer({
    storage: h.storage,
    platforms: new Map<Platform, ChatPlatform>([['slack', otherSlack]]),
    clock: h.clock,
    log: silentLogger,
    rates: { slack: 5 },
    wait: async (ms) => h.clock.advance(ms),
    random: () => 0.5,
    leaseLanes: true,
  });
  const fanOut = (community: CommunityId, round: string, count: number) =>
    h.queue((notify) => {
      for (let i = 0; i < count; i++)
        notify.dm(community, `U${i}`, { text: `${round}:${i}` }, { key: `${round}:${i}` });
    }, 'bulk');
  return { ...h, slack, discord, other, otherSlack, fanOut };
}

describe('lane leases: one process per lane at a time', () => {
  it('a second process leaves alone the workspaces the first is draining, and takes the others', async () => {
    const h = await twoProcesses();
    await h.fanOut(A, 'a', 10);
    await h.fanOut(B, 'b', 10);
    // The first process holds both lanes, each with a send in flight.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.slack.beforeSend = () => held;
    const first = h.drainer.drainOnce();
    await h.slack.started.waitForCount((call) => call.community === A, 1);
    await h.slack.started.waitForCount((call) => call.community === B, 1);

    expect(await h.other.drainOnce()).toBe(0);
    expect(h.otherSlack.calls.all).toHaveLength(0);

    release();
    expect(await first).toBe(20);
    expect(sentIn(h.slack, A)).toBe(10);
    expect(sentIn(h.slack, B)).toBe(10);
    // Given up when the passes ended: the other process, queueing for B itself, takes the lane at once.
    await h.fanOut(B, 'b2', 3);
    h.other.kick();
    expect(await h.other.drainOnce()).toBe(3);
    expect(sentIn(h.otherSlack, B)).toBe(3);
  });

  it("a dead process's lane passes to another once its lease runs out, not before", async () => {
    const h = await twoProcesses();
    await h.fanOut(A, 'a', 4);
    await h.fanOut(B, 'b', 4);
    // A process took A's lane and was killed: its row stays until the lease runs out.
    const now = h.clock.now();
    await h.repos.laneLeases.take(A, 'killed', now, new Date(now.getTime() + LANE_LEASE_MS));
    expect(await h.other.drainOnce()).toBe(4);
    expect(sentIn(h.otherSlack, B)).toBe(4);
    expect(sentIn(h.otherSlack, A)).toBe(0);

    h.clock.set(new Date(now.getTime() + LANE_LEASE_MS));
    expect(await h.other.drainOnce()).toBe(4);
    expect(sentIn(h.otherSlack, A)).toBe(4);
  });

  it('a lane seen held is not asked for again until its lease runs out, unless this process queued something', async () => {
    const h = await twoProcesses();
    await h.fanOut(A, 'a', 2);
    const now = h.clock.now();
    await h.repos.laneLeases.take(A, 'busy', now, new Date(now.getTime() + LANE_LEASE_MS));
    expect(await h.other.drainOnce()).toBe(0);
    // The holder gives the lane up without sending (it had finished before these were queued).
    await h.repos.laneLeases.release(A, 'busy');
    h.clock.advance(1_000);
    expect(await h.other.drainOnce()).toBe(0);
    // This process queues something for the workspace: it asks again and sends everything due there.
    await h.fanOut(A, 'a2', 1);
    h.other.kick();
    expect(await h.other.drainOnce()).toBe(3);
  });

  it('a lane busy with one server’s fan-out sees what another process queued for another server within seconds', async () => {
    const h = await twoProcesses();
    await h.fanOut(STUDIO, 'round', 500);
    h.discord.beforeSend = async () => {
      // Queued by another process: no kick reaches this one.
      if (h.discord.sent.length === 50) await h.queue((notify) => notify.dm(LOFT, 'U1', { text: 'welcome' }));
    };
    await h.drainer.drainOnce();
    const order = h.discord.sent.map((call) => call.reply.text);
    expect(order).toHaveLength(501);
    // 50/s: a look every 5 s of sending finds it within about 250 sends, not after the round's 500.
    expect(order.indexOf('welcome')).toBeLessThanOrEqual(50 + 260);
  });
});

const workspace = (w: number): CommunityId => `slack:TSHARE${w}`;

describe('lane leases: processes share the lanes', () => {
  it('each process takes its share of the due workspaces, the first awake does not take them all', async () => {
    const h = await twoProcesses();
    // Both processes have looked once: each knows the other is alive.
    await h.drainer.drainOnce();
    await h.other.drainOnce();
    for (let w = 0; w < 10; w++) await h.fanOut(workspace(w), `r${w}`, 3);
    // The first process's sends are held until the second has taken what it may.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.slack.beforeSend = () => held;
    const first = h.drainer.drainOnce();
    await h.slack.started.waitForCount(() => true, 5);
    expect(await h.other.drainOnce()).toBe(15);
    release();
    expect(await first).toBe(15);
    // Every workspace drained by one process only.
    for (let w = 0; w < 10; w++) {
      expect([sentIn(h.slack, workspace(w)), sentIn(h.otherSlack, workspace(w))].sort()).toEqual([0, 3]);
    }
  });

  it('lanes past its share wait a few seconds for a process counted alive, then are taken anyway', async () => {
    const h = await twoProcesses();
    // Another process said it was alive, and then died (or never looks again).
    const now = h.clock.now();
    await h.repos.laneLeases.alive('gone', now, new Date(now.getTime() + HOLDER_ALIVE_MS));
    for (let w = 0; w < 4; w++) await h.fanOut(workspace(w), `r${w}`, 100);
    const firstSend = new Map<string, number>();
    h.slack.beforeSend = (call) => {
      if (!firstSend.has(call.community)) firstSend.set(call.community, h.clock.now().getTime() - now.getTime());
    };
    expect(await h.drainer.drainOnce()).toBe(400);
    const starts = [...firstSend.values()].sort((a, b) => a - b);
    // Its share of 4 lanes with 2 processes alive: 2 at once; the other 2 after the grace, not after the first 2's
    // 100 DMs (20 s at 5/s).
    // (The two lanes share one fake clock that each one's waits move, so "at once" is within a few sends.)
    expect(starts[1]).toBeLessThan(SHARE_GRACE_MS / 2);
    expect(starts[2]).toBeGreaterThanOrEqual(SHARE_GRACE_MS);
    expect(starts[3]).toBeLessThan(SHARE_GRACE_MS + 6_000);
  });
});
