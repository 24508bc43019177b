/**
 * The figures `/hallway stats` shows, one part per feature's repository: counts only, one community at a time,
 * never a single member's answers.
 */
import type { Database } from 'better-sqlite3';
import type { FeedbackStore } from '../../commands/feedback/store.ts';
import type { MeetupsStore } from '../../commands/meetups/store.ts';
import type { ProfilesStore } from '../../commands/introductions/store.ts';
import { toMs } from './rows.ts';

/** Rows of members who have not left (a row-less member, e.g. seeded, counts as here). */
const HERE = `NOT EXISTS (SELECT 1 FROM members m WHERE m.community = t.community AND m.user_id = t.user_id
                          AND m.left_at IS NOT NULL)`;

const average = (sum: number | null, count: number) => (count > 0 && sum !== null ? sum / count : undefined);

export function createIntroStatsPart(db: Database): Pick<ProfilesStore, 'stats'> {
  const profiles = db.prepare<[string], { introduced: number; awaiting: number }>(
    `SELECT count(*) FILTER (WHERE status = 'approved' AND introduced_at IS NOT NULL) AS introduced,
            count(*) FILTER (WHERE status = 'pending_approval') AS awaiting
     FROM profiles t WHERE community = ? AND ${HERE}`,
  );
  const skills = db.prepare<[string], { offered: number; needed: number }>(
    `SELECT count(DISTINCT skill) FILTER (WHERE kind = 'offer') AS offered,
            count(DISTINCT skill) FILTER (WHERE kind = 'need') AS needed
     FROM member_skills t WHERE community = ? AND ${HERE}`,
  );
  return {
    stats(community) {
      const p = profiles.get(community)!;
      const s = skills.get(community)!;
      return {
        introduced: p.introduced,
        awaitingApproval: p.awaiting,
        skillsOffered: s.offered,
        skillsNeeded: s.needed,
      };
    },
  };
}

export function createMeetupStatsPart(db: Database): Pick<MeetupsStore, 'stats'> {
  const meetups = db.prepare<[number, number, string], { upcoming: number; held: number }>(
    `SELECT count(*) FILTER (WHERE starts_at > ?) AS upcoming, count(*) FILTER (WHERE ends_at <= ?) AS held
     FROM meetups WHERE community = ? AND status = 'scheduled'`,
  );
  const attended = db.prepare<[string, number], { n: number }>(
    `SELECT count(*) AS n FROM meetup_rsvps r JOIN meetups m ON m.id = r.meetup_id
     WHERE r.community = ? AND m.status = 'scheduled' AND m.ends_at <= ?
       AND r.status = 'going' AND r.waitlist_position IS NULL`,
  );
  const ratings = db.prepare<[string], { n: number; total: number | null }>(
    'SELECT count(*) AS n, sum(score) AS total FROM meetup_ratings WHERE community = ?',
  );
  return {
    stats(community, now) {
      const m = meetups.get(toMs(now), toMs(now), community)!;
      const r = ratings.get(community)!;
      const held = { upcoming: m.upcoming, held: m.held, attended: attended.get(community, toMs(now))!.n };
      return { ...held, ratings: r.n, averageRating: average(r.total, r.n) };
    },
  };
}

export function createFeedbackStatsPart(db: Database): Pick<FeedbackStore, 'stats'> {
  const requests = db.prepare<[string], { requests: number; open: number }>(
    `SELECT count(*) AS requests, count(*) FILTER (WHERE status = 'open') AS open
     FROM feedback_requests WHERE community = ?`,
  );
  const given = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM feedback_asks WHERE community = ? AND status = 'given'",
  );
  const ratings = db.prepare<[string], { n: number; total: number | null }>(
    'SELECT count(*) AS n, sum(score) AS total FROM feedback_ratings WHERE community = ?',
  );
  return {
    stats(community) {
      const q = requests.get(community)!;
      const r = ratings.get(community)!;
      const counts = { requests: q.requests, open: q.open, given: given.get(community)!.n };
      return { ...counts, ratings: r.n, averageHelpfulness: average(r.total, r.n) };
    },
  };
}
