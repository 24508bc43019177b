/**
 * The matcher's index scan: one row per member, their skills folded into one string by a GROUP BY along
 * `member_skills_by_member` (migration 0006: a covering index, walked in order, so no table lookup and no sort),
 * joined to `members` and `match_prefs` as it streams. One row per member instead of one per skill: crossing from
 * SQLite to JavaScript costs about a microsecond per row and as much again per string, which for 100k members with
 * eight skills each was 3 seconds, against 0.4 this way. Rows are visited as they come (nothing held).
 */
import type { Database } from 'better-sqlite3';
import type { MatchIndexMember, MatchingIndexStore } from '../../commands/matching/index-store.ts';

const COLUMNS = `m.rowid, m.user_id, m.last_active_at, coalesce(p.opted_in, 0), p.paused_at, p.paused_until`;
const PREFS = 'LEFT JOIN match_prefs p ON p.community = m.community AND p.user_id = m.user_id';
// Each member's entries in the order the index holds them: when added, then by skill (as matching lists them);
// group_concat keeps the order rows come in. char(30) and char(31) are SKILL_SEPARATOR and SKILL_PART.
const SKILLS = `SELECT user_id, group_concat(substr(kind, 1, 1) || skill || char(31) || term, char(30)) AS skills
  FROM member_skills INDEXED BY member_skills_by_member WHERE community = @community`;
/** Members without skills matter only when opted in (they take part in rounds). */
const OPTED_IN_ONLY = `SELECT ${COLUMNS}, NULL FROM match_prefs p JOIN members m ON m.community = p.community
  AND m.user_id = p.user_id AND m.left_at IS NULL
  WHERE p.community = @community AND p.opted_in = 1
    AND NOT EXISTS (SELECT 1 FROM member_skills s WHERE s.community = p.community AND s.user_id = p.user_id)`;

type Row = [number, string, number, number, number | null, number | null, string | null];

type Visit = (member: MatchIndexMember, skills: string | null) => void;

/** A page of members with skills after a user id, then (last page) those opted in without skills. */
export function createIndexPages(db: Database): MatchingIndexStore['scanIndexPage'] {
  // Every grouped user comes back (those who left with NULL columns), so the next page starts after the last one.
  const page = db
    .prepare(
      `SELECT s.user_id, ${COLUMNS}, s.skills FROM (${SKILLS} AND user_id > @after GROUP BY user_id
         ORDER BY user_id LIMIT @limit) s
       LEFT JOIN members m ON m.community = @community AND m.user_id = s.user_id AND m.left_at IS NULL ${PREFS}`,
    )
    .raw();
  const optedIn = db.prepare(OPTED_IN_ONLY).raw();
  return (community, afterUserId, limit, visit: Visit) => {
    const rows = page.all({ community, after: afterUserId ?? '', limit }) as [string, ...Row][];
    for (const [, ...member] of rows) if (member[0] !== null) visit(member as unknown as MatchIndexMember, member[6]);
    if (rows.length === limit) return rows[rows.length - 1]![0];
    for (const row of optedIn.all({ community }) as Row[]) visit(row as unknown as MatchIndexMember, null);
    return undefined;
  };
}

export function createIndexScan(db: Database): MatchingIndexStore['scanIndex'] {
  const all = db
    .prepare(
      `SELECT ${COLUMNS}, s.skills FROM (${SKILLS} GROUP BY user_id) s
       JOIN members m ON m.community = @community AND m.user_id = s.user_id ${PREFS}
       WHERE m.left_at IS NULL UNION ALL ${OPTED_IN_ONLY}`,
    )
    .raw();
  // A few members by row id, driven by the ids (the planner would otherwise walk the whole community).
  const some = db
    .prepare(
      `SELECT ${COLUMNS}, p.user_id IS NOT NULL FROM json_each(@keys) k CROSS JOIN members m ON m.rowid = k.value
       ${PREFS} WHERE m.community = @community AND m.left_at IS NULL`,
    )
    .raw();
  const skillsOf = db
    .prepare<{ community: string; users: string }, [string, string]>(
      `${SKILLS} AND user_id IN (SELECT value FROM json_each(@users)) GROUP BY user_id`,
    )
    .raw();

  function scanSome(
    community: string,
    keys: readonly number[],
    visit: (m: MatchIndexMember, s: string | null) => void,
  ) {
    const members = some.all({ community, keys: JSON.stringify(keys) }) as [...Row, number][];
    const skills = new Map(skillsOf.all({ community, users: JSON.stringify(members.map((m) => m[1])) }));
    let count = 0;
    for (const m of members) {
      const text = skills.get(m[1]) ?? null;
      if (text === null && m[7] === 0) continue; // neither skills nor preferences: not the matcher's business
      visit(m as unknown as MatchIndexMember, text);
      count++;
    }
    return count;
  }

  return (community, keys, visit) => {
    if (keys) return scanSome(community, keys, visit);
    let count = 0;
    for (const row of all.iterate({ community }) as IterableIterator<Row>) {
      visit(row as unknown as MatchIndexMember, row[6]);
      count++;
    }
    return count;
  };
}
