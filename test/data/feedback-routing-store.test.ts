/**
 * The feedback store's routing reads on the run's database: the rotating window of a skill's offerers, reviewer
 * loads, a member's skills.
 */
import { describe, expect, it } from 'vitest';
import { pivotBetween } from '../../data/stores/feedback-rotation.ts';
import {
  daysAgo,
  freshStorageEachTest,
  LOFT,
  memberWith,
  markLeft,
  NOW,
  request,
  run,
  STUDIO,
} from './feedback-fixtures.ts';

freshStorageEachTest();

/** u00 … u09. */
async function tenOfferers(): Promise<string[]> {
  const ids = Array.from({ length: 10 }, (_, i) => `u0${i}`);
  for (const id of ids) await memberWith(id);
  return ids;
}
describe('offerersOf', () => {
  it('reads a bounded window of offerers that starts where asked and wraps around', async () => {
    const ids = await tenOfferers();
    await run(async (f) => {
      expect(await f.offerersOf(LOFT, 'illustration', 0, 4)).toEqual(ids.slice(0, 4));
      expect(await f.offerersOf(LOFT, 'illustration', 0.5, 4)).toEqual(ids.slice(5, 9));
      expect(await f.offerersOf(LOFT, 'illustration', 0.9, 4)).toEqual(['u09', 'u00', 'u01', 'u02']);
    });
  });

  it('returns every offerer once when the window is larger than the list, whatever the start', async () => {
    const ids = await tenOfferers();
    await run(async (f) => {
      for (const start of [0, 0.25, 0.99, 1, -1, Number.NaN]) {
        const found = await f.offerersOf(LOFT, 'illustration', start, 50);
        expect([...found].sort()).toEqual(ids);
      }
    });
  });

  it('spreads its starts over the whole list', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    for (const id of ids) await memberWith(id);
    const firsts = await run(async (f) => {
      const found: string[] = [];
      for (let i = 0; i < 40; i++) found.push(...(await f.offerersOf(LOFT, 'illustration', i / 40, 1)));
      return found;
    });
    // In order, reaching nearly everyone: an id right after a gap in the key space (m10, m20…) is a little likelier.
    expect(firsts).toEqual([...firsts].sort());
    expect(new Set(firsts).size).toBeGreaterThanOrEqual(36);
  });

  it('never returns members who left, paused review asks, only need the skill, or belong elsewhere', async () => {
    for (const id of ['ana', 'gone', 'paused']) await memberWith(id);
    await memberWith('bo', ['photography']);
    await memberWith('cy', ['illustration'], STUDIO);
    await memberWith('dee', ['illustration'], LOFT, 'need');
    await markLeft(LOFT, ['gone']);
    await run(async (f) => {
      await f.setOptOut(LOFT, 'paused', 'asks', true, NOW);
      await f.setOptOut(LOFT, 'ana', 'helpful', true, NOW);
      expect(await f.offerersOf(LOFT, 'illustration', 0, 50)).toEqual(['ana']);
      // The window counts members it may return: the filtered ones do not take places.
      expect(await f.offerersOf(LOFT, 'illustration', 0.5, 1)).toEqual(['ana']);
      expect(await f.offerersOf(LOFT, 'zines', 0, 50)).toEqual([]);
      expect(await f.offerersOf(LOFT, 'illustration', 0, 0)).toEqual([]);
      expect(await f.offerersOf(STUDIO, 'illustration', 0, 50)).toEqual(['cy']);
    });
  });

  it('reads past runs of members it may not return, on both sides of the start', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    for (const id of ids) await memberWith(id);
    // p10…p27 left: a run longer than several windows right after the start (p10).
    await markLeft(LOFT, ids.slice(10, 28));
    await run(async (f) => {
      // The window starts at p10 (the first id after 'p1').
      expect(pivotBetween('p00', 'p29', 1 / 3)).toBe('p1');
      expect(await f.offerersOf(LOFT, 'illustration', 1 / 3, 3)).toEqual(['p28', 'p29', 'p00']);
      expect(await f.offerersOf(LOFT, 'illustration', 1 / 3, 50)).toEqual([...ids.slice(28), ...ids.slice(0, 10)]);
    });
  });
});

describe('pivotBetween', () => {
  it('interpolates in the characters the ids are made of', () => {
    expect(pivotBetween('u00', 'u09', 0)).toBe('u00');
    expect(pivotBetween('u00', 'u09', 0.5)).toBe('u05');
    // Between ids: the reader starts at the next one, m20.
    expect(pivotBetween('m00', 'm39', 0.5)).toBe('m2');
    expect(pivotBetween('U0AAA', 'U0ZZZ', 0.5) > 'U0M').toBe(true);
  });

  it('stays between the ends, whatever the ids and the start', () => {
    const pairs: [string, string][] = [
      ['a', 'b'],
      ['ana', 'zoe'],
      ['bo', 'bob'],
      ['1234567890123456789', '99999999999999999'],
      ['U01ABCDEFGH', 'U09ZZZZZZZZ'],
      ['x-1', 'x_9'],
      ['same', 'same'],
    ];
    for (const [lo, hi] of pairs) {
      for (const start of [0, 0.001, 0.3, 0.5, 0.999, 1, -2, Number.NaN]) {
        const pivot = pivotBetween(lo, hi, start);
        expect(pivot >= lo && pivot <= hi, `${lo}…${hi} at ${start}: ${pivot}`).toBe(true);
      }
    }
  });
});

describe('reviewerLoads', () => {
  it('counts waiting asks on open requests, asks since the given instant, and the last ask', async () => {
    const old = await request('zoe', daysAgo(30));
    const open = await request('yan', daysAgo(2));
    const closed = await request('xia', daysAgo(1));
    await run(async (f) => {
      await f.addAsk(LOFT, old.id, 'ana', 'asked', daysAgo(30));
      await f.answerAsk(LOFT, old.id, 'ana', ['asked'], 'declined', daysAgo(29));
      await f.addAsk(LOFT, open.id, 'ana', 'accepted', daysAgo(2));
      await f.addAsk(LOFT, closed.id, 'ana', 'asked', daysAgo(1));
      await f.addAsk(LOFT, closed.id, 'bo', 'asked', daysAgo(1));
      await f.setRequestStatus(LOFT, closed.id, ['open'], 'cancelled');
      await f.addAsk(LOFT, old.id, 'cy', 'asked', daysAgo(30));
      await f.answerAsk(LOFT, old.id, 'cy', ['asked'], 'given', daysAgo(29));
    });

    await run(async (f) => {
      const loads = await f.reviewerLoads(LOFT, ['ana', 'bo', 'cy', 'dee'], daysAgo(14));
      const byId = new Map(loads.map((l) => [l.userId, l]));
      // Never asked: absent (load 0).
      expect(byId.has('dee')).toBe(false);
      expect(byId.get('ana')).toEqual({ userId: 'ana', openAsks: 1, recentAsks: 2, lastAskedAt: daysAgo(1) });
      // Its only ask is on a cancelled request: received lately, but no longer waiting.
      expect(byId.get('bo')).toEqual({ userId: 'bo', openAsks: 0, recentAsks: 1, lastAskedAt: daysAgo(1) });
      // Asked long ago: free, but known to have been asked.
      expect(byId.get('cy')).toEqual({ userId: 'cy', openAsks: 0, recentAsks: 0, lastAskedAt: daysAgo(30) });
      expect(await f.reviewerLoads(STUDIO, ['ana', 'bo', 'cy'], daysAgo(14))).toEqual([]);
      expect(await f.reviewerLoads(LOFT, [], daysAgo(14))).toEqual([]);
    });
  });
});

describe('memberSkills', () => {
  it('lists one kind of a member’s skills in the order they added them', async () => {
    await memberWith('ana', ['typography', 'illustration', 'zines']);
    await memberWith('ana', ['editing'], LOFT, 'need');
    await memberWith('ana', ['pottery'], STUDIO);
    await run(async (f) => {
      expect(await f.memberSkills(LOFT, 'ana', 'offer')).toEqual(['typography', 'illustration', 'zines']);
      expect(await f.memberSkills(LOFT, 'ana', 'need')).toEqual(['editing']);
      expect(await f.memberSkills(LOFT, 'bo', 'offer')).toEqual([]);
    });
  });
});
