/**
 * The introductions store's part about who meets whom on cards: the neighbours each posted intro card lists (so
 * forget-me can redraw the cards that name a member), and the avoid lists a card must respect (matching's, read
 * through the shared keyed-hash helpers).
 */
import type { CommunityId } from '#core/ids.ts';
import type { ProfilesStore } from '../../commands/introductions/store.ts';
import type { Db } from '../db/executor.ts';
import { avoidedAmong } from './avoid-hashes.ts';

type CardsPart = Pick<ProfilesStore, 'setCardNeighbours' | 'cardsListing' | 'avoidedAmong'>;

export function introCardsPart(db: Db): CardsPart {
  return {
    async setCardNeighbours(community, userId, neighbours) {
      await db
        .deleteFrom('intro_card_neighbours')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .execute();
      const rows = [...new Set(neighbours)].map((neighbour_id) => ({ community, user_id: userId, neighbour_id }));
      if (rows.length) await db.insertInto('intro_card_neighbours').values(rows).execute();
    },
    async cardsListing(community, userId) {
      const rows = await db
        .selectFrom('intro_card_neighbours')
        .select('user_id')
        .where('community', '=', community)
        .where('neighbour_id', '=', userId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },
    avoidedAmong: (community, userId, others) => avoidedAmong(db, community, userId, others),
  };
}

/** Forget-me: the member's own card's list, and every entry naming them on others' cards. */
export async function forgetCardNeighbours(db: Db, community: CommunityId, userId: string): Promise<void> {
  await db
    .deleteFrom('intro_card_neighbours')
    .where('community', '=', community)
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('neighbour_id', '=', userId)]))
    .execute();
}
