/**
 * The avoid-list part of the matching store. The avoided member is stored by keyed hash beside the readable id (see
 * avoid-hashes.ts), so an entry outlives their forget-me: `forgetAvoids` deletes the member's own list and clears
 * their id from others' lists, keeping the hash.
 */
import type { CommunityId } from '#core/ids.ts';
import type { MatchingStore } from '../../commands/matching/store.ts';
import type { Db } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';
import { avoidedAmong, avoidHash, avoidKey, avoidPairs } from './avoid-hashes.ts';

type AvoidPart = Pick<MatchingStore, 'addAvoid' | 'removeAvoid' | 'avoids' | 'avoidPairs' | 'avoidedAmong'>;

export function matchingAvoidPart(db: Db): AvoidPart {
  return {
    async addAvoid(community, userId, otherId, now) {
      const key = (await avoidKey(db, community, true))!;
      const hash = avoidHash(key, otherId);
      const existing = await db
        .selectFrom('match_avoid')
        .select('avoid_user_id')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('avoid_hash', '=', hash)
        .executeTakeFirst();
      if (existing) {
        // They were forgotten and came back: the entry held; it names them again for the avoider's own list.
        if (existing.avoid_user_id === null) {
          await db
            .updateTable('match_avoid')
            .set({ avoid_user_id: otherId })
            .where('community', '=', community)
            .where('user_id', '=', userId)
            .where('avoid_hash', '=', hash)
            .execute();
        }
        return false;
      }
      await db
        .insertInto('match_avoid')
        .values({ community, user_id: userId, avoid_user_id: otherId, avoid_hash: hash, created_at: toMs(now) })
        .execute();
      return true;
    },
    async removeAvoid(community, userId, otherId) {
      const key = await avoidKey(db, community, false);
      const result = await db
        .deleteFrom('match_avoid')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where((eb) =>
          eb.or([eb('avoid_user_id', '=', otherId), ...(key ? [eb('avoid_hash', '=', avoidHash(key, otherId))] : [])]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async avoids(community, userId) {
      const rows = await db
        .selectFrom('match_avoid')
        .select('avoid_user_id')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('avoid_user_id')
        .execute();
      const members = rows.flatMap((r) => (r.avoid_user_id === null ? [] : [r.avoid_user_id]));
      return { members, forgotten: rows.length - members.length };
    },
    avoidPairs: (community) => avoidPairs(db, community),
    avoidedAmong: (community, userId, others) => avoidedAmong(db, community, userId, others),
  };
}

/**
 * Forget-me: deletes the member's own avoid list and clears their id from the lists of members who avoid them
 * (hashing any older row first), so those members stay protected. Returns the rows deleted or cleared.
 */
export async function forgetAvoids(db: Db, community: CommunityId, userId: string): Promise<number> {
  const own = await db
    .deleteFrom('match_avoid')
    .where('community', '=', community)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const named = await db
    .selectFrom('match_avoid')
    .select('user_id')
    .where('community', '=', community)
    .where('avoid_user_id', '=', userId)
    .execute();
  if (named.length > 0) {
    await avoidKey(db, community, true);
    await db
      .updateTable('match_avoid')
      .set({ avoid_user_id: null })
      .where('community', '=', community)
      .where('avoid_user_id', '=', userId)
      .execute();
  }
  return Number(own.numDeletedRows) + named.length;
}
