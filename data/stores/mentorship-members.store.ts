/** The mentorship store's reads of other features' tables, its stats, and a member's data (forget-me, export). */
import type { MentorshipStore } from '../../commands/mentorship/store.ts';
import type { Db } from '../db/executor.ts';
import { avoidPairs, avoidsEither, profileSkills } from './member-reads.ts';

type MembersPart = Pick<
  MentorshipStore,
  'profiles' | 'avoidsEither' | 'avoidPairs' | 'stats' | 'forgetMember' | 'exportRows'
>;

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
      // SECURITY.md, "Private answers": offers and mentorships are what members see; who declined, timed out or was
      // withdrawn is never listed (only accepted asks); request texts stay with the mentors asked; check-in answers
      // ("only Hallway sees the answer") and closing answers leave only as counts.
      const rows = (query: { execute(): Promise<object[]> }) => query.execute() as Promise<Record<string, unknown>[]>;
      return {
        mentor_offers: await rows(
          db
            .selectFrom('mentor_offers')
            .select(['user_id', 'capacity', 'note', 'paused', 'created_at', 'updated_at'])
            .where('community', '=', community)
            .orderBy('user_id'),
        ),
        mentor_skills: await rows(
          db
            .selectFrom('mentor_skills')
            .select(['user_id', 'skill', 'term', 'position'])
            .where('community', '=', community)
            .orderBy('user_id')
            .orderBy('position'),
        ),
        mentor_requests: await rows(
          db
            .selectFrom('mentor_requests')
            .select(['id', 'mentee_id', 'skill', 'status', 'created_at', 'updated_at'])
            .where('community', '=', community)
            .orderBy('id'),
        ),
        mentor_asks: await rows(
          db
            .selectFrom('mentor_asks')
            .select(['request_id', 'mentor_id', 'status', 'via_round', 'asked_at', 'answered_at'])
            .where('community', '=', community)
            .where('status', '=', 'accepted')
            .orderBy('request_id')
            .orderBy('mentor_id'),
        ),
        mentorships: await rows(
          db
            .selectFrom('mentorships')
            .select(['id', 'mentor_id', 'mentee_id', 'skill', 'status', 'started_at', 'ends_at', 'ended_at'])
            .where('community', '=', community)
            .orderBy('id'),
        ),
        mentor_check_ins: await rows(
          db
            .selectFrom('mentor_check_ins')
            .select(['answer', (eb) => eb.fn.countAll<number>().as('answers')])
            .where('community', '=', community)
            .groupBy('answer')
            .orderBy('answer'),
        ),
        mentor_closings: await rows(
          db
            .selectFrom('mentor_closings')
            .select((eb) => eb.fn.countAll<number>().as('answers'))
            .where('community', '=', community),
        ),
      };
    },
  };
}
