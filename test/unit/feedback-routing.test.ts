import { describe, expect, it } from 'vitest';
import { MAX_REVIEWERS, mergeTiers, placesLeft, rankReviewers, reviewerLoad } from '../../commands/feedback/routing.ts';
import type { ReviewerCandidate } from '../../commands/feedback/store.ts';

const at = (iso: string) => new Date(iso);
function candidate(userId: string, load: Partial<ReviewerCandidate> = {}): ReviewerCandidate {
  return { userId, skills: ['illustration'], openAsks: 0, recentAsks: 0, ...load };
}
const order = (list: readonly { userId: string }[]) => list.map((c) => c.userId);

describe('rankReviewers', () => {
  it('puts members offering a wanted skill before those offering only a related one, whatever their load', () => {
    const ranked = rankReviewers(mergeTiers([candidate('busy', { openAsks: 3 })], [candidate('free')]));
    expect(order(ranked)).toEqual(['busy', 'free']);
  });

  it('puts the least busy first: open asks and asks received lately both count, then longest since asked', () => {
    const ranked = rankReviewers(
      mergeTiers(
        [
          // An ask still open was also received lately: it weighs twice.
          candidate('holding', { openAsks: 1, recentAsks: 1, lastAskedAt: at('2026-01-05') }),
          candidate('many', { recentAsks: 3, lastAskedAt: at('2026-01-02') }),
          candidate('older', { recentAsks: 1, lastAskedAt: at('2026-01-03') }),
          candidate('lately', { recentAsks: 1, lastAskedAt: at('2026-01-04') }),
          candidate('never'),
        ],
        [],
      ),
    );
    expect(order(ranked)).toEqual(['never', 'older', 'lately', 'holding', 'many']);
    expect(reviewerLoad({ userId: 'x', skills: [], openAsks: 2, recentAsks: 3 })).toBe(5);
  });

  it('prefers members offering more of the wanted skills when the load is equal, then sorts by id', () => {
    const ranked = rankReviewers(
      mergeTiers([candidate('b'), candidate('c', { skills: ['illustration', 'zines'] }), candidate('a')], []),
    );
    expect(order(ranked)).toEqual(['c', 'a', 'b']);
  });

  it('counts a member found among both exact and related candidates once, as exact', () => {
    const merged = mergeTiers([candidate('ana')], [candidate('ana'), candidate('bo')]);
    expect(merged.map((c) => [c.userId, c.tier])).toEqual([
      ['ana', 0],
      ['bo', 1],
    ]);
  });
});

describe('placesLeft', () => {
  const now = at('2026-11-16T10:00:00Z');
  it('fills up to the maximum number of reviewers', () => {
    expect(placesLeft(0, undefined, now)).toBe(MAX_REVIEWERS);
    expect(placesLeft(2, undefined, now)).toBe(MAX_REVIEWERS - 2);
    expect(placesLeft(5, undefined, now)).toBe(0);
  });

  it('asks no one new once the deadline has passed', () => {
    expect(placesLeft(0, at('2026-11-16T09:59:00Z'), now)).toBe(0);
    expect(placesLeft(0, at('2026-11-16T10:01:00Z'), now)).toBe(MAX_REVIEWERS);
  });
});
