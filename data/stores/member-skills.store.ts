/**
 * The skills half of the introductions store (`member_skills`) and the managers Hallway has seen
 * (`intro_managers`), on Kysely. Every listing joins the members still here, so members who left are hidden.
 */
import { type ExpressionBuilder, type JoinBuilder, sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { MemberSkill, ProfilesStore, SkillInput, SkillKind } from '../../commands/introductions/store.ts';
import type { Db } from '../db/executor.ts';
import { listed } from './listed.ts';
import { toDate, toMs } from '../db/rows.ts';
import type { DB } from '../db/schema.ts';

type SkillsPart = Pick<
  ProfilesStore,
  | 'skills'
  | 'skillLists'
  | 'addSkills'
  | 'replaceSkills'
  | 'removeSkills'
  | 'findBySkill'
  | 'countBySkill'
  | 'complements'
  | 'knownSkills'
  | 'noteManager'
  | 'managers'
>;

/** What the profiles store adds to a member's erasure and to the export. */
export interface MemberSkillsPart extends SkillsPart {
  deleteSkills(community: CommunityId, userId: string): Promise<number>;
  forgetManager(community: CommunityId, userId: string): Promise<number>;
  exportSkillRows(community: CommunityId): Promise<Record<string, Record<string, unknown>[]>>;
}

/** Rows per insert statement (6 values a row: far under SQLite's 32,766 and PostgreSQL's 65,535 parameters). */
const INSERT_CHUNK = 1000;

/** `s` (skills or managers) joined to its member, who has not left. */
function here(join: JoinBuilder<DB & { m: DB['members']; s: DB['member_skills'] | DB['intro_managers'] }, 'm' | 's'>) {
  return join.onRef('m.community', '=', 's.community').onRef('m.user_id', '=', 's.user_id').on('m.left_at', 'is', null);
}

/**
 * `%` and `_` typed by a member are literal in a prefix search, and the match ignores case on both databases
 * (SQLite's LIKE folds ASCII case, PostgreSQL's does not: both sides go through lower(), which folds ASCII alike;
 * PostgreSQL also folds non-ASCII letters, SQLite does not).
 */
function startsWith(eb: ExpressionBuilder<DB & { s: DB['member_skills'] }, 's'>, prefix: string) {
  const pattern = prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
  return eb.or([
    sql<boolean>`lower(s.skill) like ${pattern} escape '\\'`,
    sql<boolean>`lower(s.term) like ${pattern} escape '\\'`,
  ]);
}

/** Skill rows in list order → the two lists (rows without a skill, from an outer join, are skipped). */
export function splitLists(
  rows: readonly { kind: SkillKind | null; skill: string | null; term: string | null; added_at: number | null }[],
): { offers: MemberSkill[]; needs: MemberSkill[] } {
  const lists = { offers: [] as MemberSkill[], needs: [] as MemberSkill[] };
  for (const r of rows) {
    if (r.kind === null || r.skill === null || r.term === null || r.added_at === null) continue;
    (r.kind === 'offer' ? lists.offers : lists.needs).push({
      skill: r.skill,
      term: r.term,
      addedAt: toDate(r.added_at),
    });
  }
  return lists;
}

export function memberSkillsPart(db: Db): MemberSkillsPart {
  async function add(
    community: CommunityId,
    userId: string,
    kind: SkillKind,
    skills: readonly SkillInput[],
    now: Date,
  ): Promise<number> {
    const at = toMs(now);
    let added = 0;
    for (let i = 0; i < skills.length; i += INSERT_CHUNK) {
      const rows = skills
        .slice(i, i + INSERT_CHUNK)
        .map((s) => ({ community, user_id: userId, kind, skill: s.skill, term: s.term, added_at: at }));
      // A skill already listed (or repeated in `skills`) keeps its row, term and added_at.
      const result = await db
        .insertInto('member_skills')
        .values(rows)
        .onConflict((oc) => oc.columns(['community', 'user_id', 'kind', 'skill']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  async function forgetManager(community: CommunityId, userId: string): Promise<number> {
    const result = await db
      .deleteFrom('intro_managers')
      .where('community', '=', community)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    async skillLists(community, userId) {
      const rows = await db
        .selectFrom('member_skills')
        .select(['kind', 'skill', 'term', 'added_at'])
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .orderBy('added_at')
        .orderBy('skill')
        .execute();
      return splitLists(rows);
    },
    async skills(community, userId, kind) {
      const rows = await db
        .selectFrom('member_skills')
        .select(['skill', 'term', 'added_at'])
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .orderBy('added_at')
        .orderBy('skill')
        .execute();
      return rows.map((r) => ({ skill: r.skill, term: r.term, addedAt: toDate(r.added_at) }));
    },
    addSkills: add,
    async replaceSkills(community, userId, kind, skills, now) {
      const keep = [...new Set(skills.map((s) => s.skill))];
      await db
        .deleteFrom('member_skills')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        // `NOT IN ()` is not SQL: an empty list removes them all.
        .$if(keep.length > 0, (qb) => qb.where('skill', 'not in', keep))
        .execute();
      await add(community, userId, kind, skills, now);
    },
    async removeSkills(community, userId, skills) {
      if (skills.length === 0) return 0;
      const result = await db
        .deleteFrom('member_skills')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('skill', 'in', [...new Set(skills)])
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async findBySkill(community, skill, kind, limit, offset) {
      const rows = await db
        .selectFrom('member_skills as s')
        .innerJoin('members as m', here)
        .select(['s.user_id', 's.term', 'm.last_active_at'])
        .where('s.community', '=', community)
        .where(listed('s.community', 's.user_id'))
        .where('s.skill', '=', skill)
        .where('s.kind', '=', kind)
        .orderBy('m.last_active_at', 'desc')
        .orderBy('s.user_id')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => ({ userId: r.user_id, term: r.term, lastActiveAt: toDate(r.last_active_at) }));
    },
    async countBySkill(community, skill, kind) {
      const row = await db
        .selectFrom('member_skills as s')
        .innerJoin('members as m', here)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('s.community', '=', community)
        .where(listed('s.community', 's.user_id'))
        .where('s.skill', '=', skill)
        .where('s.kind', '=', kind)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async complements(community, userId, limit) {
      // Their offers meeting the member's needs, and their needs meeting the member's offers.
      const rows = await db
        .selectFrom('member_skills as s')
        .innerJoin('members as m', here)
        .innerJoin('member_skills as mine', (join) =>
          join
            .onRef('mine.community', '=', 's.community')
            .on('mine.user_id', '=', userId)
            .onRef('mine.skill', '=', 's.skill')
            .onRef('mine.kind', '<>', 's.kind'),
        )
        .select(['s.user_id', 's.kind', 's.skill', 'm.last_active_at'])
        .where('s.community', '=', community)
        .where(listed('s.community', 's.user_id'))
        .where('s.user_id', '<>', userId)
        .orderBy('m.last_active_at', 'desc')
        .orderBy('s.user_id')
        .orderBy('s.kind')
        .orderBy('s.skill')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        userId: r.user_id,
        kind: r.kind,
        skill: r.skill,
        lastActiveAt: toDate(r.last_active_at),
      }));
    },
    async knownSkills(community, prefix, limit) {
      const rows = await db
        .selectFrom('member_skills as s')
        .innerJoin('members as m', here)
        .select('s.skill')
        .where('s.community', '=', community)
        .where((eb) => startsWith(eb, prefix))
        .groupBy('s.skill')
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .orderBy('s.skill')
        .limit(limit)
        .execute();
      return rows.map((r) => r.skill);
    },
    async noteManager(community, userId, isAdmin, now) {
      if (!isAdmin) {
        await forgetManager(community, userId);
        return;
      }
      await db
        .insertInto('intro_managers')
        .values({ community, user_id: userId, seen_at: toMs(now) })
        .onConflict((oc) =>
          oc.columns(['community', 'user_id']).doUpdateSet((eb) => ({ seen_at: eb.ref('excluded.seen_at') })),
        )
        .execute();
    },
    async managers(community) {
      const rows = await db
        .selectFrom('intro_managers as s')
        .innerJoin('members as m', here)
        .select('s.user_id')
        .where('s.community', '=', community)
        .orderBy('s.seen_at', 'desc')
        .orderBy('s.user_id')
        .limit(10)
        .execute();
      return rows.map((r) => r.user_id);
    },
    async deleteSkills(community, userId) {
      const result = await db
        .deleteFrom('member_skills')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    forgetManager,
    async exportSkillRows(community) {
      // Skills as profiles show them. Who Hallway has seen acting as a manager is bookkeeping, not community data.
      const skills = await db
        .selectFrom('member_skills')
        .select(['user_id', 'kind', 'skill', 'term', 'added_at'])
        .where('community', '=', community)
        .orderBy('user_id')
        .orderBy('kind')
        .orderBy('skill')
        .execute();
      return { member_skills: skills };
    },
  };
}
