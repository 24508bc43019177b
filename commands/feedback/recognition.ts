/** "Feedback given": recognition other features show on profiles. */
import type { CommunityId } from '#core/ids.ts';
import type { FeedbackStore } from './store.ts';

/** Ratings from this score up count as helpful. */
export const HELPFUL_SCORE = 4;

/**
 * How many times this member gave feedback that the requester found helpful (rated 4 or 5). Shown on the member's
 * profile as recognition, not ranked against anyone. Read-only; safe to call from any feature.
 */
export async function feedbackGivenCount(
  store: FeedbackStore,
  community: CommunityId,
  userId: string,
): Promise<number> {
  return await store.countRatedGiven(community, userId, HELPFUL_SCORE);
}
