/**
 * The feedback repo's reads across features (skills from `member_skills`, departures from `members`) and its
 * ratings. Split from feedback.repo.ts to keep each file small; only feedback.repo.ts uses it.
 */
import type { Database } from 'better-sqlite3';
import type { CommunityId } from '#core/ids.ts';
import type { FeedbackRating, ReviewerLoad } from '../../commands/feedback/store.ts';
import { toDate, toMs } from './rows.ts';

interface LoadRow {
  reviewer: string;
  open_asks: number;
  recent_asks: number;
  last_asked_at: number;
}

interface RatingRow {
  request_id: number;
  reviewer: string;
  score: number;
  thanks: string | null;
  rated_at: number;
}

export function createFeedbackReviewerQueries(db: Database) {
  // Offerers of one skill in rowid order: `member_skills_by_skill` (community, skill, kind) ends with the rowid, so
  // a range on it is a seek and the order needs no sort. CROSS JOIN keeps member_skills the outer loop whatever
  // ANALYZE says; each row then costs two primary-key lookups (members, opt-outs).
  const offerBounds = db.prepare(
    `SELECT (SELECT rowid FROM member_skills WHERE community = @community AND skill = @skill AND kind = 'offer'
               ORDER BY rowid LIMIT 1) AS lo,
            (SELECT rowid FROM member_skills WHERE community = @community AND skill = @skill AND kind = 'offer'
               ORDER BY rowid DESC LIMIT 1) AS hi`,
  );
  const offerers = (range: string) =>
    db
      .prepare(
        `SELECT s.user_id FROM member_skills s
         CROSS JOIN members m ON m.community = s.community AND m.user_id = s.user_id AND m.left_at IS NULL
         WHERE s.community = @community AND s.skill = @skill AND s.kind = 'offer' AND ${range}
           AND NOT EXISTS (SELECT 1 FROM feedback_optouts o
             WHERE o.community = s.community AND o.user_id = s.user_id AND o.kind = 'asks')
         ORDER BY s.rowid LIMIT @limit`,
      )
      .pluck();
  const offerersFrom = offerers('s.rowid >= @from');
  const offerersBefore = offerers('s.rowid < @from');
  // One seek per member on `feedback_asks_by_reviewer`; an ask on a closed request no longer weighs on anyone.
  const selectLoads = db.prepare(
    `SELECT a.reviewer,
       SUM(a.status IN ('asked', 'accepted') AND r.status IS 'open') AS open_asks,
       SUM(a.asked_at >= ?) AS recent_asks,
       MAX(a.asked_at) AS last_asked_at
     FROM feedback_asks a LEFT JOIN feedback_requests r ON r.id = a.request_id
     WHERE a.community = ? AND a.reviewer IN (SELECT value FROM json_each(?))
     GROUP BY a.reviewer`,
  );
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
    offerersOf(community: CommunityId, skill: string, start: number, limit: number): string[] {
      const key = { community, skill };
      const { lo, hi } = offerBounds.get(key) as { lo: number | null; hi: number | null };
      if (lo === null || hi === null || limit <= 0) return [];
      const from = lo + Math.floor(Math.min(Math.max(start, 0), 1) * (hi - lo + 1));
      const ids = offerersFrom.all({ ...key, from, limit }) as string[];
      if (ids.length < limit)
        ids.push(...(offerersBefore.all({ ...key, from, limit: limit - ids.length }) as string[]));
      return ids;
    },
    reviewerLoads(community: CommunityId, userIds: readonly string[], since: Date): ReviewerLoad[] {
      if (userIds.length === 0) return [];
      const rows = selectLoads.all(toMs(since), community, JSON.stringify(userIds)) as LoadRow[];
      return rows.map((r) => ({
        userId: r.reviewer,
        openAsks: r.open_asks,
        recentAsks: r.recent_asks,
        lastAskedAt: toDate(r.last_asked_at),
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
