/**
 * Who to ask for feedback, in order. Pure: the candidates and their load come from the repository.
 * Members who offer one of the wanted skills come before members who offer only a related skill; within each
 * group the least busy come first, so requests spread over the community instead of landing on the same few.
 */
import type { ReviewerCandidate } from './store.ts';

/** At most this many reviewers work on one request at a time. */
export const MAX_REVIEWERS = 3;

/** A candidate with how well their skills fit: 0 = offers a wanted skill, 1 = offers a related skill. */
export interface RankedCandidate extends ReviewerCandidate {
  readonly tier: 0 | 1;
}

/**
 * How busy a member is with feedback: asks waiting on them plus asks they received lately. An open ask received
 * lately counts twice, on purpose: someone already holding a request is the last to bother, but a member who was
 * asked ten times this fortnight and declined them all is not free either.
 */
export function reviewerLoad(c: ReviewerCandidate): number {
  return c.openAsks + c.recentAsks;
}

/** Sorts candidates: fit, then load, then longest since last asked. */
export function rankReviewers(candidates: readonly RankedCandidate[]): RankedCandidate[] {
  return [...candidates].sort(
    (a, b) =>
      a.tier - b.tier ||
      reviewerLoad(a) - reviewerLoad(b) ||
      (a.lastAskedAt?.getTime() ?? 0) - (b.lastAskedAt?.getTime() ?? 0) ||
      b.skills.length - a.skills.length ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
}

/** Joins exact and related candidates, a member found in both counting as exact. */
export function mergeTiers(
  exact: readonly ReviewerCandidate[],
  related: readonly ReviewerCandidate[],
): RankedCandidate[] {
  const seen = new Set(exact.map((c) => c.userId));
  return [
    ...exact.map((c) => ({ ...c, tier: 0 as const })),
    ...related.filter((c) => !seen.has(c.userId)).map((c) => ({ ...c, tier: 1 as const })),
  ];
}

/** How many more reviewers to ask: the free places, none once the deadline has passed. */
export function placesLeft(activeAsks: number, dueAt: Date | undefined, now: Date): number {
  if (dueAt && dueAt.getTime() <= now.getTime()) return 0;
  return Math.max(0, MAX_REVIEWERS - activeAsks);
}
