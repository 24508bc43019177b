/**
 * The feedback repo's reads across features (skills from `member_skills`, departures from `members`) and its
 * ratings. Split from feedback.repo.ts to keep each file small; only feedback.repo.ts uses it.
 */
import type { Database } from 'better-sqlite3';
import type { CommunityId } from '../../src/core/ids.ts';
import type { FeedbackRating, ReviewerCandidate } from '../../src/core/ports/repos/feedback.ts';
import { toDate, toMs, toOptionalDate } from './rows.ts';

interface CandidateRow {
  user_id: string;
  skills: string;
  open_asks: number;
  recent_asks: number;
  last_asked_at: number | null;
}

interface RatingRow {
  request_id: number;
  reviewer: string;
  score: number;
  thanks: string | null;
  rated_at: number;
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export function createFeedbackReviewerQueries(db: Database) {
  const selectSkills = db.prepare(
    'SELECT skill FROM member_skills WHERE community = ? AND user_id = ? AND kind = ? ORDER BY added_at, skill',
  );
  const insertRating = db.prepare(
    `INSERT OR IGNORE INTO feedback_ratings (community, request_id, reviewer, score, rated_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const selectRating = db.prepare(
    'SELECT * FROM feedback_ratings WHERE community = ? AND request_id = ? AND reviewer = ?',
  );
  const updateThanks = db.prepare(
    `UPDATE feedback_ratings SET thanks = ? WHERE community = ? AND request_id = ? AND reviewer = ?
     AND thanks IS NULL`,
  );
  const countGiven = db.prepare(
    `SELECT COUNT(*) AS n FROM feedback_ratings rt
     JOIN feedback_asks a ON a.request_id = rt.request_id AND a.reviewer = rt.reviewer AND a.status = 'given'
     WHERE rt.community = ? AND rt.reviewer = ? AND rt.score >= ?`,
  );

  return {
    findReviewers(
      community: CommunityId,
      skills: readonly string[],
      exclude: readonly string[],
      since: Date,
    ): ReviewerCandidate[] {
      if (skills.length === 0) return [];
      const excluded = exclude.length ? `AND s.user_id NOT IN (${placeholders(exclude)})` : '';
      // Load counts only asks on requests still open: an ask on a closed request no longer weighs on anyone.
      const rows = db
        .prepare(
          `SELECT s.user_id, json_group_array(DISTINCT s.skill) AS skills,
             (SELECT COUNT(*) FROM feedback_asks a JOIN feedback_requests r ON r.id = a.request_id
               WHERE a.community = s.community AND a.reviewer = s.user_id AND a.status IN ('asked', 'accepted')
               AND r.status = 'open') AS open_asks,
             (SELECT COUNT(*) FROM feedback_asks a
               WHERE a.community = s.community AND a.reviewer = s.user_id AND a.asked_at >= ?) AS recent_asks,
             (SELECT MAX(a.asked_at) FROM feedback_asks a
               WHERE a.community = s.community AND a.reviewer = s.user_id) AS last_asked_at
           FROM member_skills s
           JOIN members m ON m.community = s.community AND m.user_id = s.user_id AND m.left_at IS NULL
           WHERE s.community = ? AND s.kind = 'offer' AND s.skill IN (${placeholders(skills)}) ${excluded}
             AND NOT EXISTS (SELECT 1 FROM feedback_optouts o
               WHERE o.community = s.community AND o.user_id = s.user_id AND o.kind = 'asks')
           GROUP BY s.user_id`,
        )
        .all(toMs(since), community, ...skills, ...exclude) as CandidateRow[];
      return rows.map((r) => ({
        userId: r.user_id,
        skills: JSON.parse(r.skills) as string[],
        openAsks: r.open_asks,
        recentAsks: r.recent_asks,
        lastAskedAt: toOptionalDate(r.last_asked_at),
      }));
    },
    memberSkills: (community: CommunityId, userId: string, kind: 'offer' | 'need') =>
      (selectSkills.all(community, userId, kind) as { skill: string }[]).map((r) => r.skill),

    addRating: (community: CommunityId, requestId: number, reviewer: string, score: number, now: Date) =>
      insertRating.run(community, requestId, reviewer, score, toMs(now)).changes > 0,
    getRating(community: CommunityId, requestId: number, reviewer: string): FeedbackRating | undefined {
      const row = selectRating.get(community, requestId, reviewer) as RatingRow | undefined;
      if (!row) return undefined;
      return {
        requestId: row.request_id,
        reviewer: row.reviewer,
        score: row.score,
        thanks: row.thanks ?? undefined,
        ratedAt: toDate(row.rated_at),
      };
    },
    setThanks: (community: CommunityId, requestId: number, reviewer: string, thanks: string) =>
      updateThanks.run(thanks, community, requestId, reviewer).changes > 0,
    countRatedGiven: (community: CommunityId, reviewer: string, minScore: number) =>
      (countGiven.get(community, reviewer, minScore) as { n: number }).n,
  };
}
