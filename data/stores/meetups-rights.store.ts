/** The data-rights half of the meetups store: forget a member, export a community. */
import type { MeetupsStore } from '../../commands/meetups/store.ts';
import type { Db } from '../db/executor.ts';

type RightsPart = Pick<MeetupsStore, 'forgetMember' | 'exportRows'>;

type Counts = Record<'rsvps' | 'reminders' | 'prefs' | 'ratings' | 'hosted' | 'feeds' | 'invites', number>;

export function meetupsRightsPart(db: Db): RightsPart {
  return {
    async forgetMember(community, userId) {
      // First, while the rows still say so: the meetups whose cards show this member.
      const answered = await db
        .selectFrom('meetup_rsvps')
        .select('meetup_id as id')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .union(
          db.selectFrom('meetups').select('id').where('community', '=', community).where('host_user_id', '=', userId),
        )
        .execute();
      const deleted = async (
        table: 'meetup_rsvps' | 'meetup_reminders_sent' | 'meetup_reminder_prefs' | 'meetup_ratings' | 'calendar_feeds',
      ) => {
        const result = await db
          .deleteFrom(table)
          .where('community', '=', community)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      };
      const counts: Counts = {
        rsvps: await deleted('meetup_rsvps'),
        reminders: await deleted('meetup_reminders_sent'),
        prefs: await deleted('meetup_reminder_prefs'),
        ratings: await deleted('meetup_ratings'),
        feeds: await deleted('calendar_feeds'),
        hosted: 0,
        invites: 0,
      };
      // Invitations to host: those they received and those they sent (the meetup keeps its current host).
      const invites = await db
        .deleteFrom('meetup_host_invites')
        .where('community', '=', community)
        .where((eb) => eb.or([eb('user_id', '=', userId), eb('invited_by', '=', userId)]))
        .executeTakeFirst();
      counts.invites = Number(invites.numDeletedRows);
      const hosted = await db
        .updateTable('meetups')
        .set({ host_user_id: null })
        .where('community', '=', community)
        .where('host_user_id', '=', userId)
        .executeTakeFirst();
      counts.hosted = Number(hosted.numUpdatedRows);
      // Who created a meetup or a series is not shown anywhere; it goes without being counted.
      for (const table of ['meetups', 'meetup_series'] as const) {
        await db
          .updateTable(table)
          .set({ created_by: null })
          .where('community', '=', community)
          .where('created_by', '=', userId)
          .execute();
      }
      return { counts, meetupIds: answered.map((r) => r.id).sort((a, b) => a - b) };
    },

    async exportRows(community) {
      // What the cards show: meetups, series, and who is going or may come. A "can't go" is counted on the host's
      // stats, never listed; ratings and their comments leave as an aggregate per meetup, as hosts see them.
      const ratings = await db
        .selectFrom('meetup_ratings')
        .select((eb) => ['meetup_id', eb.fn.countAll<number>().as('ratings'), eb.fn.avg<number>('score').as('average')])
        .where('community', '=', community)
        .groupBy('meetup_id')
        .orderBy('meetup_id')
        .execute();
      return {
        meetup_series: await db
          .selectFrom('meetup_series')
          .select(['id', 'repeat', 'timezone', 'first_starts_at', 'active', 'created_by', 'created_at'])
          .where('community', '=', community)
          .orderBy('id')
          .execute(),
        meetups: await db
          .selectFrom('meetups')
          .select([
            'id',
            'series_id',
            'title',
            'starts_at',
            'ends_at',
            'location',
            'capacity',
            'description',
            'host_user_id',
            'status',
            'created_by',
            'created_at',
          ])
          .where('community', '=', community)
          .orderBy('id')
          .execute(),
        meetup_rsvps: await db
          .selectFrom('meetup_rsvps')
          .select(['meetup_id', 'user_id', 'status', 'waitlist_position', 'responded_at'])
          .where('community', '=', community)
          .where('status', '!=', 'no')
          .orderBy('meetup_id')
          .orderBy('user_id')
          .execute(),
        meetup_ratings: ratings.map((r) => ({
          meetup_id: r.meetup_id,
          ratings: Number(r.ratings),
          average_score: Math.round(Number(r.average) * 10) / 10,
        })),
      };
    },
  };
}
