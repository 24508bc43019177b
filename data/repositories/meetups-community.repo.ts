/**
 * The community-wide half of MeetupsStore: what the digest reads from other features' tables (read-only), and the
 * data-rights operations (forget a member, export the community).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { MeetupsStore, SkillShareIdea } from '../../commands/meetups/store.ts';
import { toDate, toMs } from './rows.ts';

type CommunityPart = Pick<MeetupsStore, 'newestMembers' | 'skillShareIdeas' | 'forgetMember' | 'exportRows'>;

/** Members still here (a member with no row, e.g. only seen by an import, counts as here). */
const HERE = (alias: string, skills: string) =>
  `LEFT JOIN members ${alias} ON ${alias}.community = ${skills}.community AND ${alias}.user_id = ${skills}.user_id`;

const IDEAS = `
  SELECT n.skill AS skill, min(n.term) AS term, count(DISTINCT n.user_id) AS needs
  FROM member_skills n ${HERE('mn', 'n')}
  WHERE n.community = ? AND n.kind = 'need' AND mn.left_at IS NULL
    AND EXISTS (SELECT 1 FROM member_skills o ${HERE('mo', 'o')}
                WHERE o.community = n.community AND o.kind = 'offer' AND o.skill = n.skill
                  AND o.user_id <> n.user_id AND mo.left_at IS NULL)
  GROUP BY n.skill HAVING count(DISTINCT n.user_id) >= ?
  ORDER BY needs DESC, n.skill LIMIT ?`;

const OFFERERS = `
  SELECT o.user_id AS user_id FROM member_skills o ${HERE('mo', 'o')}
  WHERE o.community = ? AND o.kind = 'offer' AND o.skill = ? AND mo.left_at IS NULL
  ORDER BY o.added_at, o.user_id`;

const TABLES = [
  'meetup_series',
  'meetups',
  'meetup_rsvps',
  'meetup_reminders_sent',
  'meetup_reminder_prefs',
  'meetup_ratings',
];

/** Prepares on first use: `member_skills` belongs to another migration and must not be needed to build the repo. */
function lazy<P extends unknown[], R>(db: Database, sql: string): () => Statement<P, R> {
  let statement: Statement<P, R> | undefined;
  return () => {
    statement ??= db.prepare<P, R>(sql);
    return statement;
  };
}

export function createMeetupsCommunityPart(db: Database): CommunityPart {
  const newest = db.prepare<[string, number, number], { user_id: string; display_name: string; joined_at: number }>(
    `SELECT user_id, display_name, joined_at FROM members
     WHERE community = ? AND joined_at >= ? AND left_at IS NULL ORDER BY joined_at DESC, user_id LIMIT ?`,
  );
  const ideas = lazy<[string, number, number], { skill: string; term: string; needs: number }>(db, IDEAS);
  const offerers = lazy<[string, string], { user_id: string }>(db, OFFERERS);
  const forget = [
    ['rsvps', 'DELETE FROM meetup_rsvps WHERE community = ? AND user_id = ?'],
    ['reminders', 'DELETE FROM meetup_reminders_sent WHERE community = ? AND user_id = ?'],
    ['prefs', 'DELETE FROM meetup_reminder_prefs WHERE community = ? AND user_id = ?'],
    ['ratings', 'DELETE FROM meetup_ratings WHERE community = ? AND user_id = ?'],
    ['hosted', 'UPDATE meetups SET host_user_id = NULL WHERE community = ? AND host_user_id = ?'],
  ] as const;
  const forgetStatements = forget.map(([name, sql]) => [name, db.prepare<[string, string]>(sql)] as const);
  const answered = db.prepare<{ community: string; userId: string }, { meetup_id: number }>(
    `SELECT meetup_id FROM meetup_rsvps WHERE community = @community AND user_id = @userId
     UNION SELECT id FROM meetups WHERE community = @community AND host_user_id = @userId ORDER BY 1`,
  );
  const unlinkCreator = [
    db.prepare<[string, string]>('UPDATE meetups SET created_by = NULL WHERE community = ? AND created_by = ?'),
    db.prepare<[string, string]>('UPDATE meetup_series SET created_by = NULL WHERE community = ? AND created_by = ?'),
  ];
  // Ratings leave without their authors: hosts and managers see aggregates only, the export included.
  const columns = (table: string) =>
    table === 'meetup_ratings' ? 'community, meetup_id, score, comment, rated_at' : '*';
  const exports = TABLES.map(
    (table) =>
      [
        table,
        db.prepare<[string], Record<string, unknown>>(`SELECT ${columns(table)} FROM ${table} WHERE community = ?`),
      ] as const,
  );

  return {
    newestMembers: (community, since, limit) =>
      newest.all(community, toMs(since), limit).map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        joinedAt: toDate(r.joined_at),
      })),
    skillShareIdeas: (community, minNeeds, limit): SkillShareIdea[] =>
      ideas()
        .all(community, minNeeds, limit)
        .map((r) => ({
          skill: r.skill,
          term: r.term,
          needCount: r.needs,
          offerers: offerers()
            .all(community, r.skill)
            .map((o) => o.user_id),
        })),
    forgetMember(community, userId) {
      const meetupIds = answered.all({ community, userId }).map((r) => r.meetup_id);
      const counts = { rsvps: 0, reminders: 0, prefs: 0, ratings: 0, hosted: 0 };
      for (const [name, statement] of forgetStatements) counts[name] = statement.run(community, userId).changes;
      for (const statement of unlinkCreator) statement.run(community, userId);
      return { counts, meetupIds };
    },
    exportRows: (community) => Object.fromEntries(exports.map(([table, s]) => [table, s.all(community)])),
  };
}
