/** The avoid list at the moment of an introduction: checked by every path that brings members together. */
import type { CommunityId } from '#core/ids.ts';
import type { MatchingStore } from './store.ts';

/**
 * True if any two of `userIds` are on each other's avoid list now, either way (by id, or by keyed hash for a member
 * forgotten and back). Callers say so without naming who avoids whom: the list is private.
 */
export async function anyAvoided(
  store: Pick<MatchingStore, 'avoidedAmong'>,
  community: CommunityId,
  userIds: readonly string[],
): Promise<boolean> {
  for (const [i, userId] of userIds.entries()) {
    const rest = userIds.slice(i + 1);
    if (rest.length && (await store.avoidedAmong(community, userId, rest)).length) return true;
  }
  return false;
}
