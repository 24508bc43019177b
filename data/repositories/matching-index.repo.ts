/**
 * The matcher's index reads (`MatchingIndexStore`): one scan of `members` + `match_prefs` + `member_skills` with one
 * row per member (their skills folded into one string: reading 800k skill rows one by one costs seconds), the change
 * log written by the triggers of migration 0006, and per-member lookups for `/match` and the weekly round.
 */
import type { Database } from 'better-sqlite3';
import type { IndexChanges, IndexCursor, MatchingIndexStore } from '../../commands/matching/index-store.ts';
import { createIndexPages, createIndexScan } from './matching-index-scan.ts';
import { toDate, toMs } from './rows.ts';

function changeStatements(db: Database) {
  return {
    head: db.prepare<[string], IndexCursor>(
      'SELECT seq, nonce FROM match_index_changes WHERE community = ? ORDER BY seq DESC LIMIT 1',
    ),
    nonceAt: db
      .prepare<[string, number], number>('SELECT nonce FROM match_index_changes WHERE community = ? AND seq = ?')
      .pluck(),
    // Per member: the latest activity logged, and how many changes were about more than activity.
    after: db
      .prepare(
        `SELECT member, max(active_at), count(*) - count(active_at) FROM match_index_changes
         WHERE community = ? AND seq > ? GROUP BY member`,
      )
      .raw(),
  };
}

function createIndexChanges(db: Database): Pick<MatchingIndexStore, 'indexHead' | 'indexChanges'> {
  const sql = changeStatements(db);
  return {
    indexHead: (community) => sql.head.get(community),
    indexChanges(community, cursor): IndexChanges {
      const newest = sql.head.get(community);
      const none = { rebuild: false, cursor, members: [], activity: [] };
      if (cursor && newest?.seq === cursor.seq && newest.nonce === cursor.nonce) return none;
      // The change the reader applied last must still be there: gone means rolled back or pruned.
      if (cursor && sql.nonceAt.get(community, cursor.seq) !== cursor.nonce) {
        return { ...none, rebuild: true, cursor: newest };
      }
      const members: number[] = [];
      const activity: [number, number][] = [];
      for (const row of sql.after.all(community, cursor?.seq ?? 0)) {
        const [key, activeAt, others] = row as [number, number | null, number];
        if (others > 0 || activeAt === null) members.push(key);
        else activity.push([key, activeAt]);
      }
      return { rebuild: false, cursor: newest, members, activity };
    },
  };
}

function createHistoryReads(db: Database): Pick<MatchingIndexStore, 'partnersSince' | 'scanMet' | 'roundAnswers'> {
  const partners = db.prepare<{ community: string; userId: string; since: number }, { user_id: string; at: number }>(
    `SELECT o.user_id, max(p.created_at) AS at FROM match_pairing_members me
     JOIN match_pairings p ON p.id = me.pairing_id AND p.created_at >= @since
     JOIN match_pairing_members o ON o.pairing_id = me.pairing_id AND o.user_id <> me.user_id
     WHERE me.community = @community AND me.user_id = @userId GROUP BY o.user_id`,
  );
  const page = db
    .prepare<{ community: string; since: number; after: number; limit: number }, number>(
      `SELECT id FROM match_pairings WHERE community = @community AND id > @after AND created_at >= @since
       ORDER BY id LIMIT @limit`,
    )
    .pluck();
  const pairsIn = db
    .prepare(
      `SELECT x.user_id, y.user_id, p.created_at FROM match_pairings p
       JOIN match_pairing_members x ON x.pairing_id = p.id
       JOIN match_pairing_members y ON y.pairing_id = p.id AND x.user_id < y.user_id
       WHERE p.id BETWEEN @first AND @last AND p.community = @community AND p.created_at >= @since`,
    )
    .raw();
  // The streak is NULL for a member without a preferences row.
  const answers = db.prepare<[string, number], { user_id: string; answered: number; streak: number | null }>(
    `SELECT pm.user_id, (pm.responded_at IS NOT NULL OR pm.met IS NOT NULL) AS answered, pr.ignored_streak AS streak
     FROM match_pairings p JOIN match_pairing_members pm ON pm.pairing_id = p.id
     LEFT JOIN match_prefs pr ON pr.community = p.community AND pr.user_id = pm.user_id
     WHERE p.community = ? AND p.round_id = ? ORDER BY p.id, pm.user_id`,
  );
  return {
    partnersSince: (community, userId, since) =>
      partners.all({ community, userId, since: toMs(since) }).map((r) => ({ userId: r.user_id, at: toDate(r.at) })),
    scanMet(community, since, after, limit, visit) {
      const ids = page.all({ community, since: toMs(since), after, limit });
      if (ids.length === 0) return after;
      const range = { community, since: toMs(since), first: ids[0]!, last: ids[ids.length - 1]! };
      for (const [a, b, at] of pairsIn.all(range) as [string, string, number][]) visit(a, b, at);
      return range.last;
    },
    roundAnswers: (community, roundId) =>
      answers.all(community, roundId).map((r) => ({
        userId: r.user_id,
        answered: r.answered === 1,
        ignoredStreak: r.streak ?? 0,
        hasPrefs: r.streak !== null,
      })),
  };
}

export function createMatchingIndexRepo(db: Database): MatchingIndexStore {
  const avoidsEither = db
    .prepare<{ community: string; userId: string }, string>(
      `SELECT avoid_user_id FROM match_avoid WHERE community = @community AND user_id = @userId
       UNION SELECT user_id FROM match_avoid WHERE community = @community AND avoid_user_id = @userId`,
    )
    .pluck();
  return {
    scanIndex: createIndexScan(db),
    scanIndexPage: createIndexPages(db),
    ...createIndexChanges(db),
    ...createHistoryReads(db),
    avoidsEither: (community, userId) => avoidsEither.all({ community, userId }),
  };
}
