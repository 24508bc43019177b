/** "Feedback given": recognition other features show on profiles. */
import type { CommunityId } from '#core/ids.ts';
import type { Repositories } from '#core/ports/repositories.ts';

/** Ratings from this score up count as helpful. */
export const HELPFUL_SCORE = 4;

/**
 * How many times this member gave feedback that the requester found helpful (rated 4 or 5). Shown on the member's
 * profile as recognition, not ranked against anyone. Read-only; safe to call from any feature.
 */
export function feedbackGivenCount(repos: Repositories, community: CommunityId, userId: string): number {
  return repos.feedback.countRatedGiven(community, userId, HELPFUL_SCORE);
}
