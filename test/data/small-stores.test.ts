/** Job runs, message refs, inbound events and the unit of work itself, on the run's database. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import { openTestStorage } from '../support/databases.ts';

const LOFT = 'slack:T1';
const OTHER = 'slack:T2';
const T0 = new Date('2026-11-16T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});

/** One unit of work on the core stores. */
const run = async <T>(fn: (core: CoreStores) => Promise<T>) =>
  storage.transaction(async (tx) => await fn(storage.core(tx)));

describe('job runs store', () => {
  it('claims a (job, community, period) exactly once', async () => {
    await run(async ({ jobRuns }) => {
      expect(await jobRuns.claim('digest', LOFT, '2026-11-16T08:30', T0)).toBe(true);
      expect(await jobRuns.claim('digest', LOFT, '2026-11-16T08:30', at(1))).toBe(false);
      expect(await jobRuns.claim('digest', OTHER, '2026-11-16T08:30', T0)).toBe(true);
      expect(await jobRuns.claim('match-round', LOFT, '2026-11-16T08:30', T0)).toBe(true);
      expect(await jobRuns.claim('digest', LOFT, '2026-11-23T08:30', at(2))).toBe(true);
    });
  });

  it('knows the newest claimed period per job and community', async () => {
    await run(async ({ jobRuns }) => {
      expect(await jobRuns.lastPeriod('digest', LOFT)).toBeUndefined();
      await jobRuns.claim('digest', LOFT, '2026-11-09T08:30', T0);
      await jobRuns.claim('digest', LOFT, '2026-11-16T08:30', at(1));
      await jobRuns.claim('digest', OTHER, '2026-11-23T08:30', at(2));
      expect(await jobRuns.lastPeriod('digest', LOFT)).toBe('2026-11-16T08:30');
      expect(await jobRuns.lastPeriod('match-round', LOFT)).toBeUndefined();
    });
  });

  it('takes "newest" as claimed last, not as the greatest text; the period breaks a tie', async () => {
    await run(async ({ jobRuns }) => {
      await jobRuns.claim('sweep', LOFT, 'week-9', T0);
      await jobRuns.claim('sweep', LOFT, 'week-10', at(1));
      expect(await jobRuns.lastPeriod('sweep', LOFT)).toBe('week-10');
      await jobRuns.claim('tie', LOFT, 'a', T0);
      await jobRuns.claim('tie', LOFT, 'b', T0);
      expect(await jobRuns.lastPeriod('tie', LOFT)).toBe('b');
    });
  });

  it('hands a period to one of two concurrent transactions', async () => {
    // PostgreSQL: the second insert waits on the first's key, then does nothing. SQLite: the two run in turn.
    const claims = await Promise.all(
      [0, 1].map(() => run(async ({ jobRuns }) => await jobRuns.claim('digest', LOFT, '2026-11-16T08:30', T0))),
    );
    expect(claims.sort()).toEqual([false, true]);
  });

  it('holds a running period under a lease: renewed by its owner, taken over only once it ran out', async () => {
    const P = '2026-11-16T08:30';
    const lease = (seconds: number) => at(seconds);
    await run(async ({ jobRuns }) => {
      expect(await jobRuns.state('round', LOFT, P, T0)).toBeUndefined();
      expect(await jobRuns.claimRunning('round', LOFT, P, 'p1', T0, lease(60))).toBe(true);
      expect(await jobRuns.state('round', LOFT, P, at(30))).toBe('held');
      expect(await jobRuns.claimRunning('round', LOFT, P, 'p2', at(30), lease(90))).toBe(false);
      expect(await jobRuns.renew('round', LOFT, P, 'p2', lease(120))).toBe(false);
      expect(await jobRuns.renew('round', LOFT, P, 'p1', lease(120))).toBe(true);
      expect(await jobRuns.state('round', LOFT, P, at(90))).toBe('held');
      // p1 died: at 120 s its lease is over and p2 takes the period, which p1 can no longer renew or finish.
      expect(await jobRuns.state('round', LOFT, P, at(120))).toBe('stalled');
      expect(await jobRuns.claimRunning('round', LOFT, P, 'p2', at(120), lease(180))).toBe(true);
      expect(await jobRuns.renew('round', LOFT, P, 'p1', lease(240))).toBe(false);
      expect(await jobRuns.finish('round', LOFT, P, 'p1', at(130))).toBe(false);
      expect(await jobRuns.lastPeriod('round', LOFT)).toBe(P);
      expect(await jobRuns.finish('round', LOFT, P, 'p2', at(130))).toBe(true);
      expect(await jobRuns.state('round', LOFT, P, at(130))).toBe('done');
      expect(await jobRuns.claimRunning('round', LOFT, P, 'p3', at(999), lease(1999))).toBe(false);
      expect(await jobRuns.claim('round', LOFT, P, at(999))).toBe(false);
    });
  });

  it('lets a released period be taken over at once, and keeps a claimed one done', async () => {
    await run(async ({ jobRuns }) => {
      expect(await jobRuns.claimRunning('round', LOFT, 'p', 'p1', T0, at(60))).toBe(true);
      await jobRuns.release('round', LOFT, 'p', 'p2');
      expect(await jobRuns.state('round', LOFT, 'p', at(1))).toBe('held');
      await jobRuns.release('round', LOFT, 'p', 'p1');
      expect(await jobRuns.state('round', LOFT, 'p', at(1))).toBe('stalled');
      expect(await jobRuns.claimRunning('round', LOFT, 'p', 'p2', at(1), at(61))).toBe(true);
      await jobRuns.claim('digest', LOFT, 'p', T0);
      expect(await jobRuns.state('digest', LOFT, 'p', T0)).toBe('done');
      expect(await jobRuns.state('round', OTHER, 'p', T0)).toBeUndefined();
    });
  });
});

describe('message refs store', () => {
  it('saves, reads and repoints a ref, per community', async () => {
    await run(async ({ messageRefs }) => {
      await messageRefs.save(LOFT, 'card:1', { channelId: 'C1', messageId: '1.0001' });
      expect(await messageRefs.get(LOFT, 'card:1')).toEqual({ channelId: 'C1', messageId: '1.0001' });
      expect(await messageRefs.get(OTHER, 'card:1')).toBeUndefined();
      await messageRefs.save(LOFT, 'card:1', { channelId: 'C2', messageId: '2.0002' });
      expect(await messageRefs.get(LOFT, 'card:1')).toEqual({ channelId: 'C2', messageId: '2.0002' });
    });
  });

  it('renames a ref within its community, and says when there was none', async () => {
    await run(async ({ messageRefs }) => {
      await messageRefs.save(LOFT, 'meetup-card:4:U1', { channelId: 'C1', messageId: 'M1' });
      expect(await messageRefs.rename(OTHER, 'meetup-card:4:U1', 'meetup-card:4')).toBe(false);
      expect(await messageRefs.rename(LOFT, 'meetup-card:4:U1', 'meetup-card:4')).toBe(true);
      expect(await messageRefs.get(LOFT, 'meetup-card:4:U1')).toBeUndefined();
      expect(await messageRefs.get(LOFT, 'meetup-card:4')).toEqual({ channelId: 'C1', messageId: 'M1' });
      expect(await messageRefs.rename(LOFT, 'never-sent', 'x')).toBe(false);
    });
  });

  it('deletes the refs named after a member (last segment) or pointing at their channel, in one community', async () => {
    await run(async ({ messageRefs }) => {
      const sent = { channelId: 'C1', messageId: 'M1' };
      await messageRefs.save(LOFT, 'feedback-ask:3:U1', sent);
      await messageRefs.save(LOFT, ':U1', sent);
      await messageRefs.save(LOFT, 'dm-thread', { channelId: 'U1', messageId: 'M2' });
      await messageRefs.save(LOFT, 'feedback-ask:3:U11', sent); // another member whose id starts the same
      await messageRefs.save(LOFT, 'U1:card', sent); // the id, but not as the last segment
      await messageRefs.save(LOFT, 'XU1', sent);
      await messageRefs.save(OTHER, 'feedback-ask:3:U1', sent);
      expect(await messageRefs.deleteForMember(LOFT, 'U1')).toBe(3);
      for (const kept of ['feedback-ask:3:U11', 'U1:card', 'XU1']) {
        expect(await messageRefs.get(LOFT, kept), kept).toBeDefined();
      }
      expect(await messageRefs.get(OTHER, 'feedback-ask:3:U1')).toBeDefined();
      expect(await messageRefs.deleteForMember(LOFT, 'U1')).toBe(0);
    });
  });
});

describe('inbound events store', () => {
  it('says first sight once per event and community', async () => {
    await run(async ({ inboundEvents }) => {
      expect(await inboundEvents.firstSight(LOFT, 'Ev1', T0)).toBe(true);
      expect(await inboundEvents.firstSight(LOFT, 'Ev1', at(5))).toBe(false);
      expect(await inboundEvents.firstSight(OTHER, 'Ev1', T0)).toBe(true);
    });
  });
});

describe('storage.transaction', () => {
  it('commits what fn wrote and returns its value', async () => {
    const value = await run(async ({ communities }) => {
      await communities.ensure(LOFT, T0);
      return 42;
    });
    expect(value).toBe(42);
    expect(await run(async ({ communities }) => await communities.get(LOFT))).toBeDefined();
  });

  it('rolls everything back when fn rejects, and rejects with the same error', async () => {
    const boom = new Error('boom');
    const attempt = run(async ({ communities, jobRuns }) => {
      await communities.ensure(LOFT, T0);
      await jobRuns.claim('digest', LOFT, 'p', T0);
      throw boom;
    });
    await expect(attempt).rejects.toBe(boom);
    expect(await run(async ({ communities }) => await communities.get(LOFT))).toBeUndefined();
    expect(await run(async ({ jobRuns }) => await jobRuns.claim('digest', LOFT, 'p', T0))).toBe(true);
  });

  it('rolls back a failed statement with the rest of its unit (a bad outbox target)', async () => {
    const attempt = run(async ({ communities, outbox }) => {
      await communities.ensure(LOFT, T0);
      await outbox.enqueue([
        {
          community: LOFT,
          key: 'k',
          target: { kind: 'dm', userIds: [] },
          reply: { text: 'x' },
          notBefore: T0,
          now: T0,
        },
      ]);
    });
    await expect(attempt).rejects.toThrow();
    expect(await run(async ({ communities }) => await communities.list())).toEqual([]);
  });
});
