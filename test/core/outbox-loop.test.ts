import { describe, expect, it } from 'vitest';
import type { Platform } from '#core/ids.ts';
import { LEASE_MS } from '#core/outbox/lane.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import type { Storage } from '#core/ports/storage.ts';
import { openTestStorage } from '../support/databases.ts';
import { RecordingPlatform } from '../support/recording-platform.ts';
import { harness, LOFT, T0, WORKSPACE } from './outbox-harness.ts';

const hello = { text: 'hello' };

/** A promise with its resolve, to hold something in flight until the test lets go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/**
 * `storage` whose next look at what is due on `platform` (once armed) is answered late: its transaction commits,
 * and the answer reaches the loop only once the test lets go, as on a busy machine, so the test can commit and kick
 * in between.
 */
function holdNextDueCheck(storage: Storage, platform: Platform) {
  let armed = false;
  const checked = new WeakSet<object>();
  const reached = gate();
  const release = gate();
  const held: Storage = {
    ...storage,
    core(tx) {
      const core = storage.core(tx);
      const nextDue = (p: Platform) => {
        if (armed && p === platform) checked.add(tx);
        return core.outbox.nextDue(p);
      };
      return { ...core, outbox: { ...core.outbox, nextDue } };
    },
    async transaction(fn) {
      let late = false;
      const result = await storage.transaction(async (tx) => {
        const value = await fn(tx);
        late = checked.has(tx);
        return value;
      });
      if (late && armed) {
        armed = false;
        reached.open();
        await release.opened;
      }
      return result;
    },
  };
  return { storage: held, arm: () => (armed = true), reached: reached.opened, release: release.open };
}

describe('OutboxDrainer after a crash', () => {
  it('resends items claimed but never sent exactly once, never twice', async () => {
    const before = await harness();
    await before.queue((notify) => {
      for (const userId of ['mia', 'lucas', 'ana']) notify.dm(LOFT, userId, hello, { key: `welcome:${userId}` });
    });
    // The first process claims and then hangs in the send forever, as if it died there.
    before.discord.beforeSend = () => new Promise(() => {});
    void before.drainer.drainOnce();
    await before.discord.started.waitFor(() => true);
    expect(await before.repos.outbox.counts(LOFT)).toMatchObject({ sending: 1, pending: 2 });

    // A new process on the same database.
    const after = await harness({ storage: before.storage });
    await after.drainer.start();
    // On SQLite this process is the only sender, so start() puts the item back at once. On PostgreSQL the dead
    // process may be another one still sending: its item comes back when its lease runs out, and the loop wakes
    // up for that by itself.
    await after.discord.calls.waitFor((c) => c.to[0] === 'mia' && !c.error);
    await after.drainer.idle();
    if (before.storage.dialect === 'sqlite') expect(after.elapsed()).toBeLessThan(LEASE_MS);
    else expect(after.elapsed()).toBeGreaterThanOrEqual(LEASE_MS);
    expect(after.discord.sent.map((c) => c.to[0]).sort()).toEqual(['ana', 'lucas', 'mia']);
    expect(before.discord.sent).toEqual([]);
    // Nothing more, however often it drains.
    after.drainer.kick();
    await after.drainer.idle();
    await after.drainer.drainOnce();
    expect(after.discord.calls.length).toBe(3);
    expect(await after.repos.outbox.counts(LOFT)).toEqual({ pending: 0, sending: 0, sent: 3, failed: 0 });
    await after.drainer.stop();
  });

  it('fails, without sending, an item that keeps being claimed by processes that die (a poison message)', async () => {
    const h = await harness({ maxAttempts: 3 });
    await h.notify.dm(LOFT, 'mia', hello);
    for (let crash = 0; crash < 3; crash++) {
      expect(
        await h.repos.outbox.claimDue('discord', h.clock.now(), 1, new Date(h.clock.now().getTime() + 60_000)),
      ).toHaveLength(1);
      await h.repos.outbox.recoverInFlight();
    }
    await h.drainer.drainOnce();
    expect(h.discord.calls.length).toBe(0);
    expect((await h.repos.outbox.list(LOFT))[0]).toMatchObject({ status: 'failed', attempts: 4 });
  });
});

describe('OutboxDrainer loop', () => {
  it('sends what is enqueued after a kick, and idles', async () => {
    const { drainer, notify, discord } = await harness();
    await drainer.start();
    await drainer.idle();
    await notify.dm(LOFT, 'mia', hello);
    drainer.kick();
    await drainer.idle();
    expect(discord.sent).toHaveLength(1);
    await drainer.stop();
  });

  it('does not report idle while a kick that came during its last check is still to be drained', async () => {
    // The loop asked what is due next; before the answer ("nothing") came back, a unit committed a message and
    // kicked, as dispatch does. idle() must wait for the drain that kick asked for, not settle on the stale answer.
    const check = holdNextDueCheck(await openTestStorage(), 'discord');
    const { drainer, notify, discord, platforms } = await harness({ storage: check.storage });
    platforms.delete('slack'); // one lane: idle() answers for it alone
    let sentWhenIdle: number | undefined;
    try {
      await drainer.start();
      await drainer.idle();
      check.arm();
      drainer.kick();
      await check.reached;
      await notify.dm(LOFT, 'mia', hello);
      drainer.kick();
      const idle = drainer.idle().then(() => {
        sentWhenIdle = discord.sent.length;
      });
      check.release();
      await idle;
    } finally {
      await drainer.stop();
    }
    expect(sentWhenIdle).toBe(1);
  });

  it('wakes up by itself when a scheduled item falls due', async () => {
    const { drainer, notify, discord, clock } = await harness();
    await notify.dm(LOFT, 'mia', { text: 'reminder' }, { notBefore: new Date(T0.getTime() + 3_600_000) });
    await drainer.start();
    await discord.calls.waitFor(() => true);
    // Its waits moved the fake clock to the due time, in steps of at most a minute.
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(T0.getTime() + 3_600_000);
    await drainer.stop();
  });

  it('drains on idle() when never started', async () => {
    const { drainer, notify, slack } = await harness();
    await notify.post(WORKSPACE, 'C1', hello);
    await drainer.idle();
    expect(slack.sent).toHaveLength(1);
  });

  it('lets the send in flight finish on stop, and sends nothing after', async () => {
    const { drainer, notify, discord, repos } = await harness();
    const hold = gate();
    discord.beforeSend = () => hold.opened;
    await notify.dm(LOFT, 'mia', hello);
    await notify.dm(LOFT, 'lucas', hello);
    await drainer.start();
    await discord.started.waitFor(() => true);
    let stopped = false;
    const stopping = drainer.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    hold.open();
    await stopping;
    expect(discord.sent.map((c) => c.to[0])).toEqual(['mia']);
    expect(await repos.outbox.counts(LOFT)).toEqual({ pending: 1, sending: 0, sent: 1, failed: 0 });
    await expect(drainer.start()).rejects.toThrow(/starts once/);
  });

  it('stops during a long 429 pause at once, putting the item back in the queue', async () => {
    const never = () => new Promise<void>(() => {});
    const { drainer, notify, discord, repos } = await harness({ wait: never });
    discord.failNext(new DeliveryError('rate_limited', '429', 3_600_000));
    await notify.dm(LOFT, 'mia', hello);
    await drainer.start();
    await discord.calls.waitFor((c) => c.error !== undefined);
    await drainer.stop();
    expect((await repos.outbox.list(LOFT))[0]).toMatchObject({
      status: 'pending',
      lastError: 'interrupted by shutdown',
    });
    expect((await repos.outbox.list(LOFT))[0]!.notBefore.getTime()).toBe(T0.getTime() + 3_600_000);
  });

  it('keeps platforms apart: a Discord 429 does not hold Slack back', async () => {
    const pending: (() => void)[] = [];
    const manual = () => new Promise<void>((resolve) => pending.push(resolve));
    const { drainer, notify, discord, slack } = await harness({ wait: manual });
    discord.failNext(new DeliveryError('rate_limited', '429', 60_000));
    await notify.dm(LOFT, 'mia', hello);
    await drainer.start();
    await discord.calls.waitFor(() => true);
    await notify.post(WORKSPACE, 'C1', hello);
    drainer.kick();
    await slack.calls.waitFor(() => true);
    expect(slack.sent).toHaveLength(1);
    expect(discord.sent).toHaveLength(0); // still paused
    await drainer.stop();
  });

  it('keeps running after a platform adds itself late (composition root order)', async () => {
    const { drainer, notify, platforms } = await harness();
    const shell = new RecordingPlatform('shell');
    await drainer.start();
    platforms.set('shell', shell);
    await notify.dm('shell:loft', 'mia', hello);
    drainer.kick();
    await shell.calls.waitFor(() => true);
    await drainer.stop();
  });
});
