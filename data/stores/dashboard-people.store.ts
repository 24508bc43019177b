/**
 * The dashboard's figures about members: counts, weekly activity (`member_active_weeks`, written by triggers on
 * `members`), arrivals with their intro's progress (`profiles`), and the name lists of who could use a hand. Reads
 * other features' tables; members who used forget-me have no `members` row and so appear nowhere.
 */
import { sql } from 'kysely';
import type { DashboardStore, NameList } from '../../commands/dashboard/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs, toOptionalDate } from '../db/rows.ts';

type PeoplePart = Pick<
  DashboardStore,
  'memberCount' | 'activeByWeek' | 'arrivals' | 'withoutIntro' | 'ghosted' | 'quiet'
>;

export function dashboardPeoplePart(db: Db): PeoplePart {
  /** Members still here of the community, as `m`. */
  const here = (community: string) =>
    db.selectFrom('members as m').where('m.community', '=', community).where('m.left_at', 'is', null);

  /** A page of names (oldest first by `order`) and the count of all, from one filtered `members` query. */
  async function nameList(query: ReturnType<typeof here>, order: 'm.joined_at' | 'm.display_name', limit: number) {
    const rows = await query.select('m.display_name').orderBy(order).orderBy('m.user_id').limit(limit).execute();
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { names: rows.map((r) => r.display_name), total: Number(total.n) } satisfies NameList;
  }

  return {
    async memberCount(community) {
      const row = await here(community)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async activeByWeek(community, from, to) {
      const rows = await db
        .selectFrom('member_active_weeks as w')
        // The member row must still exist: forget-me removes it (and, by trigger, its weeks).
        .innerJoin('members as m', (join) =>
          join.onRef('m.id', '=', 'w.member').onRef('m.community', '=', 'w.community'),
        )
        .select(['w.week', (eb) => eb.fn.countAll<number>().as('n')])
        .where('w.community', '=', community)
        .where('w.week', '>=', toMs(from))
        .where('w.week', '<', toMs(to))
        .groupBy('w.week')
        .orderBy('w.week')
        .execute();
      return rows.map((r) => ({ week: toDate(Number(r.week)), count: Number(r.n) }));
    },
    async arrivals(community, since) {
      const rows = await db
        .selectFrom('members as m')
        .leftJoin('profiles as p', (join) =>
          join.onRef('p.community', '=', 'm.community').onRef('p.user_id', '=', 'm.user_id'),
        )
        .select(['m.joined_at', 'm.last_active_at', 'p.status', 'p.introduced_at'])
        .where('m.community', '=', community)
        .where('m.joined_at', '>=', toMs(since))
        .orderBy('m.joined_at')
        .orderBy('m.user_id')
        .execute();
      return rows.map((r) => ({
        joinedAt: toDate(r.joined_at!),
        lastActiveAt: toDate(r.last_active_at),
        startedIntro: r.introduced_at !== null || (r.status !== null && r.status !== 'draft'),
        introducedAt: toOptionalDate(r.introduced_at),
      }));
    },
    async withoutIntro(community, joinedFrom, joinedBefore, limit) {
      const query = here(community)
        .where('m.joined_at', '>=', toMs(joinedFrom))
        .where('m.joined_at', '<', toMs(joinedBefore))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('profiles as p')
                .select(sql`1`.as('one'))
                .whereRef('p.community', '=', 'm.community')
                .whereRef('p.user_id', '=', 'm.user_id')
                .where('p.introduced_at', 'is not', null),
            ),
          ),
        );
      return nameList(query, 'm.joined_at', limit);
    },
    async ghosted(community, streak, limit) {
      const query = here(community).where(({ exists, selectFrom }) =>
        exists(
          selectFrom('match_prefs as p')
            .select(sql`1`.as('one'))
            .whereRef('p.community', '=', 'm.community')
            .whereRef('p.user_id', '=', 'm.user_id')
            .where((eb) => eb.or([eb('p.ignored_streak', '>=', streak), eb('p.pause_reason', '=', 'ignored')])),
        ),
      );
      return nameList(query, 'm.display_name', limit);
    },
    async quiet(community, since, limit) {
      const ms = toMs(since);
      const query = here(community)
        .where(sql<boolean>`coalesce(m.joined_at, m.first_seen_at) < ${ms}`)
        .where(({ not, exists, selectFrom, or }) =>
          not(
            or([
              exists(
                selectFrom('match_pairing_members as pm')
                  .select(sql`1`.as('one'))
                  .whereRef('pm.community', '=', 'm.community')
                  .whereRef('pm.user_id', '=', 'm.user_id')
                  .where('pm.met', '=', 'yes')
                  .where('pm.responded_at', '>=', ms),
              ),
              exists(
                selectFrom('meetup_rsvps as r')
                  .select(sql`1`.as('one'))
                  .whereRef('r.community', '=', 'm.community')
                  .whereRef('r.user_id', '=', 'm.user_id')
                  .where('r.responded_at', '>=', ms),
              ),
              exists(
                selectFrom('feedback_requests as fr')
                  .select(sql`1`.as('one'))
                  .whereRef('fr.community', '=', 'm.community')
                  .whereRef('fr.requester', '=', 'm.user_id')
                  .where('fr.created_at', '>=', ms),
              ),
              exists(
                selectFrom('feedback_asks as fa')
                  .select(sql`1`.as('one'))
                  .whereRef('fa.community', '=', 'm.community')
                  .whereRef('fa.reviewer', '=', 'm.user_id')
                  .where('fa.status', 'in', ['accepted', 'given'])
                  .where('fa.answered_at', '>=', ms),
              ),
            ]),
          ),
        );
      return nameList(query, 'm.display_name', limit);
    },
  };
}
