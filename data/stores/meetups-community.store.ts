/**
 * The community-wide reads of the meetups store: the `/hallway stats` figures, and what the digest reads from
 * other features' tables (`members`, `member_skills`, `profiles`, the resources tables; read-only). The digest names
 * only members who may be listed (see listed.ts).
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { MeetupsStore, SkillShareIdea } from '../../commands/meetups/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';
import type { DB } from '../db/schema.ts';
import { listed } from './listed.ts';

type CommunityPart = Pick<MeetupsStore, 'stats' | 'newestMembers' | 'skillShareIdeas' | 'libraryNews'>;

export function meetupsCommunityPart(db: Db): CommunityPart {
  return {
    /**
     * One read: the ratings' aggregates, with the meetup counts as scalar subqueries (each a range of the
     * (community, status, starts_at | ends_at) indexes).
     */
    async stats(community, now) {
      const ms = toMs(now);
      const scheduled = () =>
        db
          .selectFrom('meetups')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('community', '=', community)
          .where('status', '=', 'scheduled');
      const row = await db
        .selectFrom('meetup_ratings')
        .where('community', '=', community)
        .select((eb) => [
          eb.fn.countAll<number>().as('ratings'),
          sql<number | null>`sum(score)`.as('total'),
          scheduled().where('starts_at', '>', ms).as('upcoming'),
          scheduled().where('ends_at', '<=', ms).as('held'),
          // Seated answers only: a waitlisted member did not have a seat.
          eb
            .selectFrom('meetup_rsvps as r')
            .innerJoin('meetups as m', (join) =>
              join.onRef('m.id', '=', 'r.meetup_id').onRef('m.community', '=', 'r.community'),
            )
            .select((sub) => sub.fn.countAll<number>().as('n'))
            .where('r.community', '=', community)
            .where('m.status', '=', 'scheduled')
            .where('m.ends_at', '<=', ms)
            .where('r.status', '=', 'going')
            .where('r.waitlist_position', 'is', null)
            .as('attended'),
        ])
        .executeTakeFirstOrThrow();
      const ratings = Number(row.ratings);
      return {
        upcoming: Number(row.upcoming),
        held: Number(row.held),
        attended: Number(row.attended),
        ratings,
        averageRating: ratings > 0 && row.total !== null ? Number(row.total) / ratings : undefined,
      };
    },

    async newestMembers(community, since, limit) {
      const rows = await db
        .selectFrom('members')
        .select(['user_id', 'display_name', 'joined_at'])
        .where('community', '=', community)
        .where('joined_at', '>=', toMs(since))
        .where('left_at', 'is', null)
        .where(listed('members.community', 'members.user_id'))
        .orderBy('joined_at', 'desc')
        .orderBy('user_id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, joinedAt: toDate(r.joined_at!) }));
    },

    /**
     * One read: the top ideas in a CTE (needers still here, offered by someone else still here), joined with every
     * offerer still here, longest-standing offer first; grouped into ideas here. "Still here": no `members` row
     * that says they left (a member without a row, e.g. imported, counts as here).
     */
    async skillShareIdeas(community, minNeeds, limit) {
      const offeredByAnother = (eb: ExpressionBuilder<DB & { n: DB['member_skills'] }, 'n'>) =>
        eb.exists(
          eb
            .selectFrom('member_skills as o')
            .leftJoin('members as mo', (join) =>
              join.onRef('mo.community', '=', 'o.community').onRef('mo.user_id', '=', 'o.user_id'),
            )
            .select(sql`1`.as('one'))
            .whereRef('o.community', '=', 'n.community')
            .where('o.kind', '=', 'offer')
            .whereRef('o.skill', '=', 'n.skill')
            .whereRef('o.user_id', '<>', 'n.user_id')
            .where('mo.left_at', 'is', null)
            .where(listed('o.community', 'o.user_id')),
        );
      const rows = await db
        .with('ideas', (qb) =>
          qb
            .selectFrom('member_skills as n')
            .leftJoin('members as mn', (join) =>
              join.onRef('mn.community', '=', 'n.community').onRef('mn.user_id', '=', 'n.user_id'),
            )
            .select([
              'n.skill as skill',
              sql<string>`min(n.term)`.as('term'),
              sql<number>`count(DISTINCT n.user_id)`.as('needs'),
            ])
            .where('n.community', '=', community)
            .where('n.kind', '=', 'need')
            .where('mn.left_at', 'is', null)
            .where(offeredByAnother)
            .groupBy('n.skill')
            .having(sql`count(DISTINCT n.user_id)`, '>=', minNeeds)
            .orderBy('needs', 'desc')
            .orderBy('n.skill')
            .limit(limit),
        )
        .selectFrom('ideas as i')
        .innerJoin('member_skills as o', (join) =>
          join.on('o.community', '=', community).on('o.kind', '=', 'offer').onRef('o.skill', '=', 'i.skill'),
        )
        .leftJoin('members as mo', (join) =>
          join.onRef('mo.community', '=', 'o.community').onRef('mo.user_id', '=', 'o.user_id'),
        )
        .where('mo.left_at', 'is', null)
        .where(listed('o.community', 'o.user_id'))
        .select(['i.skill', 'i.term', 'i.needs', 'o.user_id'])
        .orderBy('i.needs', 'desc')
        .orderBy('i.skill')
        .orderBy('o.added_at')
        .orderBy('o.user_id')
        .execute();
      const ideas = new Map<string, SkillShareIdea & { offerers: string[] }>();
      for (const row of rows) {
        let idea = ideas.get(row.skill);
        if (!idea) {
          idea = { skill: row.skill, term: row.term, needCount: Number(row.needs), offerers: [] };
          ideas.set(row.skill, idea);
        }
        idea.offerers.push(row.user_id);
      }
      return [...ideas.values()];
    },

    /** Two reads: the newest resources (`resources_by_age`), and bookings made since then grouped by resource. */
    async libraryNews(community, since, limit) {
      const added = await db
        .selectFrom('resources')
        .select(['name', 'kind'])
        .where('community', '=', community)
        .where('created_at', '>=', toMs(since))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      const booked = await db
        .selectFrom('resource_bookings as b')
        .innerJoin('resources as r', (j) =>
          j.onRef('r.id', '=', 'b.resource_id').onRef('r.community', '=', 'b.community'),
        )
        .select((eb) => ['r.name', eb.fn.countAll<number>().as('bookings')])
        .where('b.community', '=', community)
        .where('b.status', '=', 'booked')
        .where('b.created_at', '>=', toMs(since))
        .groupBy(['r.id', 'r.name'])
        .orderBy('bookings', 'desc')
        .orderBy('r.name')
        .limit(limit)
        .execute();
      return {
        added: added.map((r) => ({ name: r.name, kind: r.kind })),
        mostBooked: booked.map((r) => ({ name: r.name, bookings: Number(r.bookings) })),
      };
    },
  };
}
