import { describe, expect, it } from 'vitest';
import { backoffMs } from '#core/outbox.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { harness, LOFT, T0, WORKSPACE } from './outbox-harness.ts';

const hello = { text: 'hello' };
const limited = (ms?: number) => new DeliveryError('rate_limited', '429', ms);
const transient = () => new DeliveryError('transient', '502');

describe('outbox notifier', () => {
  it('keeps one item per key, makes a fresh key when none is given, and defaults notBefore to now', () => {
    const { notify, repos } = harness();
    notify.dm(LOFT, 'mia', hello, { key: 'digest:w47:mia' });
    notify.dm(LOFT, 'mia', hello, { key: 'digest:w47:mia' });
    notify.post(LOFT, 'C1', hello);
    notify.post(LOFT, 'C1', hello);
    const items = repos.outbox.list(LOFT);
    expect(items).toHaveLength(3);
    expect(new Set(items.map((i) => i.key)).size).toBe(3);
    expect(items.every((i) => i.notBefore.getTime() === T0.getTime())).toBe(true);
  });

  it('writes in the caller transaction: a rolled-back handler sends nothing', () => {
    const { notify, repos } = harness();
    expect(() =>
      repos.transaction(() => {
        notify.dm(LOFT, ['mia', 'lucas', 'mia'], hello);
        throw new Error('handler failed');
      }),
    ).toThrow();
    expect(repos.outbox.list(LOFT)).toEqual([]);
    notify.dm(LOFT, ['mia', 'lucas', 'mia'], hello);
    expect(repos.outbox.list(LOFT)[0]?.target).toEqual({ kind: 'dm', userIds: ['mia', 'lucas'] });
  });

  it('stores updates by target ref only, and refuses empty recipients', () => {
    const { notify, repos } = harness();
    notify.update(LOFT, 'card:1', hello, { ref: 'ignored', notBefore: new Date(T0.getTime() + 5_000) });
    expect(repos.outbox.list(LOFT)[0]).toMatchObject({
      target: { kind: 'update', ref: 'card:1' },
      ref: undefined,
      notBefore: new Date(T0.getTime() + 5_000),
    });
    expect(() => notify.dm(LOFT, [], hello)).toThrow();
    expect(() => notify.post(LOFT, '', hello)).toThrow();
  });
});

describe('OutboxDrainer.drainOnce', () => {
  it('sends DMs and posts, and marks them sent', async () => {
    const { notify, drainer, discord, slack, repos } = harness();
    notify.dm(LOFT, 'mia', hello);
    notify.post(WORKSPACE, 'C1', hello);
    expect(await drainer.drainOnce()).toBe(2);
    expect(discord.sent.map((c) => [c.kind, c.to])).toEqual([['dm', ['mia']]]);
    expect(slack.sent.map((c) => [c.kind, c.to])).toEqual([['post', ['C1']]]);
    expect(repos.outbox.counts()).toEqual({ pending: 0, sending: 0, sent: 2, failed: 0 });
    expect(await drainer.drainOnce()).toBe(0);
  });

  it('waits out a 429 for its Retry-After and then sends once', async () => {
    const { notify, drainer, discord, repos, clock, waits } = harness();
    discord.failNext(limited(30_000));
    const sentAt: number[] = [];
    discord.beforeSend = () => void sentAt.push(clock.now().getTime() - T0.getTime());
    notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(1);
    expect(discord.calls.length).toBe(2);
    expect(discord.sent).toHaveLength(1);
    expect(sentAt).toEqual([0, 30_000]);
    expect(waits).toContain(30_000);
    expect(repos.outbox.list(LOFT)[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries a 5xx with growing backoff, then sends', async () => {
    const { notify, drainer, discord, repos, clock } = harness();
    discord.failNext(transient(), transient());
    notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    const [first] = repos.outbox.list(LOFT);
    expect(first).toMatchObject({ status: 'pending', lastError: 'transient: 502', attempts: 1 });
    const firstDelay = first!.notBefore.getTime() - clock.now().getTime();
    expect(firstDelay).toBe(backoffMs(1, () => 0.5));
    expect(await drainer.drainOnce()).toBe(0); // not due yet: nothing is tried
    expect(discord.calls.length).toBe(1);
    clock.set(first!.notBefore);
    expect(await drainer.drainOnce()).toBe(0);
    const [second] = repos.outbox.list(LOFT);
    expect(second!.notBefore.getTime() - clock.now().getTime()).toBe(backoffMs(2, () => 0.5));
    expect(backoffMs(2, () => 0.5)).toBeGreaterThan(firstDelay);
    clock.set(second!.notBefore);
    expect(await drainer.drainOnce()).toBe(1);
    expect(discord.calls.length).toBe(3);
    expect(discord.sent).toHaveLength(1);
    expect(repos.outbox.list(LOFT)[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('treats an error that is not a DeliveryError as transient', async () => {
    const { notify, drainer, discord, repos } = harness();
    discord.failNext(new TypeError('fetch failed'));
    notify.dm(LOFT, 'mia', hello);
    await drainer.drainOnce();
    expect(repos.outbox.list(LOFT)[0]).toMatchObject({
      status: 'pending',
      lastError: 'transient: TypeError: fetch failed',
    });
  });

  it('gives up after 8 attempts of a transient failure, and never tries again', async () => {
    const { notify, discord, repos, drainAll, clock, drainer } = harness();
    discord.failWhen(() => true, transient);
    notify.dm(LOFT, 'mia', hello);
    await drainAll();
    expect(discord.calls.length).toBe(8);
    const [item] = repos.outbox.list(LOFT);
    expect(item).toMatchObject({ status: 'failed', attempts: 8 });
    expect(item!.lastError).toMatch(/gave up after 8 attempts/);
    clock.advance(86_400_000);
    await drainer.drainOnce();
    expect(discord.calls.length).toBe(8);
  });

  it('records a closed DM (Discord 50007) for good and marks the member unreachable', async () => {
    const { notify, drainer, discord, repos, clock } = harness();
    repos.members.touch(LOFT, 'mia', 'Mia', T0);
    repos.members.touch(LOFT, 'lucas', 'Lucas', T0);
    discord.failNext(new DeliveryError('permanent', '50007'));
    notify.dm(LOFT, 'mia', hello);
    notify.dm(LOFT, 'lucas', hello);
    expect(await drainer.drainOnce()).toBe(1);
    expect(repos.outbox.list(LOFT).map((i) => [i.status, i.lastError])).toEqual([
      ['sent', undefined],
      ['failed', '50007'],
    ]);
    expect(repos.members.get(LOFT, 'mia')?.dmUnreachable).toBe(true);
    expect(repos.members.get(LOFT, 'lucas')?.dmUnreachable).toBe(false);
    clock.advance(7 * 86_400_000);
    await drainer.drainOnce();
    expect(discord.calls.length).toBe(2);
  });

  it('marks every member of a refused group DM, but not for other permanent errors', async () => {
    const { notify, drainer, slack, repos } = harness();
    for (const id of ['U1', 'U2', 'U3']) repos.members.touch(WORKSPACE, id, id, T0);
    slack.failNext(new DeliveryError('permanent', 'cannot_dm'), new DeliveryError('permanent', 'user_not_found'));
    notify.dm(WORKSPACE, ['U1', 'U2'], hello);
    notify.dm(WORKSPACE, 'U3', hello);
    await drainer.drainOnce();
    expect(
      repos.members
        .listActive(WORKSPACE)
        .filter((m) => m.dmUnreachable)
        .map((m) => m.userId)
        .sort(),
    ).toEqual(['U1', 'U2']);
    expect(repos.outbox.counts(WORKSPACE)).toMatchObject({ failed: 2, sent: 0 });
  });

  it('sends N items at rate R in about N/R of (fake) time, evenly spaced', async () => {
    const { notify, drainer, discord, clock, elapsed } = harness({ rates: { discord: 5 } });
    const sentAt: number[] = [];
    discord.beforeSend = () => void sentAt.push(clock.now().getTime());
    for (let i = 0; i < 20; i++) notify.dm(LOFT, `u${i}`, hello);
    expect(await drainer.drainOnce()).toBe(20);
    // Burst 1: the first goes at once, each next one 1/R later: (N - 1) / R = 3.8 s.
    expect(elapsed()).toBeGreaterThanOrEqual(3_800);
    expect(elapsed()).toBeLessThanOrEqual(4_000);
    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]!);
    expect(gaps.every((gap) => gap >= 200)).toBe(true);
  });

  it('holds an update until its post has landed, then updates that message', async () => {
    const { notify, drainer, discord, repos, clock } = harness();
    discord.failWhen((call) => call.kind === 'post', transient, 1);
    notify.post(LOFT, 'C1', { text: 'Zine night: 0 going' }, { ref: 'meetup-card:7' });
    notify.update(LOFT, 'meetup-card:7', { text: 'Zine night: 1 going' });
    await drainer.drainOnce();
    expect(discord.sent).toEqual([]);
    expect(discord.calls.all.map((c) => c.kind)).toEqual(['post']); // the update was never tried
    expect(repos.outbox.counts(LOFT)).toMatchObject({ pending: 2 });
    clock.set(repos.outbox.nextDue('discord')!);
    expect(await drainer.drainOnce()).toBe(2);
    const [post, update] = discord.sent;
    expect(update).toMatchObject({ kind: 'update', message: post!.message, reply: { text: 'Zine night: 1 going' } });
    expect(repos.messageRefs.get(LOFT, 'meetup-card:7')).toEqual(post!.message);
  });

  it('fails an update whose ref never landed as unknown_ref, without calling the platform', async () => {
    const { notify, drainer, discord, repos } = harness();
    notify.update(LOFT, 'meetup-card:404', hello);
    await drainer.drainOnce();
    expect(discord.calls.length).toBe(0);
    expect(repos.outbox.list(LOFT)[0]).toMatchObject({ status: 'failed', lastError: 'unknown_ref' });
  });

  it('leaves items of a platform it does not drive in the queue', async () => {
    const { notify, drainer, repos } = harness();
    notify.dm('shell:loft', 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    expect(repos.outbox.counts('shell:loft')).toMatchObject({ pending: 1 });
  });

  it('picks up a platform added to the map after construction', async () => {
    const { notify, drainer, platforms, discord } = harness();
    platforms.delete('discord');
    notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    platforms.set('discord', discord);
    expect(await drainer.drainOnce()).toBe(1);
  });

  it('sends an item back to the queue after 10 rate limits in a row, keeping the pause', async () => {
    const { notify, drainer, discord, repos, clock } = harness();
    discord.failWhen(
      () => true,
      () => limited(2_000),
      10,
    );
    notify.dm(LOFT, 'mia', hello);
    expect(await drainer.drainOnce()).toBe(0);
    const [item] = repos.outbox.list(LOFT);
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    expect(item!.notBefore.getTime()).toBeGreaterThanOrEqual(clock.now().getTime() + 2_000);
    clock.set(item!.notBefore);
    expect(await drainer.drainOnce()).toBe(1);
  });
});

describe('OutboxDrainer when the store fails', () => {
  it('never resends at once a message whose success could not be recorded', async () => {
    const base = harness();
    let failOnce = true;
    const outbox = {
      ...base.repos.outbox,
      markSent: (id: number, now: Date, sent?: { channelId: string; messageId: string }) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('SQLITE_BUSY');
        }
        base.repos.outbox.markSent(id, now, sent);
      },
    };
    const { drainer, notify, discord, repos } = harness({ repos: { ...base.repos, outbox } });
    notify.dm(LOFT, 'mia', hello);
    await expect(await drainer.drainOnce()).rejects.toThrow('SQLITE_BUSY');
    expect(await drainer.drainOnce()).toBe(0);
    expect(discord.calls.length).toBe(1);
    // Left in flight: the next start resends it, once.
    expect(repos.outbox.counts(LOFT)).toMatchObject({ sending: 1 });
  });
});
