/** The outbox store on the run's database: enqueue, claims (order, leases, held-back updates), marks, listing. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '#core/ids.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { OutboxStore } from '#core/stores/outbox.ts';
import { openTestStorage } from '../support/databases.ts';
import { at, dm, item, LOFT, OTHER, post, runner, T0, update } from './outbox-support.ts';

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});
const run = runner(() => storage);

/** Runs `fn` on the outbox in one transaction. */
const outbox = async <T>(fn: (store: OutboxStore) => Promise<T>) => run(async ({ outbox }) => await fn(outbox));
/** Claims with a five-minute lease. */
const claim = async (platform: Platform, now: Date, limit: number) =>
  outbox(async (o) => await o.claimDue(platform, now, limit, new Date(now.getTime() + 300_000)));
const keys = (items: readonly { key: string }[]) => items.map((i) => i.key);

describe('outbox store: enqueue and read', () => {
  it('enqueues once per key within a community, and says how many went in', async () => {
    expect(await outbox(async (o) => await o.enqueue([item('k', dm('U1'))]))).toBe(1);
    expect(await outbox(async (o) => await o.enqueue([item('k', dm('U2'))]))).toBe(0);
    expect(await outbox(async (o) => await o.enqueue([item('k', dm('U1'), { community: OTHER })]))).toBe(1);
    expect(await outbox(async (o) => await o.counts(LOFT))).toEqual({ pending: 1, sending: 0, sent: 0, failed: 0 });
    expect(await outbox(async (o) => await o.counts())).toEqual({ pending: 2, sending: 0, sent: 0, failed: 0 });
    expect(await outbox(async (o) => await o.enqueue([]))).toBe(0);
  });

  it('keeps the first of a key repeated within one call, and counts only new keys', async () => {
    await outbox(async (o) => await o.enqueue([item('old', dm('U1'))]));
    const inserted = await outbox(
      async (o) =>
        await o.enqueue([
          item('k', dm('U1')),
          item('old', dm('U3')),
          item('k', dm('U2')),
          item('k', dm('U1'), { community: OTHER }),
        ]),
    );
    expect(inserted).toBe(2);
    const [k] = (await outbox(async (o) => await o.list(LOFT))).filter((i) => i.key === 'k');
    expect(k?.target).toEqual(dm('U1'));
  });

  it('enqueues more rows than one insert statement holds', async () => {
    const many = Array.from({ length: 1201 }, (_, n) => item(`k${n}`, dm(`U${n}`)));
    expect(await outbox(async (o) => await o.enqueue(many))).toBe(1201);
    expect(await outbox(async (o) => await o.enqueue(many))).toBe(0);
    expect((await outbox(async (o) => await o.counts(LOFT))).pending).toBe(1201);
  });

  it('stores the item whole, with its platform from the community id', async () => {
    await outbox(
      async (o) =>
        await o.enqueue([
          item('k', post('C9'), { ref: 'card:1', reply: { text: 'hi', title: 'T', mentions: ['U1'] } }),
        ]),
    );
    const [stored] = await outbox(async (o) => await o.list(LOFT));
    expect(stored).toEqual({
      id: stored!.id,
      community: LOFT,
      platform: 'discord',
      key: 'k',
      target: { kind: 'post', channelId: 'C9' },
      reply: { text: 'hi', title: 'T', mentions: ['U1'] },
      ref: 'card:1',
      status: 'pending',
      attempts: 0,
      priority: 0,
      notBefore: T0,
      lastError: undefined,
      createdAt: T0,
      sentAt: undefined,
    });
    expect(await outbox(async (o) => await o.get(stored!.id))).toEqual(stored);
    expect(await outbox(async (o) => await o.get(stored!.id + 1000))).toBeUndefined();
  });

  it('refuses a malformed target at enqueue', async () => {
    await expect(outbox(async (o) => await o.enqueue([item('k', { kind: 'dm', userIds: [] })]))).rejects.toThrow();
    await expect(outbox(async (o) => await o.enqueue([item('k', { kind: 'post', channelId: '' })]))).rejects.toThrow();
    expect(await outbox(async (o) => await o.counts())).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0 });
  });

  it('lists a community newest first, never another', async () => {
    await outbox(
      async (o) =>
        await o.enqueue([item('a', dm('U1')), item('b', dm('U1')), item('c', dm('U1'), { community: OTHER })]),
    );
    expect(keys(await outbox(async (o) => await o.list(LOFT)))).toEqual(['b', 'a']);
    expect(keys(await outbox(async (o) => await o.list(LOFT, 1)))).toEqual(['b']);
    expect(keys(await outbox(async (o) => await o.list(OTHER)))).toEqual(['c']);
  });
});

describe('outbox store: claims', () => {
  it('claims due items of one platform, oldest first, once, and counts the attempt', async () => {
    await outbox(
      async (o) =>
        await o.enqueue([
          item('a', dm('U1')),
          item('b', dm('U2')),
          item('later', dm('U3'), { notBefore: at(60) }),
          item('slack', dm('U4'), { community: 'slack:T1' }),
        ]),
    );
    const claimed = await claim('discord', T0, 10);
    expect(claimed.map((i) => [i.key, i.status, i.attempts])).toEqual([
      ['a', 'sending', 1],
      ['b', 'sending', 1],
    ]);
    expect(await claim('discord', T0, 10)).toEqual([]);
    expect(keys(await claim('discord', at(60), 10))).toEqual(['later']);
    expect(keys(await claim('slack', T0, 1))).toEqual(['slack']);
  });

  it('honours the limit, and refuses one that is not a positive integer', async () => {
    await outbox(async (o) => await o.enqueue(['a', 'b', 'c'].map((key) => item(key, dm('U1')))));
    expect(keys(await claim('discord', T0, 2))).toEqual(['a', 'b']);
    expect(keys(await claim('discord', T0, 2))).toEqual(['c']);
    await expect(claim('discord', T0, 0)).rejects.toThrow(/positive integer/);
    await expect(claim('discord', T0, 1.5)).rejects.toThrow(/positive integer/);
  });

  it('claims by priority, then due time, then queue order', async () => {
    await outbox(
      async (o) =>
        await o.enqueue([
          item('bulk-late', dm('U1'), { priority: 1, notBefore: at(2) }),
          item('bulk-a', dm('U1'), { priority: 1 }),
          item('bulk-b', dm('U1'), { priority: 1 }),
          item('reply-late', dm('U1'), { notBefore: at(5) }),
          item('reply-early', dm('U1'), { priority: 0, notBefore: at(1) }),
          item('not-yet', dm('U1'), { notBefore: at(100) }),
        ]),
    );
    // The limit takes the most urgent, not the oldest: bulk items queued first wait for replies queued after.
    expect(keys(await claim('discord', at(10), 2))).toEqual(['reply-early', 'reply-late']);
    expect(keys(await claim('discord', at(10), 10))).toEqual(['bulk-a', 'bulk-b', 'bulk-late']);
    expect(await claim('discord', at(10), 10)).toEqual([]);
  });

  it('takes over an item whose lease ran out (its process died), and says when that will be', async () => {
    await outbox(async (o) => await o.enqueue([item('a', dm('U1')), item('b', dm('U2'), { notBefore: at(90) })]));
    const [first] = await outbox(async (o) => await o.claimDue('discord', T0, 1, at(60)));
    expect(first).toMatchObject({ key: 'a', attempts: 1 });
    expect(await outbox(async (o) => await o.claimDue('discord', at(59), 10, at(120)))).toEqual([]);
    expect(await outbox(async (o) => await o.nextDue('discord'))).toEqual(at(60));
    const taken = await outbox(async (o) => await o.claimDue('discord', at(60), 10, at(120)));
    expect(taken.map((i) => [i.id, i.status, i.attempts])).toEqual([[first!.id, 'sending', 2]]);
    // The new lease holds: the item is not claimed again before it runs out.
    expect(await outbox(async (o) => await o.claimDue('discord', at(90), 1, at(150)))).toMatchObject([{ key: 'b' }]);
    expect(await outbox(async (o) => await o.nextDue('discord'))).toEqual(at(120));
    await outbox(async (o) => await o.markSent(first!.id, at(100)));
    expect(await outbox(async (o) => await o.nextDue('discord'))).toEqual(at(150));
    expect(await outbox(async (o) => await o.claimDue('discord', at(130), 10, at(200)))).toEqual([]);
  });

  it('marks sent, retry and failed', async () => {
    await outbox(async (o) => await o.enqueue(['s', 'r', 'f'].map((key) => item(key, dm('U1')))));
    const [s, r, f] = await claim('discord', T0, 3);
    await outbox(async (o) => {
      await o.markSent(s!.id, at(1));
      await o.markRetry(r!.id, at(20), 'transient: 502');
      await o.markFailed(f!.id, '50007', at(2));
    });
    expect(await outbox(async (o) => await o.get(s!.id))).toMatchObject({ status: 'sent', sentAt: at(1) });
    expect(await outbox(async (o) => await o.get(r!.id))).toMatchObject({
      status: 'pending',
      notBefore: at(20),
      lastError: 'transient: 502',
    });
    expect(await outbox(async (o) => await o.get(f!.id))).toMatchObject({
      status: 'failed',
      lastError: '50007',
      sentAt: undefined,
    });
    expect(await outbox(async (o) => await o.counts(LOFT))).toEqual({ pending: 1, sending: 0, sent: 1, failed: 1 });
    expect(await outbox(async (o) => await o.nextDue('discord'))).toEqual(at(20));
    expect(await outbox(async (o) => await o.nextDue('slack'))).toBeUndefined();
  });

  it('puts items left sending back in the queue after a crash', async () => {
    await outbox(async (o) => await o.enqueue([item('a', dm('U1')), item('b', dm('U1'))]));
    await claim('discord', T0, 10);
    expect(await outbox(async (o) => await o.recoverInFlight())).toBe(2);
    expect(await outbox(async (o) => await o.recoverInFlight())).toBe(0);
    expect((await claim('discord', T0, 10)).map((i) => i.attempts)).toEqual([2, 2]);
  });
});

describe('outbox store: updates wait for their message', () => {
  it('holds an update back while the post that saves its ref is pending or sending', async () => {
    await outbox(
      async (o) =>
        await o.enqueue([
          item('post', post(), { ref: 'card:1', notBefore: at(30) }),
          item('upd', update('card:1')),
          item('other', update('card:2')),
        ]),
    );
    expect(keys(await claim('discord', T0, 10))).toEqual(['other']);
    expect(await outbox(async (o) => await o.nextDue('discord'))).toEqual(at(30));
    const [claimedPost] = await claim('discord', at(30), 1);
    expect(claimedPost?.key).toBe('post');
    expect(await claim('discord', at(30), 10)).toEqual([]); // the post is sending
    await outbox(async (o) => await o.markSent(claimedPost!.id, at(31), { channelId: 'C1', messageId: 'M1' }));
    expect(await run(async ({ messageRefs }) => await messageRefs.get(LOFT, 'card:1'))).toEqual({
      channelId: 'C1',
      messageId: 'M1',
    });
    expect(keys(await claim('discord', at(31), 10))).toEqual(['upd']);
  });

  it('holds an update back for a DM that saves its ref, and for a post queued after it', async () => {
    await outbox(async (o) => await o.enqueue([item('upd', update('ask:1')), item('ask', dm('U1'), { ref: 'ask:1' })]));
    expect(keys(await claim('discord', T0, 10))).toEqual(['ask']);
    expect(await claim('discord', T0, 10)).toEqual([]);
  });

  it('does not hold an update back for a post of another community, nor for a failed or sent one', async () => {
    await outbox(
      async (o) =>
        await o.enqueue([item('failed', post(), { ref: 'card:3' }), item('sent', post(), { ref: 'card:4' })]),
    );
    const [failed, sent] = await claim('discord', T0, 2);
    await outbox(async (o) => await o.markFailed(failed!.id, 'channel_not_found', T0));
    await outbox(async (o) => await o.markSent(sent!.id, T0));
    await outbox(
      async (o) =>
        await o.enqueue([
          item('post', post(), { ref: 'card:1', community: OTHER }),
          item('upd1', update('card:1')),
          item('upd3', update('card:3')),
          item('upd4', update('card:4')),
        ]),
    );
    expect(keys(await claim('discord', T0, 10))).toEqual(['post', 'upd1', 'upd3', 'upd4']);
  });

  it('keeps updates of one message in order: a later one waits for an earlier one', async () => {
    await outbox(async (o) => await o.enqueue([item('u1', update('card:1')), item('x', update('card:2'))]));
    expect(keys(await claim('discord', T0, 10))).toEqual(['u1', 'x']);
    // Queued while u1 is in flight (a waiting edit would have been coalesced into it instead).
    await outbox(async (o) => await o.enqueue([item('u2', update('card:1'))]));
    const [first] = await outbox(async (o) => await o.list(LOFT)).then((items) => items.filter((i) => i.key === 'u1'));
    await outbox(async (o) => await o.markRetry(first!.id, at(10), 'transient: 502'));
    expect(await claim('discord', at(5), 10)).toEqual([]);
    // The lease of `x` runs out at 300 s; the retry of u1 comes first.
    expect(await outbox(async (o) => await o.nextDue('discord'))).toEqual(at(10));
    expect(keys(await claim('discord', at(10), 10))).toEqual(['u1']);
    await outbox(async (o) => await o.markFailed(first!.id, 'message_not_found', at(11)));
    expect(keys(await claim('discord', at(11), 10))).toEqual(['u2']);
  });

  it('holds an update back while an earlier update of its ref is in flight, until its lease runs out', async () => {
    await outbox(async (o) => await o.enqueue([item('u1', update('card:1'))]));
    await outbox(async (o) => await o.claimDue('discord', T0, 1, at(60)));
    await outbox(async (o) => await o.enqueue([item('u2', update('card:1'))]));
    expect(await outbox(async (o) => await o.claimDue('discord', at(30), 10, at(90)))).toEqual([]);
    // The lease ran out: u1 is taken over, and u2 still waits behind it.
    expect(keys(await outbox(async (o) => await o.claimDue('discord', at(60), 10, at(120))))).toEqual(['u1']);
  });
});
