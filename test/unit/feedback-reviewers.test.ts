import { describe, expect, it } from 'vitest';
import { chooseReviewers, type ReviewerSearch, spreadStart, WINDOW } from '../../commands/feedback/reviewers.ts';
import type { ReviewerLoad } from '../../commands/feedback/store.ts';

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
const busy = (userId: string, openAsks: number): ReviewerLoad => ({ userId, openAsks, recentAsks: openAsks });

/** An in-memory stand-in for the feedback store, behaving like offerersOf/reviewerLoads, that records its reads. */
function source(offers: Record<string, readonly string[]>, loads: readonly ReviewerLoad[] = []) {
  const reads: { skill: string; limit: number }[] = [];
  const loadReads: number[] = [];
  return {
    reads,
    loadReads,
    async offerersOf(_community: string, skill: string, start: number, limit: number): Promise<string[]> {
      reads.push({ skill, limit });
      const list = offers[skill] ?? [];
      const from = Math.floor(start * list.length);
      return [...list.slice(from), ...list.slice(0, from)].slice(0, limit);
    },
    async reviewerLoads(_community: string, userIds: readonly string[]): Promise<ReviewerLoad[]> {
      loadReads.push(userIds.length);
      return loads.filter((l) => userIds.includes(l.userId));
    },
  };
}

function search(extra: Partial<ReviewerSearch> = {}): ReviewerSearch {
  return {
    community: 'shell:loft',
    skills: ['illustration'],
    related: ['drawing'],
    exclude: [],
    since: new Date('2026-11-02T00:00:00Z'),
    start: 0,
    count: 3,
    ...extra,
  };
}

describe('chooseReviewers', () => {
  it('reads one bounded window per wanted skill when it holds enough free members', async () => {
    const s = source({ illustration: ids('u', 10_000), drawing: ids('d', 10_000) });
    expect(await chooseReviewers(s, search())).toEqual(['u0000', 'u0001', 'u0002']);
    expect(s.reads).toEqual([{ skill: 'illustration', limit: WINDOW }]);
    expect(Math.max(...s.loadReads)).toBeLessThanOrEqual(WINDOW);
  });

  it('starts each request somewhere else, so asks spread over the whole community', async () => {
    const s = source({ illustration: ids('u', 1_000) });
    const asked = new Set<string>();
    for (let id = 1; id <= 50; id++) {
      for (const r of await chooseReviewers(s, search({ start: spreadStart(id) }))) asked.add(r);
    }
    expect(asked.size).toBe(150);
    const starts = Array.from({ length: 50 }, (_, i) => spreadStart(i + 1));
    expect(starts.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(spreadStart(7)).toBe(spreadStart(7));
  });

  it('never picks the excluded (the requester, members already asked)', async () => {
    const s = source({ illustration: ids('u', 100) });
    expect(await chooseReviewers(s, search({ exclude: ['u0000', 'u0002'] }))).toEqual(['u0001', 'u0003', 'u0004']);
  });

  it('reads further past busy members before asking one of them', async () => {
    const all = ids('u', 200);
    // Everyone but the last three is busy.
    const s = source(
      { illustration: all },
      all.slice(0, 197).map((u) => busy(u, 1)),
    );
    expect((await chooseReviewers(s, search())).sort()).toEqual(all.slice(197));
    expect(s.reads.map((r) => r.limit)).toEqual([WINDOW, WINDOW * 4, WINDOW * 16, WINDOW * 64]);
  });

  it('falls back to the least busy when fewer than the places are free, still before related skills', async () => {
    const all = ids('u', 40);
    const loads = all.map((u, i) => busy(u, i === 5 ? 1 : 2));
    const s = source({ illustration: all, drawing: ids('d', 40) }, [...loads.slice(0, 30), ...loads.slice(31)]);
    // u0030 is free, u0005 carries one ask, the others two: the next is the lowest id among the twos.
    expect(await chooseReviewers(s, search())).toEqual(['u0030', 'u0005', 'u0000']);
    expect(s.reads.some((r) => r.skill === 'drawing')).toBe(false);
  });

  it('turns to related skills only once every wanted-skill offerer is counted', async () => {
    const s = source({ illustration: ['ana', 'bo'], drawing: ['bo', 'cy', 'dee'] }, [busy('bo', 3)]);
    expect(await chooseReviewers(s, search())).toEqual(['ana', 'bo', 'cy']);
    expect(await chooseReviewers(s, search({ count: 1 }))).toEqual(['ana']);
    expect(await chooseReviewers(s, search({ skills: [], related: [] }))).toEqual([]);
    expect(await chooseReviewers(s, search({ count: 0 }))).toEqual([]);
  });
});
