/** The Discord adapter's memory of interaction ids: a copy is recognised, and the memory stays bounded. */
import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../adapters/discord/recent-ids.ts';

describe('RecentIds', () => {
  it('accepts an id once and refuses its copies', () => {
    const seen = new RecentIds();
    expect(seen.add('1')).toBe(true);
    expect(seen.add('1')).toBe(false);
    expect(seen.add('2')).toBe(true);
  });

  it('forgets the oldest id past its size, and only that one', () => {
    const seen = new RecentIds(2);
    for (const id of ['a', 'b', 'c']) seen.add(id);
    expect(seen.add('c')).toBe(false);
    expect(seen.add('b')).toBe(false);
    expect(seen.add('a')).toBe(true);
  });
});
