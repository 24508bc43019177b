import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../data/db.ts';
import { createRepositories } from '../../../data/repositories/index.ts';
import type { Repositories } from '#core/ports/repositories.ts';

const LOFT = 'slack:T1';
const OTHER = 'slack:T2';
const T0 = new Date('2026-11-16T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let repos: Repositories;
beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
});

describe('job runs repo', () => {
  it('claims a (job, community, period) exactly once', () => {
    expect(repos.jobRuns.claim('digest', LOFT, '2026-11-16T08:30', T0)).toBe(true);
    expect(repos.jobRuns.claim('digest', LOFT, '2026-11-16T08:30', at(1))).toBe(false);
    expect(repos.jobRuns.claim('digest', OTHER, '2026-11-16T08:30', T0)).toBe(true);
    expect(repos.jobRuns.claim('match-round', LOFT, '2026-11-16T08:30', T0)).toBe(true);
    expect(repos.jobRuns.claim('digest', LOFT, '2026-11-23T08:30', at(2))).toBe(true);
  });

  it('knows the newest claimed period per job and community', () => {
    expect(repos.jobRuns.lastPeriod('digest', LOFT)).toBeUndefined();
    repos.jobRuns.claim('digest', LOFT, '2026-11-09T08:30', T0);
    repos.jobRuns.claim('digest', LOFT, '2026-11-16T08:30', at(1));
    repos.jobRuns.claim('digest', OTHER, '2026-11-23T08:30', at(2));
    expect(repos.jobRuns.lastPeriod('digest', LOFT)).toBe('2026-11-16T08:30');
    expect(repos.jobRuns.lastPeriod('match-round', LOFT)).toBeUndefined();
  });
});

describe('message refs repo', () => {
  it('saves, reads and repoints a ref, per community', () => {
    repos.messageRefs.save(LOFT, 'card:1', { channelId: 'C1', messageId: '1.0001' });
    expect(repos.messageRefs.get(LOFT, 'card:1')).toEqual({ channelId: 'C1', messageId: '1.0001' });
    expect(repos.messageRefs.get(OTHER, 'card:1')).toBeUndefined();
    repos.messageRefs.save(LOFT, 'card:1', { channelId: 'C2', messageId: '2.0002' });
    expect(repos.messageRefs.get(LOFT, 'card:1')).toEqual({ channelId: 'C2', messageId: '2.0002' });
  });
});

describe('inbound events repo', () => {
  it('says first sight once per event and community', () => {
    expect(repos.inboundEvents.firstSight(LOFT, 'Ev1', T0)).toBe(true);
    expect(repos.inboundEvents.firstSight(LOFT, 'Ev1', at(5))).toBe(false);
    expect(repos.inboundEvents.firstSight(OTHER, 'Ev1', T0)).toBe(true);
  });
});

describe('repositories.transaction', () => {
  it('commits what fn wrote and returns its value', () => {
    const value = repos.transaction(() => {
      repos.communities.ensure(LOFT, T0);
      return 42;
    });
    expect(value).toBe(42);
    expect(repos.communities.get(LOFT)).toBeDefined();
  });

  it('rolls everything back when fn throws', () => {
    expect(() =>
      repos.transaction(() => {
        repos.communities.ensure(LOFT, T0);
        repos.jobRuns.claim('digest', LOFT, 'p', T0);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(repos.communities.get(LOFT)).toBeUndefined();
    expect(repos.jobRuns.claim('digest', LOFT, 'p', T0)).toBe(true);
  });

  it('turns a nested call into a savepoint: an inner failure caught outside keeps the outer writes', () => {
    repos.transaction(() => {
      repos.communities.ensure(LOFT, T0);
      try {
        repos.transaction(() => {
          repos.communities.ensure(OTHER, T0);
          throw new Error('inner');
        });
      } catch {
        // the outer transaction goes on
      }
    });
    expect(repos.communities.list().map((c) => c.id)).toEqual([LOFT]);
  });

  it('refuses a function that returns a promise (a transaction must not span an await)', () => {
    expect(() => repos.transaction(async () => {})).toThrow(/promise/i);
  });
});
