import { describe, expect, it } from 'vitest';
import { FairTurns } from '#core/outbox/fair-turns.ts';

const turns = (t: FairTurns, n: number) => Array.from({ length: n }, () => t.next()?.community);

describe('FairTurns', () => {
  it('takes communities in turn, one message each, wrapping around', () => {
    const t = new FairTurns();
    t.offer('discord:3', 1);
    t.offer('discord:1', 1);
    t.offer('discord:2', 1);
    expect(turns(t, 5)).toEqual(['discord:1', 'discord:2', 'discord:3', 'discord:1', 'discord:2']);
  });

  it('a newcomer gets its turn within one round, not after the busiest community', () => {
    const t = new FairTurns();
    t.offer('discord:1', 1);
    expect(turns(t, 3)).toEqual(['discord:1', 'discord:1', 'discord:1']);
    t.offer('discord:0', 1);
    expect(turns(t, 2)).toEqual(['discord:0', 'discord:1']);
  });

  it('the most urgent priority goes first, and says how urgent a claim must be not to jump the queue', () => {
    const t = new FairTurns();
    t.offer('discord:1', 1);
    t.offer('discord:2', 0);
    t.offer('discord:3', 1);
    expect(t.next()).toEqual({ community: 'discord:2', maxPriority: 1 });
    t.offer('discord:2', 1);
    // discord:2 was served last: the turn moves on to 3, and must not take anything less urgent than 1 (1 waits).
    expect(t.next()).toEqual({ community: 'discord:3', maxPriority: 1 });
    t.drop('discord:1');
    t.drop('discord:2');
    expect(t.next()).toEqual({ community: 'discord:3', maxPriority: Number.POSITIVE_INFINITY });
    t.drop('discord:3');
    expect(t.next()).toBeUndefined();
    expect(t.size).toBe(0);
  });
});
