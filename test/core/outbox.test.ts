import { describe, expect, it } from 'vitest';
import { backoffMs, OutboxNotifier } from '#core/outbox.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { OutboxStore } from '#core/stores/outbox.ts';
import { openTestStorage } from '../support/databases.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { harness, LOFT, T0, WORKSPACE } from './outbox-harness.ts';

const hello = { text: 'hello' };
const limited = (ms?: number) => new DeliveryError('rate_limited', '429', ms);
const transient = () => new DeliveryError('transient', '502');

describe('outbox notifier', () => {
  it('keeps one item per key, within a unit and against the outbox, makes a fresh key when none is given, and defaults notBefore to now', async () => {
    const { queue, repos } = await harness();
    await queue((notify) => {
      notify.dm(LOFT, 'mia', hello, { key: 'digest:w47:mia' });
      notify.dm(LOFT, 'mia', hello, { key: 'digest:w47:mia' });
      notify.post(LOFT, 'C1', hello);
      notify.post(LOFT, 'C1', hello);
    });
    await queue((notify) => notify.dm(LOFT, 'mia', hello, { key: 'digest:w47:mia' }));
    const items = await repos.outbox.list(LOFT);
    expect(items).toHaveLength(3);
    expect(new Set(items.map((i) => i.key)).size).toBe(3);
    expect(items.every((i) => i.notBefore.getTime() === T0.getTime())).toBe(true);
  });

  it('writes in the caller transaction: a rolled-back handler sends nothing', async () => {
    const { queue, repos } = await harness();
    await expect(
      queue((notify) => {
        notify.dm(LOFT, ['mia', 'lucas', 'mia'], hello);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await repos.outbox.list(LOFT)).toEqual([]);
    await queue((notify) => notify.dm(LOFT, ['mia', 'lucas', 'mia'], hello));
    expect((await repos.outbox.list(LOFT))[0]?.target).toEqual({ kind: 'dm', userIds: ['mia', 'lucas'] });
  });

  it('queues replies ahead of bulk work', async () => {
    const { queue, repos } = await harness();
    await queue((notify) => notify.dm(LOFT, 'mia', hello), 'bulk');
    await queue((notify) => notify.dm(LOFT, 'lucas', hello), 'interactive');
    const items = await repos.outbox.list(LOFT);
    expect(items.map((i) => [i.target, i.priority])).toEqual([
      [{ kind: 'dm', userIds: ['lucas'] }, 0],
      [{ kind: 'dm', userIds: ['mia'] }, 1],
    ]);
    const claimed = await repos.outbox.claimDue('discord', T0, 2, new Date(T0.getTime() + 60_000));
    expect(claimed.map((i) => i.target)).toEqual([
      { kind: 'dm', userIds: ['lucas'] },
      { kind: 'dm', userIds: ['mia'] },
    ]);
  });

  it('stores updates by target ref only, and refuses empty recipients', async () => {
    const { notify, repos, clock } = await harness();
    await notify.update(LOFT, 'card:1', hello, { ref: 'ignored', notBefore: new Date(T0.getTime() + 5_000) });
    expect((await repos.outbox.list(LOFT))[0]).toMatchObject({
      target: { kind: 'update', ref: 'card:1' },
      ref: undefined,
      notBefore: new Date(T0.getTime() + 5_000),
    });
    const notifier = new OutboxNotifier(clock, 'interactive');
    expect(() => notifier.dm(LOFT, [], hello)).toThrow();
    expect(() => notifier.post(LOFT, '', hello)).toThrow();
    expect(() => notifier.update(LOFT, '', hello)).toThrow();
    expect(notifier.pending).toEqual([]);
  });
});

describe('OutboxDrainer.drainOnce', () => {
  it('sends DMs and posts, and marks them sent', async () => {
    const { notify, drainer, discord, slack, repos } = await harness();
    await notify.dm(LOFT, 'mia', hello);
    await notify.post(WORKSPACE, 'C1', hello);
    expect(await drainer.drainOnce()).toBe(2);
    expect(discord.sent.map((c) => [c.kind, c.to])).toEqual([['dm', ['mia']]]);
    expect(slack.sent.map((c) => [c.kind, c.to])).toEqual([['post', ['C1']]]);
    expect(await repos.outbox.counts()).toEqual({ pending: 0, sending: 0, sent: 2, failed: 0 });
    expect(await drainer.drainOnce()).toBe(0);
  });

  it('waits out a 429 for its Retry-After and then sends once', async () => {
    const { notify, drainer, discord, repos, clock, waits } = await harness();
    discord.failNext(limited(30_000));
    const sentAt: number[] = [];
    discord.beforeSend = () => void sentAt.push(clock.now().getTime() - T0.getTime());
    await notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(1);
    expect(discord.calls.length).toBe(2);
    expect(discord.sent).toHaveLength(1);
    expect(sentAt).toEqual([0, 30_000]);
    expect(waits).toContain(30_000);
    expect((await repos.outbox.list(LOFT))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries a 5xx with growing backoff, then sends', async () => {
    const { notify, drainer, discord, repos, clock } = await harness();
    discord.failNext(transient(), transient());
    await notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    const [first] = await repos.outbox.list(LOFT);
    expect(first).toMatchObject({ status: 'pending', lastError: 'transient: 502', attempts: 1 });
    const firstDelay = first!.notBefore.getTime() - clock.now().getTime();
    expect(firstDelay).toBe(backoffMs(1, () => 0.5));
    expect(await drainer.drainOnce()).toBe(0); // not due yet: nothing is tried
    expect(discord.calls.length).toBe(1);
    clock.set(first!.notBefore);
    expect(await drainer.drainOnce()).toBe(0);
    const [second] = await repos.outbox.list(LOFT);
    expect(second!.notBefore.getTime() - clock.now().getTime()).toBe(backoffMs(2, () => 0.5));
    expect(backoffMs(2, () => 0.5)).toBeGreaterThan(firstDelay);
    clock.set(second!.notBefore);
    expect(await drainer.drainOnce()).toBe(1);
    expect(discord.calls.length).toBe(3);
    expect(discord.sent).toHaveLength(1);
    expect((await repos.outbox.list(LOFT))[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('treats an error that is not a DeliveryError as transient', async () => {
    const { notify, drainer, discord, repos } = await harness();
    discord.failNext(new TypeError('fetch failed'));
    await notify.dm(LOFT, 'mia', hello);
    await drainer.drainOnce();
    expect((await repos.outbox.list(LOFT))[0]).toMatchObject({
      status: 'pending',
      lastError: 'transient: TypeError: fetch failed',
    });
  });

  it('gives up after 8 attempts of a transient failure, and never tries again', async () => {
    const { notify, discord, repos, drainAll, clock, drainer } = await harness();
    discord.failWhen(() => true, transient);
    await notify.dm(LOFT, 'mia', hello);
    await drainAll();
    expect(discord.calls.length).toBe(8);
    const [item] = await repos.outbox.list(LOFT);
    expect(item).toMatchObject({ status: 'failed', attempts: 8 });
    expect(item!.lastError).toMatch(/gave up after 8 attempts/);
    clock.advance(86_400_000);
    await drainer.drainOnce();
    expect(discord.calls.length).toBe(8);
  });

  it('records a closed DM (dm_closed, e.g. Discord 50007) for good and marks the member unreachable', async () => {
    const { notify, drainer, discord, repos, clock } = await harness();
    await repos.members.touch(LOFT, 'mia', 'Mia', T0);
    await repos.members.touch(LOFT, 'lucas', 'Lucas', T0);
    discord.failNext(new DeliveryError('dm_closed', '50007'));
    await notify.dm(LOFT, 'mia', hello);
    await notify.dm(LOFT, 'lucas', hello);
    expect(await drainer.drainOnce()).toBe(1);
    expect((await repos.outbox.list(LOFT)).map((i) => [i.status, i.lastError])).toEqual([
      ['sent', undefined],
      ['failed', 'dm_closed: 50007'],
    ]);
    expect((await repos.members.get(LOFT, 'mia'))?.dmUnreachable).toBe(true);
    expect((await repos.members.get(LOFT, 'lucas'))?.dmUnreachable).toBe(false);
    clock.advance(7 * 86_400_000);
    await drainer.drainOnce();
    expect(discord.calls.length).toBe(2);
  });

  it('marks every member of a refused group DM, but not for other permanent errors', async () => {
    const { notify, drainer, slack, repos } = await harness();
    for (const id of ['U1', 'U2', 'U3']) await repos.members.touch(WORKSPACE, id, id, T0);
    slack.failNext(new DeliveryError('dm_closed', 'cannot_dm'), new DeliveryError('not_found', 'user_not_found'));
    await notify.dm(WORKSPACE, ['U1', 'U2'], hello);
    await notify.dm(WORKSPACE, 'U3', hello);
    await drainer.drainOnce();
    expect(
      (await repos.members.listActive(WORKSPACE))
        .filter((m) => m.dmUnreachable)
        .map((m) => m.userId)
        .sort(),
    ).toEqual(['U1', 'U2']);
    expect(await repos.outbox.counts(WORKSPACE)).toMatchObject({ failed: 2, sent: 0 });
  });

  it('sends N items at rate R in about N/R of (fake) time, evenly spaced', async () => {
    const { queue, drainer, discord, clock, elapsed } = await harness({ rates: { discord: 5 } });
    const sentAt: number[] = [];
    discord.beforeSend = () => void sentAt.push(clock.now().getTime());
    await queue((notify) => {
      for (let i = 0; i < 20; i++) notify.dm(LOFT, `u${i}`, hello);
    });
    expect(await drainer.drainOnce()).toBe(20);
    // Burst 1: the first goes at once, each next one 1/R later: (N - 1) / R = 3.8 s.
    expect(elapsed()).toBeGreaterThanOrEqual(3_800);
    expect(elapsed()).toBeLessThanOrEqual(4_000);
    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]!);
    expect(gaps.every((gap) => gap >= 200)).toBe(true);
  });

  it('holds an update until its post has landed, then updates that message', async () => {
    const { notify, drainer, discord, repos, clock } = await harness();
    discord.failWhen((call) => call.kind === 'post', transient, 1);
    await notify.post(LOFT, 'C1', { text: 'Zine night: 0 going' }, { ref: 'meetup-card:7' });
    await notify.update(LOFT, 'meetup-card:7', { text: 'Zine night: 1 going' });
    await drainer.drainOnce();
    expect(discord.sent).toEqual([]);
    expect(discord.calls.all.map((c) => c.kind)).toEqual(['post']); // the update was never tried
    expect(await repos.outbox.counts(LOFT)).toMatchObject({ pending: 2 });
    clock.set((await repos.outbox.nextDue('discord'))!);
    expect(await drainer.drainOnce()).toBe(2);
    const [post, update] = discord.sent;
    expect(update).toMatchObject({ kind: 'update', message: post!.message, reply: { text: 'Zine night: 1 going' } });
    expect(await repos.messageRefs.get(LOFT, 'meetup-card:7')).toEqual(post!.message);
  });

  it('fails an update whose ref never landed as unknown_ref, without calling the platform', async () => {
    const { notify, drainer, discord, repos } = await harness();
    await notify.update(LOFT, 'meetup-card:404', hello);
    await drainer.drainOnce();
    expect(discord.calls.length).toBe(0);
    expect((await repos.outbox.list(LOFT))[0]).toMatchObject({ status: 'failed', lastError: 'permanent: unknown_ref' });
  });

  it('leaves items of a platform it does not drive in the queue', async () => {
    const { notify, drainer, repos } = await harness();
    await notify.dm('shell:loft', 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    expect(await repos.outbox.counts('shell:loft')).toMatchObject({ pending: 1 });
  });

  it('picks up a platform added to the map after construction', async () => {
    const { notify, drainer, platforms, discord } = await harness();
    platforms.delete('discord');
    await notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    platforms.set('discord', discord);
    expect(await drainer.drainOnce()).toBe(1);
  });

  it('sends an item back to the queue after 10 rate limits in a row, keeping the pause', async () => {
    const { notify, drainer, discord, repos, clock } = await harness();
    discord.failWhen(
      () => true,
      () => limited(2_000),
      10,
    );
    await notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    const [item] = await repos.outbox.list(LOFT);
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    expect(item!.notBefore.getTime()).toBeGreaterThanOrEqual(clock.now().getTime() + 2_000);
    clock.set(item!.notBefore);
    expect(await drainer.drainOnce()).toBe(1);
  });
});

describe('OutboxDrainer when the store fails', () => {
  it('never resends at once a message whose success could not be recorded', async () => {
    const storage = await openTestStorage();
    let failOnce = true;
    // The same database, with an outbox whose first markSent fails (a busy or lost database at the wrong moment).
    const flaky: Storage = {
      dialect: storage.dialect,
      transaction: (fn) => storage.transaction(fn),
      close: () => storage.close(),
      core(tx) {
        const core = storage.core(tx);
        const outbox: OutboxStore = Object.create(core.outbox);
        outbox.markSent = async (id, now, sent) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('SQLITE_BUSY');
          }
          await core.outbox.markSent(id, now, sent);
        };
        return { ...core, outbox };
      },
    };
    const { drainer, notify, discord, repos } = await harness({ storage: flaky });
    await notify.dm(LOFT, 'mia', hello);
    await expect(drainer.drainOnce()).rejects.toThrow('SQLITE_BUSY');
    expect(await drainer.drainOnce()).toBe(0);
    expect(discord.calls.length).toBe(1);
    // Left in flight: the next start resends it, once.
    expect(await repos.outbox.counts(LOFT)).toMatchObject({ sending: 1 });
  });
});
