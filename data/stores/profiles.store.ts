/**
 * The introductions store on Kysely (SQLite and PostgreSQL): profiles here, skills and managers in
 * `member-skills.store.ts`. A write that may come first for a member is an upsert, so a profile row always exists
 * when written, in one statement.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import type { ProfilesStore } from '../../commands/introductions/store.ts';
import { dbOf } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';
import type { DB } from '../db/schema.ts';
import { forgetCardNeighbours, introCardsPart } from './intro-cards.store.ts';
import { memberSkillsPart, splitLists } from './member-skills.store.ts';
import { draftColumn, PROFILE_COLUMNS, type ProfileRow, publishedColumns, toProfile } from './profiles.rows.ts';
import { introStats } from './profiles-stats.store.ts';

/** The profile `p` belongs to a member still here (a member row without `left_at`). */
function here(eb: ExpressionBuilder<DB & { p: DB['profiles'] }, 'p'>) {
  return eb.exists(
    eb
      .selectFrom('members as m')
      .select(sql.lit(1).as('one'))
      .whereRef('m.community', '=', 'p.community')
      .whereRef('m.user_id', '=', 'p.user_id')
      .where('m.left_at', 'is', null),
  );
}

export function profilesStore(tx: Tx): ProfilesStore {
  const db = dbOf(tx);
  const { deleteSkills, forgetManager, exportSkillRows, ...skills } = memberSkillsPart(db);

  /** Sets `column` to `now` on an existing profile (never creates one). */
  async function stamp(column: 'card_posted_at' | 'reminded_at', community: CommunityId, userId: string, now: Date) {
    await db
      .updateTable('profiles')
      .set({ [column]: toMs(now) })
      .where('community', '=', community)
      .where('user_id', '=', userId)
      .execute();
  }

  return {
    ...skills,
    ...introCardsPart(db),
    stats: (community) => introStats(db, community),
    async get(community, userId) {
      const row = await db
        .selectFrom('profiles')
        .select(PROFILE_COLUMNS)
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && toProfile(row);
    },
    async card(community, userId) {
      // The member's row, their profile (if any) and one row per skill (if any): the profile repeats on each.
      const rows = await db
        .selectFrom('members as m')
        .leftJoin('profiles as p', (j) =>
          j.onRef('p.community', '=', 'm.community').onRef('p.user_id', '=', 'm.user_id'),
        )
        .leftJoin('member_skills as s', (j) =>
          j.onRef('s.community', '=', 'm.community').onRef('s.user_id', '=', 'm.user_id'),
        )
        .select(PROFILE_COLUMNS.map((c) => `p.${c}` as const))
        .select(['m.left_at', 's.kind', 's.skill', 's.term', 's.added_at'])
        .where('m.community', '=', community)
        .where('m.user_id', '=', userId)
        .orderBy('s.added_at')
        .orderBy('s.skill')
        .execute();
      const first = rows[0];
      if (!first) return undefined;
      const profile = first.user_id === null ? undefined : toProfile(first as ProfileRow);
      return { ...splitLists(rows), profile, left: first.left_at !== null };
    },
    async markWelcomed(community, userId, now) {
      const at = toMs(now);
      // A row comes back only when inserted, or updated from "never welcomed": the WHERE skips the update otherwise.
      const row = await db
        .insertInto('profiles')
        .values({ community, user_id: userId, updated_at: at, welcomed_at: at })
        .onConflict((oc) =>
          oc
            .columns(['community', 'user_id'])
            .doUpdateSet((eb) => ({ welcomed_at: eb.ref('excluded.welcomed_at') }))
            .where('profiles.welcomed_at', 'is', null),
        )
        .returning('user_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async submitDraft(community, userId, fields, now) {
      const at = toMs(now);
      const row = await db
        .insertInto('profiles')
        .values({
          community,
          user_id: userId,
          draft: draftColumn(fields),
          status: 'pending_approval',
          revision: 1,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['community', 'user_id']).doUpdateSet((eb) => ({
            draft: eb.ref('excluded.draft'),
            status: 'pending_approval',
            revision: eb('profiles.revision', '+', 1),
            updated_at: eb.ref('excluded.updated_at'),
            reviewed_by: null,
            reviewed_at: null,
            review_note: null,
          })),
        )
        .returning('revision')
        .executeTakeFirstOrThrow();
      return row.revision;
    },
    async publish(community, userId, fields, now, reviewedBy) {
      const at = toMs(now);
      const row = await db
        .insertInto('profiles')
        .values({
          community,
          user_id: userId,
          ...publishedColumns(fields),
          draft: null,
          status: 'approved',
          revision: 1,
          introduced_at: at,
          updated_at: at,
          reviewed_by: reviewedBy ?? null,
          reviewed_at: reviewedBy === undefined ? null : at,
          review_note: null,
        })
        .onConflict((oc) =>
          oc.columns(['community', 'user_id']).doUpdateSet((eb) => ({
            role: eb.ref('excluded.role'),
            working_on: eb.ref('excluded.working_on'),
            links: eb.ref('excluded.links'),
            pronouns: eb.ref('excluded.pronouns'),
            fun_fact: eb.ref('excluded.fun_fact'),
            answers: eb.ref('excluded.answers'),
            published_skills: eb.ref('excluded.published_skills'),
            draft: null,
            status: 'approved',
            updated_at: eb.ref('excluded.updated_at'),
            introduced_at: eb.fn.coalesce('profiles.introduced_at', 'excluded.introduced_at'),
            reviewed_by: eb.ref('excluded.reviewed_by'),
            reviewed_at: eb.ref('excluded.reviewed_at'),
            review_note: null,
            // Approving a submission publishes its revision; publishing directly is a new one.
            revision: eb
              .case()
              .when('profiles.status', '=', 'pending_approval')
              .then(eb.ref('profiles.revision'))
              .else(eb('profiles.revision', '+', 1))
              .end(),
          })),
        )
        .returning('revision')
        .executeTakeFirstOrThrow();
      return row.revision;
    },
    async reject(community, userId, now, reviewedBy, note) {
      const at = toMs(now);
      await db
        .updateTable('profiles')
        .set({
          status: 'rejected',
          reviewed_at: at,
          reviewed_by: reviewedBy,
          review_note: note ?? null,
          updated_at: at,
        })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .execute();
    },
    markCardPosted: (community, userId, now) => stamp('card_posted_at', community, userId, now),
    markReminded: (community, userId, now) => stamp('reminded_at', community, userId, now),
    async dueReminders(community, welcomedBefore, limit) {
      const rows = await db
        .selectFrom('profiles as p')
        .select('p.user_id')
        .where('p.community', '=', community)
        .where('p.status', '=', 'draft')
        .where('p.introduced_at', 'is', null)
        .where('p.welcomed_at', '<=', toMs(welcomedBefore))
        .where('p.reminded_at', 'is', null)
        .where(here)
        .orderBy('p.welcomed_at')
        .orderBy('p.user_id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.user_id);
    },
    async awaitingCard(community, limit) {
      const rows = await db
        .selectFrom('profiles as p')
        .select('p.user_id')
        .where('p.community', '=', community)
        .where('p.introduced_at', 'is not', null)
        .where('p.card_posted_at', 'is', null)
        .where(here)
        .orderBy('p.introduced_at')
        .orderBy('p.user_id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.user_id);
    },
    async pending(community, limit) {
      const rows = await db
        .selectFrom('profiles as p')
        .select(PROFILE_COLUMNS.map((c) => `p.${c}` as const))
        .where('p.community', '=', community)
        .where('p.status', '=', 'pending_approval')
        .where(here)
        .orderBy('p.updated_at')
        .orderBy('p.user_id')
        .limit(limit)
        .execute();
      return rows.map(toProfile);
    },
    async countPending(community) {
      const row = await db
        .selectFrom('profiles as p')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('p.community', '=', community)
        .where('p.status', '=', 'pending_approval')
        .where(here)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async mentorshipsCompleted(community, userId) {
      // `mentorships_by_mentor` (community, mentor_id, status): a count on the index.
      const row = await db
        .selectFrom('mentorships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community', '=', community)
        .where('mentor_id', '=', userId)
        .where('status', '=', 'completed')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async deleteMember(community, userId) {
      await forgetManager(community, userId);
      await forgetCardNeighbours(db, community, userId);
      // The manager's id on the intros they reviewed: when and how stay, who goes.
      await db
        .updateTable('profiles')
        .set({ reviewed_by: null })
        .where('community', '=', community)
        .where('reviewed_by', '=', userId)
        .execute();
      const result = await db
        .deleteFrom('profiles')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return { profile: Number(result.numDeletedRows), skills: await deleteSkills(community, userId) };
    },
    async exportRows(community) {
      // Published intros only, as others see them: a submission waiting for approval, a manager's note and the
      // bookkeeping of the welcome flow stay out.
      const profiles = await db
        .selectFrom('profiles')
        .select([
          'user_id',
          'role',
          'working_on',
          'links',
          'pronouns',
          'fun_fact',
          'answers',
          'status',
          'introduced_at',
          'updated_at',
        ])
        .where('community', '=', community)
        .where('introduced_at', 'is not', null)
        .orderBy('user_id')
        .execute();
      return { profiles, ...(await exportSkillRows(community)) };
    },
  };
}
