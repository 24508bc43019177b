/** The mentorship store's reads of other features' tables, its stats, and a member's data (forget-me, export). */
import type { MentorshipStore } from '../../commands/mentorship/store.ts';
import type { Db } from '../db/executor.ts';
import { avoidPairs, avoidsEither, profileSkills } from './member-reads.ts';

type MembersPart = Pick<
  MentorshipStore,
  'profiles' | 'avoidsEither' | 'avoidPairs' | 'stats' | 'forgetMember' | 'exportRows'
>;

/** The tables a community's export holds whole, each in a stable order. */
const EXPORTED = {
  mentor_offers: ['user_id'],
  mentor_skills: ['user_id', 'position'],
  mentor_requests: ['id'],
  mentor_asks: ['request_id', 'mentor_id'],
  mentorships: ['id'],
  mentor_check_ins: ['mentorship_id', 'seq', 'user_id'],
  mentor_closings: ['mentorship_id', 'user_id'],
} as const;

export function mentorshipMemberQueries(db: Db): MembersPart {
  return {
    profiles: (community, userIds) => profileSkills(db, community, userIds),
    avoidsEither: (community, userId) => avoidsEither(db, community, userId),
    avoidPairs: (community) => avoidPairs(db, community),

    async stats(community) {
      const ships = await db
        .selectFrom('mentorships')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('community', '=', community)
        .groupBy('status')
        .execute();
      const of = (status: string) => Number(ships.find((s) => s.status === status)?.n ?? 0);
      const waiting = await db
        .selectFrom('mentor_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community', '=', community)
        .where('status', '=', 'waiting')
        .executeTakeFirstOrThrow();
      const mentors = await db
        .selectFrom('mentor_offers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community', '=', community)
        .executeTakeFirstOrThrow();
      return {
        mentors: Number(mentors.n),
        active: of('active'),
        completed: of('completed'),
        waiting: Number(waiting.n),
      };
    },

    async forgetMember(community, userId) {
      const gone = async (result: Promise<{ numDeletedRows: bigint }>) => Number((await result).numDeletedRows);
      const byUser = (table: 'mentor_skills' | 'mentor_offers' | 'mentor_check_ins' | 'mentor_closings') =>
        gone(db.deleteFrom(table).where('community', '=', community).where('user_id', '=', userId).executeTakeFirst());
      await byUser('mentor_skills');
      const offer = await byUser('mentor_offers');
      const answers = (await byUser('mentor_check_ins')) + (await byUser('mentor_closings'));
      // Their requests go with the asks on them (cascade); asks to them as a mentor go too.
      const requests = await gone(
        db
          .deleteFrom('mentor_requests')
          .where('community', '=', community)
          .where('mentee_id', '=', userId)
          .executeTakeFirst(),
      );
      const asks = await gone(
        db
          .deleteFrom('mentor_asks')
          .where('community', '=', community)
          .where('mentor_id', '=', userId)
          .executeTakeFirst(),
      );
      // Completed mentorships they were mentored in stay, emptied of them, so their mentor's count survives.
      const kept = await db
        .updateTable('mentorships')
        .set((eb) => ({ mentee_id: '', about: '', goal: null, term: eb.ref('skill') }))
        .where('community', '=', community)
        .where('mentee_id', '=', userId)
        .where('status', '=', 'completed')
        .executeTakeFirst();
      const ships = await gone(
        db
          .deleteFrom('mentorships')
          .where('community', '=', community)
          .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
          .executeTakeFirst(),
      );
      return {
        'mentoring offer': offer,
        'mentorship requests': requests + asks,
        mentorships: ships + Number(kept.numUpdatedRows),
        'mentorship answers': answers,
      };
    },

    async exportRows(community) {
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const [table, order] of Object.entries(EXPORTED) as [keyof typeof EXPORTED, readonly string[]][]) {
        let query = db.selectFrom(table).selectAll().where('community', '=', community);
        for (const column of order) query = query.orderBy(column as never);
        out[table] = (await query.execute()) as Record<string, unknown>[];
      }
      return out;
    },
  };
}
