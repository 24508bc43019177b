/**
 * The dashboard's figures about what members do together, read from the meetups, feedback and skills tables:
 * meetups held with their answers and ratings (counts and sums only), the feedback funnel, and skills supply and
 * demand.
 */
import { sql } from 'kysely';
import type { DashboardStore } from '../../commands/dashboard/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';

type ActivityPart = Pick<DashboardStore, 'heldMeetups' | 'feedback' | 'skillBalance' | 'skillDemand' | 'offerers'>;

const OFFERS = sql<number>`sum(case when s.kind = 'offer' then 1 else 0 end)`;
const NEEDS = sql<number>`sum(case when s.kind = 'need' then 1 else 0 end)`;

function toBalance(r: { skill: string; term: unknown; offers: number; needs: number }) {
  return { skill: r.skill, term: String(r.term), offers: Number(r.offers), needs: Number(r.needs) };
}

export function dashboardActivityPart(db: Db): ActivityPart {
  /** Each skill of members still here, with how many offer and need it. */
  const balance = (community: string) =>
    db
      .selectFrom('member_skills as s')
      .innerJoin('members as m', (join) =>
        join.onRef('m.community', '=', 's.community').onRef('m.user_id', '=', 's.user_id'),
      )
      .select((eb) => ['s.skill', eb.fn.min('s.term').as('term'), OFFERS.as('offers'), NEEDS.as('needs')])
      .where('s.community', '=', community)
      .where('m.left_at', 'is', null)
      .groupBy('s.skill');
  return {
    /** One read: each meetup with its counts as scalar subqueries over the (meetup_id, …) primary keys. */
    async heldMeetups(community, from, to, limit) {
      const rsvps = (status: 'answered' | 'seated') =>
        status === 'answered'
          ? sql<number>`(select count(*) from meetup_rsvps r where r.meetup_id = m.id and r.community = m.community
              and r.status in ('going', 'maybe'))`
          : sql<number>`(select count(*) from meetup_rsvps r where r.meetup_id = m.id and r.community = m.community
              and r.status = 'going' and r.waitlist_position is null)`;
      const rows = await db
        .selectFrom('meetups as m')
        .select([
          'm.id',
          'm.title',
          'm.starts_at',
          'm.series_id',
          rsvps('answered').as('answered'),
          rsvps('seated').as('seated'),
          sql<number>`(select count(*) from meetup_ratings t where t.meetup_id = m.id and t.community = m.community)`.as(
            'ratings',
          ),
          sql<number>`(select coalesce(sum(t.score), 0) from meetup_ratings t
            where t.meetup_id = m.id and t.community = m.community)`.as('rating_total'),
        ])
        .where('m.community', '=', community)
        .where('m.status', '=', 'scheduled')
        .where('m.ends_at', '>=', toMs(from))
        .where('m.ends_at', '<', toMs(to))
        .orderBy('m.starts_at')
        .orderBy('m.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        meetupId: Number(r.id),
        title: r.title,
        startsAt: toDate(r.starts_at),
        seriesId: r.series_id === null ? undefined : Number(r.series_id),
        answered: Number(r.answered),
        seated: Number(r.seated),
        ratings: Number(r.ratings),
        ratingTotal: Number(r.rating_total),
      }));
    },

    async feedback(community, since) {
      const ms = toMs(since);
      const askIn = (statuses: readonly string[]) =>
        sql<number>`sum(case when exists (select 1 from feedback_asks a where a.request_id = r.id
          and a.community = r.community and a.status in (${sql.join(statuses)})) then 1 else 0 end)`;
      const counts = await db
        .selectFrom('feedback_requests as r')
        .select((eb) => [
          eb.fn.countAll<number>().as('requested'),
          askIn(['accepted', 'given']).as('accepted'),
          askIn(['given']).as('given'),
        ])
        .where('r.community', '=', community)
        .where('r.created_at', '>=', ms)
        .executeTakeFirstOrThrow();
      const ratings = await db
        .selectFrom('feedback_ratings as t')
        .innerJoin('feedback_requests as r', (join) =>
          join.onRef('r.id', '=', 't.request_id').onRef('r.community', '=', 't.community'),
        )
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          sql<number>`sum(case when t.score >= 4 then 1 else 0 end)`.as('helpful'),
        ])
        .where('t.community', '=', community)
        .where('r.created_at', '>=', ms)
        .executeTakeFirstOrThrow();
      const firsts = await db
        .selectFrom('feedback_requests as r')
        .innerJoin('feedback_asks as a', (join) =>
          join.onRef('a.request_id', '=', 'r.id').onRef('a.community', '=', 'r.community'),
        )
        .select(['r.id', 'r.created_at', (eb) => eb.fn.min('a.answered_at').as('first')])
        .where('r.community', '=', community)
        .where('r.created_at', '>=', ms)
        .where('a.status', '=', 'given')
        .where('a.answered_at', 'is not', null)
        .groupBy(['r.id', 'r.created_at'])
        .orderBy('r.id')
        .execute();
      return {
        requested: Number(counts.requested),
        accepted: Number(counts.accepted ?? 0),
        given: Number(counts.given ?? 0),
        ratings: Number(ratings.n),
        helpful: Number(ratings.helpful ?? 0),
        hoursToFeedback: firsts.map((f) => (Number(f.first) - f.created_at) / 3_600_000),
      };
    },

    async skillBalance(community, limit) {
      const rows = await balance(community)
        .orderBy(sql`${NEEDS} - ${OFFERS}`, 'desc')
        .orderBy(NEEDS, 'desc')
        .orderBy('s.skill')
        .limit(limit)
        .execute();
      return rows.map(toBalance);
    },

    async skillDemand(community, skill) {
      const row = await balance(community).where('s.skill', '=', skill).executeTakeFirst();
      return row && toBalance(row);
    },

    async offerers(community, skill, limit) {
      const rows = await db
        .selectFrom('member_skills as s')
        .innerJoin('members as m', (join) =>
          join.onRef('m.community', '=', 's.community').onRef('m.user_id', '=', 's.user_id'),
        )
        .select(['s.user_id', 'm.display_name'])
        .where('s.community', '=', community)
        .where('s.skill', '=', skill)
        .where('s.kind', '=', 'offer')
        .where('m.left_at', 'is', null)
        .orderBy('s.added_at')
        .orderBy('s.user_id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ userId: r.user_id, name: r.display_name }));
    },
  };
}
