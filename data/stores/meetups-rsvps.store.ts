/** The member-facing half of the meetups store: RSVPs, the reminder log, reminder preferences and ratings. */
import { sql } from 'kysely';
import type { MeetupsStore, RatingSummary } from '../../commands/meetups/store.ts';
import type { Db } from '../db/executor.ts';
import { toBool, toFlag, toMs } from '../db/rows.ts';
import { MEETUP_COLUMNS, RSVP_COLUMNS, toMeetup, toRsvp } from './meetups.rows.ts';

type RsvpPart = Pick<
  MeetupsStore,
  | 'getRsvp'
  | 'listRsvps'
  | 'saveRsvp'
  | 'listMemberRsvps'
  | 'recordReminder'
  | 'remindersEnabled'
  | 'setRemindersEnabled'
  | 'saveRating'
  | 'saveRatingComment'
  | 'ratingOf'
  | 'ratingSummary'
>;

/**
 * Seated `going` first, then the waitlist, then maybe, then no. Only waitlisted `going` rows have a position (a
 * CHECK says so), so the dialects' different placing of NULLs never decides the order.
 */
const ANSWER_GROUP = sql`CASE WHEN status = 'going' AND waitlist_position IS NULL THEN 0 WHEN status = 'going' THEN 1
  WHEN status = 'maybe' THEN 2 ELSE 3 END`;

const MEETUP_OF_RSVP = MEETUP_COLUMNS.map((column) => `m.${column}` as const);

/** Code-point order, as SQLite's BINARY collation sorts (PostgreSQL's depends on the database's locale). */
const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function rsvps(db: Db) {
  return {
    async getRsvp(community, meetupId, userId) {
      const row = await db
        .selectFrom('meetup_rsvps')
        .select(RSVP_COLUMNS)
        .where('community', '=', community)
        .where('meetup_id', '=', meetupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && toRsvp(row);
    },
    async listRsvps(community, meetupId) {
      const rows = await db
        .selectFrom('meetup_rsvps')
        .select(RSVP_COLUMNS)
        .where('community', '=', community)
        .where('meetup_id', '=', meetupId)
        .orderBy(ANSWER_GROUP)
        .orderBy('waitlist_position')
        .orderBy('responded_at')
        .orderBy('user_id')
        .execute();
      return rows.map(toRsvp);
    },
    async saveRsvp(community, r) {
      await db
        .insertInto('meetup_rsvps')
        .values({
          community,
          meetup_id: r.meetupId,
          user_id: r.userId,
          status: r.status,
          waitlist_position: r.waitlistPosition ?? null,
          responded_at: toMs(r.respondedAt),
        })
        .onConflict((oc) =>
          oc
            .columns(['meetup_id', 'user_id'])
            .doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              waitlist_position: eb.ref('excluded.waitlist_position'),
              responded_at: eb.ref('excluded.responded_at'),
            }))
            // The key has no community: never let one community overwrite another's answer.
            .where('meetup_rsvps.community', '=', (eb) => eb.ref('excluded.community')),
        )
        .execute();
    },
    async listMemberRsvps(community, userId, now) {
      const rows = await db
        .selectFrom('meetup_rsvps as r')
        .innerJoin('meetups as m', (join) =>
          join.onRef('m.id', '=', 'r.meetup_id').onRef('m.community', '=', 'r.community'),
        )
        .select(MEETUP_OF_RSVP)
        .select(['r.status as r_status', 'r.waitlist_position as r_position', 'r.responded_at as r_at'])
        .where('r.community', '=', community)
        .where('r.user_id', '=', userId)
        .where('m.status', '=', 'scheduled')
        .where('m.ends_at', '>', toMs(now))
        .orderBy('m.starts_at')
        .orderBy('m.id')
        .execute();
      return rows.map((row) => ({
        meetup: toMeetup(row),
        rsvp: toRsvp({
          meetup_id: row.id,
          user_id: userId,
          status: row.r_status,
          waitlist_position: row.r_position,
          responded_at: row.r_at,
        }),
      }));
    },
  } satisfies Partial<RsvpPart>;
}

function reminders(db: Db) {
  return {
    async recordReminder(community, r, now) {
      const result = await db
        .insertInto('meetup_reminders_sent')
        .values({
          community,
          meetup_id: r.meetupId,
          user_id: r.userId,
          kind: r.kind,
          revision: r.revision,
          sent_at: toMs(now),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async remindersEnabled(community, userId) {
      const row = await db
        .selectFrom('meetup_reminder_prefs')
        .select('enabled')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined || toBool(row.enabled);
    },
    async setRemindersEnabled(community, userId, enabled, now) {
      await db
        .insertInto('meetup_reminder_prefs')
        .values({ community, user_id: userId, enabled: toFlag(enabled), updated_at: toMs(now) })
        .onConflict((oc) =>
          oc.columns(['community', 'user_id']).doUpdateSet((eb) => ({
            enabled: eb.ref('excluded.enabled'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
  } satisfies Partial<RsvpPart>;
}

function ratings(db: Db) {
  return {
    async saveRating(community, meetupId, userId, score, now) {
      await db
        .insertInto('meetup_ratings')
        .values({ community, meetup_id: meetupId, user_id: userId, score, rated_at: toMs(now) })
        .onConflict((oc) =>
          oc
            .columns(['meetup_id', 'user_id'])
            .doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), rated_at: eb.ref('excluded.rated_at') }))
            .where('meetup_ratings.community', '=', (eb) => eb.ref('excluded.community')),
        )
        .execute();
    },
    async saveRatingComment(community, meetupId, userId, comment) {
      const result = await db
        .updateTable('meetup_ratings')
        .set({ comment })
        .where('community', '=', community)
        .where('meetup_id', '=', meetupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async ratingOf(community, meetupId, userId) {
      const row = await db
        .selectFrom('meetup_ratings')
        .select('score')
        .where('community', '=', community)
        .where('meetup_id', '=', meetupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.score;
    },
    /** One read of the meetup's ratings (a few dozen rows at most), summed here. */
    async ratingSummary(community, meetupId): Promise<RatingSummary> {
      const rows = await db
        .selectFrom('meetup_ratings')
        .select(['score', 'comment'])
        .where('community', '=', community)
        .where('meetup_id', '=', meetupId)
        .execute();
      const distribution = [0, 0, 0, 0, 0];
      let total = 0;
      for (const { score } of rows) {
        distribution[score - 1]! += 1;
        total += score;
      }
      // Sorted by text, not time or author, so the list does not hint at who wrote what.
      const comments = rows.flatMap((r) => (r.comment === null ? [] : [r.comment])).sort(byCodePoint);
      return { count: rows.length, average: rows.length ? total / rows.length : undefined, distribution, comments };
    },
  } satisfies Partial<RsvpPart>;
}

export function meetupsRsvpPart(db: Db): RsvpPart {
  return { ...rsvps(db), ...reminders(db), ...ratings(db) };
}
