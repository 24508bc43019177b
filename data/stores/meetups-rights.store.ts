/** The data-rights half of the meetups store: forget a member, export a community. */
import { sql } from 'kysely';
import type { MeetupsStore } from '../../commands/meetups/store.ts';
import type { Db } from '../db/executor.ts';

type RightsPart = Pick<MeetupsStore, 'forgetMember' | 'exportRows'>;

/** The tables a community's export holds whole, each in a stable order (its key). */
const WHOLE_TABLES = {
  meetup_series: ['id'],
  meetups: ['id'],
  meetup_rsvps: ['meetup_id', 'user_id'],
  meetup_reminders_sent: ['meetup_id', 'user_id', 'kind', 'revision'],
  meetup_reminder_prefs: ['user_id'],
} as const;

type Counts = Record<'rsvps' | 'reminders' | 'prefs' | 'ratings' | 'hosted' | 'feeds', number>;

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
      };
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
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const [table, key] of Object.entries(WHOLE_TABLES)) {
        let query = db
          .selectFrom(table as keyof typeof WHOLE_TABLES)
          .selectAll()
          .where('community', '=', community);
        for (const column of key) query = query.orderBy(sql.ref(column));
        out[table] = await query.execute();
      }
      // Ratings leave without their authors: hosts and managers see aggregates only, the export included.
      out.meetup_ratings = await db
        .selectFrom('meetup_ratings')
        .select(['community', 'meetup_id', 'score', 'comment', 'rated_at'])
        .where('community', '=', community)
        .orderBy('meetup_id')
        .orderBy('rated_at')
        .orderBy('score')
        .execute();
      return out;
    },
  };
}
