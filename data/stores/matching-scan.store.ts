/**
 * The matcher's index scan: one row per member, their skills folded into one string by a GROUP BY along
 * `member_skills_by_member` (migration 0006: a covering index in the order the skills are listed, so neither
 * database visits the table or sorts), joined to `members` and `match_prefs`. One row per member instead of one
 * per skill: for 100k members with eight skills each, crossing from the database to JavaScript row by row costs
 * several times the whole scan.
 */
import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import {
  type MatchIndexMember,
  type MatchingIndexStore,
  SKILL_PART,
  SKILL_SEPARATOR,
} from '../../commands/matching/index-store.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Db } from '../db/executor.ts';
import type { DB } from '../db/schema.ts';

type ScanPart = Pick<MatchingIndexStore, 'scanIndex' | 'scanIndexPage'>;
type Visit = (member: MatchIndexMember, skills: string | null) => void;

/** Keys per query when reloading members by key (both databases bind far more, but the SQL stays small). */
const KEYS_PER_QUERY = 5_000;

interface MemberColumns {
  id: number;
  user_id: string;
  last_active_at: number;
  opted_in: number;
  paused_at: number | null;
  paused_until: number | null;
}

const asMember = (r: MemberColumns): MatchIndexMember => [
  r.id,
  r.user_id,
  r.last_active_at,
  r.opted_in,
  r.paused_at,
  r.paused_until,
];

/**
 * A member's skills as one string: `o`/`n`, skill, SKILL_PART, term per entry, SKILL_SEPARATOR between, in the
 * order of `member_skills_by_member` (when added, then skill, then kind), which is the order of the member's list.
 * `string_agg(… ORDER BY …)` is standard SQL, and SQLite has it since 3.44. The separators go as parameters: no
 * control characters in the SQL text.
 */
function folded(table: string): RawBuilder<string | null> {
  const t = sql.ref(table);
  return sql<string | null>`string_agg(${entry(table)}, cast(${SKILL_SEPARATOR} as text)
    ORDER BY ${t}.added_at, ${t}.skill, ${t}.kind)`;
}

/** One skill's entry in the folded string. */
function entry(table: string): RawBuilder<string> {
  const t = sql.ref(table);
  return sql<string>`substr(${t}.kind, 1, 1) || ${t}.skill || cast(${SKILL_PART} as text) || ${t}.term`;
}

/** Member columns as the scan gives them (`m`: members, `p`: match_prefs). */
function memberColumns(eb: ExpressionBuilder<DB & { m: DB['members']; p: DB['match_prefs'] }, 'm' | 'p'>) {
  return [
    'm.id',
    'm.user_id',
    'm.last_active_at',
    eb.fn.coalesce('p.opted_in', sql.lit(0)).as('opted_in'),
    'p.paused_at',
    'p.paused_until',
  ] as const;
}

/** Members opted in without skills: they matter only then (they take part in rounds). */
function optedInOnly(db: Db, community: CommunityId) {
  return db
    .selectFrom('match_prefs as p')
    .innerJoin('members as m', (j) =>
      j.onRef('m.community', '=', 'p.community').onRef('m.user_id', '=', 'p.user_id').on('m.left_at', 'is', null),
    )
    .select((eb) => [...memberColumns(eb), sql<string | null>`NULL`.as('skills')])
    .where('p.community', '=', community)
    .where('p.opted_in', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('member_skills as s')
            .select(sql.lit(1).as('one'))
            .whereRef('s.community', '=', 'p.community')
            .whereRef('s.user_id', '=', 'p.user_id'),
        ),
      ),
    );
}

/**
 * Each member's folded skills (`user_id`, `skills`), grouped along the covering index. PostgreSQL reads the index
 * in order and aggregates without sorting; SQLite would sort each member's skills in a temporary B-tree for the
 * ORDER BY (a fifth of the scan), so there `group_concat` takes the rows of a subquery ordered like the index: it
 * concatenates in the order rows come, which SQLite keeps for a subquery read in order.
 */
function skillsByMember(db: Db, community: CommunityId) {
  if (isPostgres(db)) {
    return db
      .selectFrom('member_skills as s')
      .select(['s.user_id', folded('s').as('skills')])
      .where('s.community', '=', community)
      .groupBy('s.user_id');
  }
  const ordered = db
    .selectFrom('member_skills')
    .select(['user_id', 'kind', 'skill', 'term'])
    .where('community', '=', community)
    .orderBy('user_id')
    .orderBy('added_at')
    .orderBy('skill')
    .orderBy('kind');
  return db
    .selectFrom(ordered.as('s'))
    .select([
      's.user_id',
      sql<string | null>`group_concat(${entry('s')}, cast(${SKILL_SEPARATOR} as text))`.as('skills'),
    ])
    .groupBy('s.user_id');
}

export function matchingScanPart(db: Db): ScanPart {
  /** Every member with skills (still here), then those opted in without skills. */
  async function scanAll(community: CommunityId, visit: Visit): Promise<number> {
    const rows = await db
      .selectFrom(skillsByMember(db, community).as('s'))
      .innerJoin('members as m', (j) => j.on('m.community', '=', community).onRef('m.user_id', '=', 's.user_id'))
      .leftJoin('match_prefs as p', (j) =>
        j.onRef('p.community', '=', 'm.community').onRef('p.user_id', '=', 'm.user_id'),
      )
      .select((eb) => [...memberColumns(eb), 's.skills'])
      .where('m.left_at', 'is', null)
      .unionAll(optedInOnly(db, community))
      .execute();
    for (const row of rows) visit(asMember(row), row.skills);
    return rows.length;
  }

  /** A few members by key, each with their skills read by a subquery along the covering index. */
  async function scanSome(community: CommunityId, keys: readonly number[], visit: Visit): Promise<number> {
    let count = 0;
    for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
      const rows = await db
        .selectFrom('members as m')
        .leftJoin('match_prefs as p', (j) =>
          j.onRef('p.community', '=', 'm.community').onRef('p.user_id', '=', 'm.user_id'),
        )
        .select((eb) => [
          ...memberColumns(eb),
          eb
            .selectFrom('member_skills as s')
            .select(folded('s').as('skills'))
            .whereRef('s.community', '=', 'm.community')
            .whereRef('s.user_id', '=', 'm.user_id')
            .as('skills'),
          'p.user_id as prefs_of',
        ])
        .where('m.community', '=', community)
        .where('m.left_at', 'is', null)
        .where('m.id', 'in', keys.slice(i, i + KEYS_PER_QUERY))
        .execute();
      for (const row of rows) {
        // Neither skills nor preferences: not the matcher's business.
        if (row.skills === null && row.prefs_of === null) continue;
        visit(asMember(row), row.skills);
        count++;
      }
    }
    return count;
  }

  return {
    scanIndex: (community, keys, visit) =>
      keys ? (keys.length > 0 ? scanSome(community, keys, visit) : Promise.resolve(0)) : scanAll(community, visit),

    async scanIndexPage(community, afterUserId, limit, visit) {
      // Every grouped user comes back (those who left with NULL member columns), so the next page starts after
      // the last one whatever happened to them; ordered by the database (its collation defines "after").
      const rows = await db
        .selectFrom(
          skillsByMember(db, community)
            .where('s.user_id', '>', afterUserId ?? '')
            .orderBy('s.user_id')
            .limit(limit)
            .as('s'),
        )
        .leftJoin('members as m', (j) =>
          j.on('m.community', '=', community).onRef('m.user_id', '=', 's.user_id').on('m.left_at', 'is', null),
        )
        .leftJoin('match_prefs as p', (j) =>
          j.onRef('p.community', '=', 'm.community').onRef('p.user_id', '=', 'm.user_id'),
        )
        .select((eb) => ['s.user_id as grouped', ...memberColumns(eb), 's.skills'])
        .orderBy('s.user_id')
        .execute();
      for (const row of rows) if (row.id !== null) visit(asMember(row as MemberColumns), row.skills);
      if (rows.length === limit) return rows[rows.length - 1]!.grouped;
      for (const row of await optedInOnly(db, community).execute()) visit(asMember(row), null);
      return undefined;
    },
  };
}
