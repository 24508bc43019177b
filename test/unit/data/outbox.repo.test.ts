import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../data/db.ts';
import { createRepositories } from '../../../data/repositories/index.ts';
import type { NewOutboxItem, OutboxTarget } from '#core/stores/outbox.ts';
import type { Repositories } from '#core/ports/repositories.ts';

const LOFT = 'discord:1';
const OTHER = 'discord:2';
const T0 = new Date('2026-11-16T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let repos: Repositories;
beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
});

function item(key: string, target: OutboxTarget, extra: Partial<NewOutboxItem> = {}): NewOutboxItem {
  return { community: LOFT, key, target, reply: { text: `hello ${key}` }, notBefore: T0, now: T0, ...extra };
}
const dm = (...userIds: string[]): OutboxTarget => ({ kind: 'dm', userIds });
const post = (channelId = 'C1'): OutboxTarget => ({ kind: 'post', channelId });
const update = (ref: string): OutboxTarget => ({ kind: 'update', ref });

describe('outbox repo', () => {
  it('enqueues once per key within a community', () => {
    expect(repos.outbox.enqueue(item('k', dm('U1')))).toBe(true);
    expect(repos.outbox.enqueue(item('k', dm('U2')))).toBe(false);
    expect(repos.outbox.enqueue(item('k', dm('U1'), { community: OTHER }))).toBe(true);
    expect(repos.outbox.counts(LOFT)).toEqual({ pending: 1, sending: 0, sent: 0, failed: 0 });
    expect(repos.outbox.counts()).toEqual({ pending: 2, sending: 0, sent: 0, failed: 0 });
  });

  it('stores the item whole, with its platform from the community id', () => {
    repos.outbox.enqueue(item('k', post('C9'), { ref: 'card:1', reply: { text: 'hi', title: 'T', mentions: ['U1'] } }));
    const [stored] = repos.outbox.list(LOFT);
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
      notBefore: T0,
      lastError: undefined,
      createdAt: T0,
      sentAt: undefined,
    });
    expect(repos.outbox.get(stored!.id)).toEqual(stored);
  });

  it('refuses a malformed target at enqueue', () => {
    expect(() => repos.outbox.enqueue(item('k', { kind: 'dm', userIds: [] }))).toThrow();
  });

  it('claims due items of one platform, oldest first, once, and counts the attempt', () => {
    repos.outbox.enqueue(item('a', dm('U1')));
    repos.outbox.enqueue(item('b', dm('U2')));
    repos.outbox.enqueue(item('later', dm('U3'), { notBefore: at(60) }));
    repos.outbox.enqueue(item('slack', dm('U4'), { community: 'slack:T1' }));
    const claimed = repos.outbox.claimDue('discord', T0, 10);
    expect(claimed.map((i) => [i.key, i.status, i.attempts])).toEqual([
      ['a', 'sending', 1],
      ['b', 'sending', 1],
    ]);
    expect(repos.outbox.claimDue('discord', T0, 10)).toEqual([]);
    expect(repos.outbox.claimDue('discord', at(60), 10).map((i) => i.key)).toEqual(['later']);
    expect(repos.outbox.claimDue('slack', T0, 1).map((i) => i.key)).toEqual(['slack']);
  });

  it('honours the limit', () => {
    for (const key of ['a', 'b', 'c']) repos.outbox.enqueue(item(key, dm('U1')));
    expect(repos.outbox.claimDue('discord', T0, 2).map((i) => i.key)).toEqual(['a', 'b']);
    expect(repos.outbox.claimDue('discord', T0, 2).map((i) => i.key)).toEqual(['c']);
  });

  it('holds an update back while the post that saves its ref is pending or sending', () => {
    repos.outbox.enqueue(item('post', post(), { ref: 'card:1', notBefore: at(30) }));
    repos.outbox.enqueue(item('upd', update('card:1')));
    repos.outbox.enqueue(item('other', update('card:2')));
    expect(repos.outbox.claimDue('discord', T0, 10).map((i) => i.key)).toEqual(['other']);
    expect(repos.outbox.nextDue('discord')).toEqual(at(30));
    const [claimedPost] = repos.outbox.claimDue('discord', at(30), 1);
    expect(claimedPost?.key).toBe('post');
    expect(repos.outbox.claimDue('discord', at(30), 10)).toEqual([]); // post is sending
    repos.outbox.markSent(claimedPost!.id, at(31), { channelId: 'C1', messageId: 'M1' });
    expect(repos.messageRefs.get(LOFT, 'card:1')).toEqual({ channelId: 'C1', messageId: 'M1' });
    expect(repos.outbox.claimDue('discord', at(31), 10).map((i) => i.key)).toEqual(['upd']);
  });

  it('does not hold an update back for a post of another community, nor for a failed post', () => {
    repos.outbox.enqueue(item('failed', post(), { ref: 'card:3' }));
    const [failed] = repos.outbox.claimDue('discord', T0, 1);
    repos.outbox.markFailed(failed!.id, 'channel_not_found', T0);
    repos.outbox.enqueue(item('post', post(), { ref: 'card:1', community: OTHER }));
    repos.outbox.enqueue(item('upd1', update('card:1')));
    repos.outbox.enqueue(item('upd3', update('card:3')));
    expect(repos.outbox.claimDue('discord', T0, 10).map((i) => i.key)).toEqual(['post', 'upd1', 'upd3']);
  });

  it('keeps updates of one message in order: a later one waits for an earlier one', () => {
    repos.outbox.enqueue(item('u1', update('card:1')));
    repos.outbox.enqueue(item('u2', update('card:1')));
    const [first] = repos.outbox.claimDue('discord', T0, 10);
    expect(first?.key).toBe('u1');
    repos.outbox.markRetry(first!.id, at(10), 'transient: 502');
    expect(repos.outbox.claimDue('discord', at(5), 10)).toEqual([]);
    expect(repos.outbox.nextDue('discord')).toEqual(at(10));
  });

  it('marks sent, retry and failed', () => {
    for (const key of ['s', 'r', 'f']) repos.outbox.enqueue(item(key, dm('U1')));
    const [s, r, f] = repos.outbox.claimDue('discord', T0, 3);
    repos.outbox.markSent(s!.id, at(1));
    repos.outbox.markRetry(r!.id, at(20), 'transient: 502');
    repos.outbox.markFailed(f!.id, '50007', at(2));
    expect(repos.outbox.get(s!.id)).toMatchObject({ status: 'sent', sentAt: at(1) });
    expect(repos.outbox.get(r!.id)).toMatchObject({
      status: 'pending',
      notBefore: at(20),
      lastError: 'transient: 502',
    });
    expect(repos.outbox.get(f!.id)).toMatchObject({ status: 'failed', lastError: '50007', sentAt: undefined });
    expect(repos.outbox.counts(LOFT)).toEqual({ pending: 1, sending: 0, sent: 1, failed: 1 });
    expect(repos.outbox.nextDue('discord')).toEqual(at(20));
    expect(repos.outbox.nextDue('slack')).toBeUndefined();
  });

  it('puts items left sending back in the queue after a crash', () => {
    repos.outbox.enqueue(item('a', dm('U1')));
    repos.outbox.enqueue(item('b', dm('U1')));
    repos.outbox.claimDue('discord', T0, 10);
    expect(repos.outbox.recoverInFlight()).toBe(2);
    expect(repos.outbox.recoverInFlight()).toBe(0);
    expect(repos.outbox.claimDue('discord', T0, 10).map((i) => i.attempts)).toEqual([2, 2]);
  });

  it('lists a community newest first, never another', () => {
    repos.outbox.enqueue(item('a', dm('U1')));
    repos.outbox.enqueue(item('b', dm('U1')));
    repos.outbox.enqueue(item('c', dm('U1'), { community: OTHER }));
    expect(repos.outbox.list(LOFT).map((i) => i.key)).toEqual(['b', 'a']);
    expect(repos.outbox.list(LOFT, 1).map((i) => i.key)).toEqual(['b']);
    expect(repos.outbox.list(OTHER).map((i) => i.key)).toEqual(['c']);
  });

  it('deletes the DMs addressed to a member (group DMs included), not other items', () => {
    repos.outbox.enqueue(item('solo', dm('U1')));
    repos.outbox.enqueue(item('group', dm('U2', 'U1')));
    repos.outbox.enqueue(item('notme', dm('U2')));
    repos.outbox.enqueue(item('post', post('U1')));
    repos.outbox.enqueue(item('elsewhere', dm('U1'), { community: OTHER }));
    expect(repos.outbox.deleteForMember(LOFT, 'U1')).toBe(2);
    expect(repos.outbox.list(LOFT).map((i) => i.key)).toEqual(['post', 'notme']);
    expect(repos.outbox.list(OTHER)).toHaveLength(1);
  });
});

describe('outbox claims across connections', () => {
  it('never hands one item to two processes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallway-claim-'));
    try {
      const a = openDatabase(join(dir, 'h.db'));
      const b = openDatabase(join(dir, 'h.db'));
      const ra = createRepositories(a);
      const rb = createRepositories(b);
      for (let i = 0; i < 50; i++) ra.outbox.enqueue(item(`k${i}`, dm('U1')));
      const seen: number[] = [];
      for (let round = 0; round < 30; round++) {
        seen.push(...ra.outbox.claimDue('discord', T0, 1).map((i) => i.id));
        seen.push(...rb.outbox.claimDue('discord', T0, 2).map((i) => i.id));
      }
      expect(seen).toHaveLength(50);
      expect(new Set(seen).size).toBe(50);
      closeDatabase(a);
      closeDatabase(b);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
