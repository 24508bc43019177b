import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSkillIndex, findCandidates } from '../../commands/matching/candidates.ts';
import { describeMember, explainMatch } from '../../commands/matching/explain.ts';
import {
  activity,
  complementarity,
  type MatchProfile,
  metFactor,
  scorePair,
  skillAffinity,
} from '../../commands/matching/match-score.ts';
import { allSkills } from '../../commands/skills/index.ts';

const s = (skill: string, term?: string) => ({ skill, term });
const emma: MatchProfile = {
  userId: 'emma',
  offers: [s('layout-design', 'layout design')],
  needs: [s('photography', 'photos')],
};
const lucas: MatchProfile = { userId: 'lucas', offers: [s('photography')], needs: [s('design', 'design work')] };
const mia: MatchProfile = { userId: 'mia', offers: [s('writing')], needs: [s('video')] };
const raj: MatchProfile = {
  userId: 'raj',
  offers: [s('video'), s('videography')],
  needs: [s('writing'), s('scriptwriting', 'scripts')],
};

describe('skillAffinity', () => {
  it('ranks exact over a specialisation over the broad skill over a related one', () => {
    expect(skillAffinity('photography', 'photography')).toBe('exact');
    expect(skillAffinity('design', 'layout-design')).toBe('narrower');
    expect(skillAffinity('scriptwriting', 'writing')).toBe('broader');
    expect(skillAffinity('photography', 'videography')).toBe('related');
    expect(skillAffinity('photography', 'bookkeeping')).toBeUndefined();
  });
});

describe('scorePair', () => {
  it('scores complementarity both ways and a two-way match above two one-way ones', () => {
    expect(complementarity(1, 1)).toBeGreaterThan(complementarity(2, 0));
    const both = scorePair(emma, lucas);
    expect(both.parts.theyGive.map((l) => l.via)).toEqual(['exact']);
    expect(both.parts.youGive.map((l) => l.via)).toEqual(['narrower']);
    expect(both.total).toBeGreaterThan(scorePair(emma, mia).total);
    expect(scorePair(emma, mia).total).toBe(0);
  });

  it('is symmetric in total', () => {
    const pool = allSkills().slice(0, 60);
    const profile = (id: string) =>
      fc.record({
        userId: fc.constant(id),
        offers: fc.array(
          fc.constantFrom(...pool).map((x) => s(x)),
          { maxLength: 5 },
        ),
        needs: fc.array(
          fc.constantFrom(...pool).map((x) => s(x)),
          { maxLength: 4 },
        ),
        interests: fc.array(fc.constantFrom('design', 'video', 'music'), { maxLength: 3 }),
      });
    fc.assert(
      fc.property(
        profile('a'),
        profile('b'),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        (a, b, w) => {
          expect(scorePair(a, b, w).total).toBeCloseTo(scorePair(b, a, w).total, 9);
          expect(scorePair(a, b, w).total).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('discounts pairs who met recently and favours active members', () => {
    expect(metFactor(0)).toBeCloseTo(0.2);
    expect(metFactor(12)).toBeGreaterThan(metFactor(4));
    expect(metFactor(undefined)).toBe(1);
    const now = new Date('2026-11-16T00:00:00Z');
    expect(activity(new Date('2026-11-10T00:00:00Z'), now)).toBe(1);
    expect(activity(new Date('2026-06-01T00:00:00Z'), now)).toBe(0.25);
  });
});

describe('explainMatch', () => {
  it('says what each offers the other, with their own words where they say more', () => {
    expect(explainMatch(scorePair(emma, lucas).parts, 'Lucas')).toBe(
      'Lucas offers photography, which you need; you offer layout design, the kind of design Lucas needs.',
    );
    expect(explainMatch(scorePair(mia, raj).parts, 'Raj')).toBe(
      'Raj offers video, which you need; you offer writing, which Raj needs.',
    );
  });

  it('always has something to say', () => {
    const none = scorePair({ userId: 'a', offers: [], needs: [] }, { userId: 'b', offers: [], needs: [] });
    expect(explainMatch(none.parts, 'B')).toBe('A chance to meet someone new in the community.');
    const peers = scorePair(
      { userId: 'a', offers: [], needs: [], interests: ['design'] },
      { userId: 'b', offers: [], needs: [], interests: ['design'] },
      3,
    );
    expect(explainMatch(peers.parts, 'B')).toBe('You both work in design (you last met 3 weeks ago).');
    expect(describeMember(emma)).toBe('offers layout design; looking for photography');
  });
});

describe('findCandidates', () => {
  it('finds complementary members through the skill index, best first, never excluded ones', () => {
    const people = [emma, lucas, mia, raj];
    const index = buildSkillIndex(people);
    // Raj's videography is close to the photography Emma needs: partial credit, ranked after Lucas.
    expect(findCandidates(people, index, 0).map((c) => people[c.index]!.userId)).toEqual(['lucas', 'raj']);
    expect(findCandidates(people, index, 2).map((c) => people[c.index]!.userId)).toEqual(['raj']);
    const excluded = findCandidates(people, index, 0, { excluded: (a, b) => a === 'emma' && b === 'lucas' });
    expect(excluded.map((c) => people[c.index]!.userId)).toEqual(['raj']);
  });

  it('reads at most the budget of postings for popular skills', () => {
    const crowd: MatchProfile[] = Array.from({ length: 5000 }, (_, i) => ({
      userId: `p${i}`,
      offers: [s('photography')],
      needs: [s('design')],
    }));
    const people = [emma, ...crowd];
    const found = findCandidates(people, buildSkillIndex(people), 0, { perList: 20, budget: 50, limit: 5 });
    expect(found).toHaveLength(5);
    expect(found.every((c) => c.score.complementarity > 0)).toBe(true);
  });
});
