/** The member-facing half of MeetupsStore: RSVPs, the reminder log, reminder preferences and ratings. */
import type { Database } from 'better-sqlite3';
import type { MeetupsStore, RsvpStatus } from '../../commands/meetups/store.ts';
import { MEETUP_COLUMNS, type MeetupRow, RSVP_COLUMNS, type RsvpRow, toMeetup, toRsvp } from './meetups.rows.ts';
import { toMs } from './rows.ts';

type RsvpPart = Pick<
  MeetupsStore,
  | 'getRsvp'
  | 'listRsvps'
  | 'saveRsvp'
  | 'nextWaitlistPosition'
  | 'listMemberRsvps'
  | 'recordReminder'
  | 'remindersEnabled'
  | 'setRemindersEnabled'
  | 'saveRating'
  | 'saveRatingComment'
  | 'ratingSummary'
>;

const ORDER = `CASE WHEN status = 'going' AND waitlist_position IS NULL THEN 0 WHEN status = 'going' THEN 1
  WHEN status = 'maybe' THEN 2 ELSE 3 END, waitlist_position, responded_at, user_id`;

const PREFIXED = MEETUP_COLUMNS.split(', ')
  .map((c) => `m.${c}`)
  .join(', ');

type MemberRsvpRow = MeetupRow & { r_status: RsvpStatus; r_position: number | null; r_at: number };

function createRsvps(db: Database) {
  const get = db.prepare<[string, number, string], RsvpRow>(
    `SELECT ${RSVP_COLUMNS} FROM meetup_rsvps WHERE community = ? AND meetup_id = ? AND user_id = ?`,
  );
  const list = db.prepare<[string, number], RsvpRow>(
    `SELECT ${RSVP_COLUMNS} FROM meetup_rsvps WHERE community = ? AND meetup_id = ? ORDER BY ${ORDER}`,
  );
  const save = db.prepare<[string, number, string, string, number | null, number]>(
    `INSERT INTO meetup_rsvps (community, meetup_id, user_id, status, waitlist_position, responded_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (meetup_id, user_id) DO UPDATE SET status = excluded.status,
       waitlist_position = excluded.waitlist_position, responded_at = excluded.responded_at
     WHERE meetup_rsvps.community = excluded.community`,
  );
  const next = db.prepare<[string, number], { next: number }>(
    'SELECT coalesce(max(waitlist_position), 0) + 1 AS next FROM meetup_rsvps WHERE community = ? AND meetup_id = ?',
  );
  const mine = db.prepare<[string, string, number], MemberRsvpRow>(
    `SELECT ${PREFIXED}, r.status AS r_status, r.waitlist_position AS r_position, r.responded_at AS r_at
     FROM meetup_rsvps r JOIN meetups m ON m.id = r.meetup_id AND m.community = r.community
     WHERE r.community = ? AND r.user_id = ? AND m.status = 'scheduled' AND m.ends_at > ?
     ORDER BY m.starts_at, m.id`,
  );
  return {
    getRsvp(community, meetupId, userId) {
      const row = get.get(community, meetupId, userId);
      return row && toRsvp(row);
    },
    listRsvps: (community, meetupId) => list.all(community, meetupId).map(toRsvp),
    saveRsvp(community, r) {
      save.run(community, r.meetupId, r.userId, r.status, r.waitlistPosition ?? null, toMs(r.respondedAt));
    },
    nextWaitlistPosition: (community, meetupId) => next.get(community, meetupId)!.next,
    listMemberRsvps: (community, userId, now) =>
      mine.all(community, userId, toMs(now)).map((row) => ({
        meetup: toMeetup(row),
        rsvp: toRsvp({
          meetup_id: row.id,
          user_id: userId,
          status: row.r_status,
          waitlist_position: row.r_position,
          responded_at: row.r_at,
        }),
      })),
  } satisfies Partial<RsvpPart>;
}

function createReminders(db: Database) {
  const record = db.prepare<[string, number, string, string, number, number]>(
    `INSERT INTO meetup_reminders_sent (community, meetup_id, user_id, kind, revision, sent_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const pref = db.prepare<[string, string], { enabled: number }>(
    'SELECT enabled FROM meetup_reminder_prefs WHERE community = ? AND user_id = ?',
  );
  const setPref = db.prepare<[string, string, number, number]>(
    `INSERT INTO meetup_reminder_prefs (community, user_id, enabled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (community, user_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
  );
  return {
    recordReminder: (community, r, now) =>
      record.run(community, r.meetupId, r.userId, r.kind, r.revision, toMs(now)).changes === 1,
    remindersEnabled: (community, userId) => (pref.get(community, userId)?.enabled ?? 1) === 1,
    setRemindersEnabled(community, userId, enabled, now) {
      setPref.run(community, userId, enabled ? 1 : 0, toMs(now));
    },
  } satisfies Partial<RsvpPart>;
}

function createRatings(db: Database) {
  const save = db.prepare<[string, number, string, number, number]>(
    `INSERT INTO meetup_ratings (community, meetup_id, user_id, score, rated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (meetup_id, user_id) DO UPDATE SET score = excluded.score, rated_at = excluded.rated_at
     WHERE meetup_ratings.community = excluded.community`,
  );
  const comment = db.prepare<[string, string, number, string]>(
    'UPDATE meetup_ratings SET comment = ? WHERE community = ? AND meetup_id = ? AND user_id = ?',
  );
  const scores = db.prepare<[string, number], { score: number; n: number }>(
    'SELECT score, count(*) AS n FROM meetup_ratings WHERE community = ? AND meetup_id = ? GROUP BY score',
  );
  // Ordered by text, not time or author, so the list does not hint at who wrote what.
  const comments = db.prepare<[string, number], { comment: string }>(
    `SELECT comment FROM meetup_ratings WHERE community = ? AND meetup_id = ? AND comment IS NOT NULL
     ORDER BY comment`,
  );
  return {
    saveRating(community, meetupId, userId, score, now) {
      save.run(community, meetupId, userId, score, toMs(now));
    },
    saveRatingComment: (community, meetupId, userId, text) =>
      comment.run(text, community, meetupId, userId).changes === 1,
    ratingSummary(community, meetupId) {
      const distribution = [0, 0, 0, 0, 0];
      let total = 0;
      let count = 0;
      for (const { score, n } of scores.all(community, meetupId)) {
        distribution[score - 1] = n;
        total += score * n;
        count += n;
      }
      const texts = comments.all(community, meetupId).map((r) => r.comment);
      return { count, average: count ? total / count : undefined, distribution, comments: texts };
    },
  } satisfies Partial<RsvpPart>;
}

export function createMeetupsRsvpPart(db: Database): RsvpPart {
  return { ...createRsvps(db), ...createReminders(db), ...createRatings(db) };
}
