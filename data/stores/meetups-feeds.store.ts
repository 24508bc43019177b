/**
 * Calendar feeds of the meetups store: the feed addresses (only a SHA-256 of each token is kept) and what a
 * member's feed lists. A member has at most one feed and a community one community feed: the unique indexes of
 * `calendar_feeds` decide, so two resets at once cannot leave two addresses working.
 */
import type { MeetupsStore } from '../../commands/meetups/store.ts';
import type { Db } from '../db/executor.ts';
import { toCommunityId, toDate, toMs } from '../db/rows.ts';
import { MEETUP_COLUMNS, toMeetup } from './meetups.rows.ts';

type FeedsPart = Pick<
  MeetupsStore,
  'calendarFeedSince' | 'saveCalendarFeed' | 'findCalendarFeed' | 'listMemberCalendar'
>;

export function meetupsFeedsPart(db: Db): FeedsPart {
  const feedOf = (community: string, userId: string | undefined) => {
    const query = db.selectFrom('calendar_feeds').where('community', '=', community);
    return userId === undefined ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
  };
  return {
    async calendarFeedSince(community, userId) {
      const row = await feedOf(community, userId).select('created_at').executeTakeFirst();
      return row && toDate(row.created_at);
    },
    async saveCalendarFeed(community, userId, tokenHash, now) {
      const old = db.deleteFrom('calendar_feeds').where('community', '=', community);
      await (userId === undefined ? old.where('user_id', 'is', null) : old.where('user_id', '=', userId)).execute();
      await db
        .insertInto('calendar_feeds')
        .values({ token_hash: tokenHash, community, user_id: userId ?? null, created_at: toMs(now) })
        .execute();
    },
    async findCalendarFeed(tokenHash) {
      const row = await db
        .selectFrom('calendar_feeds')
        .select(['community', 'user_id'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && { community: toCommunityId(row.community), userId: row.user_id ?? undefined };
    },
    async listMemberCalendar(community, userId, from, limit) {
      const rows = await db
        .selectFrom('meetups as m')
        .innerJoin('meetup_rsvps as r', (join) =>
          join.onRef('r.meetup_id', '=', 'm.id').onRef('r.community', '=', 'm.community'),
        )
        .select(MEETUP_COLUMNS.map((c) => `m.${c}` as const))
        .where('m.community', '=', community)
        .where('r.user_id', '=', userId)
        .where('r.status', 'in', ['going', 'maybe'])
        .where('m.ends_at', '>=', toMs(from))
        .orderBy('m.starts_at')
        .orderBy('m.id')
        .limit(limit)
        .execute();
      return rows.map(toMeetup);
    },
  };
}
