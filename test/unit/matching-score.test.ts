/**
 * The score as the matcher runs it (`PairScorer` on the index, read from the database as the app reads it): how an
 * offer meets a need, two-way over one-way, symmetry, the discounts, the sentence members read, and the round's
 * candidate search over the same index.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skillAffinity } from '../../commands/matching/affinity.ts';
import { type PairRules, RoundCandidates } from '../../commands/matching/candidates.ts';
import { describeMember, explainMatch } from '../../commands/matching/explain.ts';
import { activityAt, complementarity, metFactor } from '../../commands/matching/match-score.ts';
import type { SkillIndex } from '../../commands/matching/skill-index.ts';
import { PairScorer } from '../../commands/matching/slot-score.ts';
import { allSkills } from '../../commands/skills/index.ts';
import { indexOf, type Person } from '../support/match-index.ts';

const s = (skill: string, term?: string) => ({ skill, term });
const emma: Person = {
  userId: 'emma',
  offers: [s('layout-design', 'layout design')],
  needs: [s('photography', 'photos')],
};
const lucas: Person = { userId: 'lucas', offers: [s('photography')], needs: [s('design', 'design work')] };
const mia: Person = { userId: 'mia', offers: [s('writing')], needs: [s('video')] };
const raj: Person = {
  userId: 'raj',
  offers: [s('video'), s('videography')],
  needs: [s('writing'), s('scriptwriting', 'scripts')],
};

/** The score of `b` for `a` (user ids) on `index`. */
function score(index: SkillIndex, a: string, b: string, weeksSinceMet?: number) {
  const scorer = new PairScorer(index);
  scorer.anchorOn(index.slotOf(a)!);
  return scorer.score(index.slotOf(b)!, weeksSinceMet);
}

describe('skillAffinity', () => {
  it('ranks exact over a specialisation over the broad skill over a related one', () => {
    expect(skillAffinity('photography', 'photography')).toBe('exact');
    expect(skillAffinity('design', 'layout-design')).toBe('narrower');
    expect(skillAffinity('scriptwriting', 'writing')).toBe('broader');
    expect(skillAffinity('photography', 'videography')).toBe('related');
    expect(skillAffinity('photography', 'bookkeeping')).toBeUndefined();
  });
});

describe('the pair score', () => {
  it('scores complementarity both ways and a two-way match above two one-way ones', async () => {
    expect(complementarity(1, 1)).toBeGreaterThan(complementarity(2, 0));
    const { index } = await indexOf([emma, lucas, mia]);
    const both = score(index, 'emma', 'lucas');
    expect(both.parts.theyGive.map((l) => l.via)).toEqual(['exact']);
    expect(both.parts.youGive.map((l) => l.via)).toEqual(['narrower']);
    expect(both.complementarity).toBeCloseTo(1 + 0.8 + 0.8);
    // Both work in design and photography: the shared areas add 0.2.
    expect(both.parts.sharedInterests).toEqual(['design', 'photography']);
    expect(both.total).toBeCloseTo(2.6 + 0.2);
    expect(score(index, 'emma', 'mia').total).toBe(0);
  });

  it('is symmetric in total, never negative, and the same in the candidate loops as in explanations', async () => {
    const pool = allSkills().slice(0, 60);
    const skills = (max: number) =>
      fc.uniqueArray(fc.constantFrom(...pool), { maxLength: max }).map((xs) => xs.map((x) => s(x)));
    const person = (userId: string) => fc.record({ userId: fc.constant(userId), offers: skills(5), needs: skills(4) });
    await fc.assert(
      fc.asyncProperty(
        person('a'),
        person('b'),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        async (a, b, w) => {
          const { index } = await indexOf([a, b]);
          const ab = score(index, 'a', 'b', w);
          const scorer = new PairScorer(index);
          scorer.anchorOn(index.slotOf('b')!);
          expect(scorer.total(index.slotOf('a')!, metFactor(w))).toBe(ab.total);
          expect(score(index, 'b', 'a', w).total).toBe(ab.total);
          expect(ab.total).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('discounts pairs who met recently and favours active members', () => {
    expect(metFactor(0)).toBeCloseTo(0.2);
    expect(metFactor(12)).toBeGreaterThan(metFactor(4));
    expect(metFactor(undefined)).toBe(1);
    const now = new Date('2026-11-16T00:00:00Z').getTime();
    expect(activityAt(new Date('2026-11-10T00:00:00Z').getTime(), now)).toBe(1);
    expect(activityAt(new Date('2026-06-01T00:00:00Z').getTime(), now)).toBe(0.25);
    expect(activityAt(Number.NaN, now)).toBe(0.25);
  });
});

describe('explainMatch', () => {
  it('says what each offers the other, with their own words where they say more', async () => {
    const { index } = await indexOf([emma, lucas, mia, raj]);
    expect(explainMatch(score(index, 'emma', 'lucas').parts, 'Lucas')).toBe(
      'Lucas offers photography, which you need; you offer layout design, the kind of design Lucas needs.',
    );
    expect(explainMatch(score(index, 'mia', 'raj').parts, 'Raj')).toBe(
      'Raj offers video, which you need; you offer writing, which Raj needs.',
    );
  });

  it('always has something to say', async () => {
    const { index } = await indexOf([
      { userId: 'a', offers: [], needs: [] },
      { userId: 'b', offers: [], needs: [] },
      { userId: 'c', offers: [s('ux-design')], needs: [] },
      { userId: 'd', offers: [s('branding')], needs: [] },
    ]);
    expect(explainMatch(score(index, 'a', 'b').parts, 'B')).toBe('A chance to meet someone new in the community.');
    expect(explainMatch(score(index, 'c', 'd', 3).parts, 'D')).toBe(
      'You both work in design (you last met 3 weeks ago).',
    );
    expect(describeMember(emma)).toBe('offers layout design; looking for photography');
  });
});

describe("the round's candidates", () => {
  const open = () => ({ factor: () => 1, excluded: () => false });
  async function found(people: readonly Person[], who: string, rules: (index: SkillIndex) => PairRules = open) {
    const { index } = await indexOf(people);
    const candidates = new RoundCandidates(index, rules(index));
    const n = candidates.find(index.slotOf(who)!);
    return { index, ids: Array.from(candidates.slots.subarray(0, n), (slot) => index.userIds[slot]!) };
  }

  it('finds complementary members through the skill index, best first, never excluded ones', async () => {
    // Raj's videography is close to the photography Emma needs: partial credit, ranked after Lucas.
    expect((await found([emma, lucas, mia, raj], 'emma')).ids).toEqual(['lucas', 'raj']);
    expect((await found([emma, lucas, mia, raj], 'mia')).ids).toEqual(['raj']);
    const notLucas = (index: SkillIndex) => ({
      factor: () => 1,
      excluded: (_: number, b: number) => b === index.slotOf('lucas'),
    });
    expect((await found([emma, lucas, mia, raj], 'emma', notLucas)).ids).toEqual(['raj']);
  });

  it('reads a popular skill through a window of its list, and still finds complementary members', async () => {
    const crowd: Person[] = Array.from({ length: 2000 }, (_, i) => ({
      userId: `p${String(i).padStart(4, '0')}`,
      offers: [s('photography')],
      needs: [s('design')],
    }));
    const { index, ids } = await found([emma, ...crowd], 'emma');
    expect(ids).toHaveLength(10);
    expect(ids.every((id) => score(index, 'emma', id).complementarity > 0)).toBe(true);
  });
});
