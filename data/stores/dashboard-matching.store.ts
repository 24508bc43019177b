/**
 * The dashboard's matching figures, read from matching's tables (`match_rounds`, `match_pairings`,
 * `match_pairing_members`) and from `member_skills`: what each round led to, who has a complementary match, and
 * the pairings that turned into work together.
 */
import { sql } from 'kysely';
import type { DashboardStore } from '../../commands/dashboard/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate } from '../db/rows.ts';

type MatchingPart = Pick<DashboardStore, 'rounds' | 'complementarity' | 'collaborations'>;

export function dashboardMatchingPart(db: Db): MatchingPart {
  return {
    async rounds(community, limit) {
      const rows = await db
        .selectFrom('match_rounds as r')
        .leftJoin('match_pairings as p', (join) =>
          join.onRef('p.round_id', '=', 'r.id').onRef('p.community', '=', 'r.community').on('p.kind', '=', 'round'),
        )
        .leftJoin('match_pairing_members as pm', (join) =>
          join.onRef('pm.pairing_id', '=', 'p.id').onRef('pm.community', '=', 'p.community'),
        )
        .select((eb) => [
          'r.id',
          'r.created_at',
          eb.fn.count<number>('pm.user_id').as('paired'),
          sql<number>`sum(case when pm.met = 'yes' then 1 else 0 end)`.as('met'),
          sql<number>`sum(case when pm.collaborating = 1 then 1 else 0 end)`.as('collaborating'),
        ])
        .where('r.community', '=', community)
        .groupBy(['r.id', 'r.created_at'])
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        roundId: Number(r.id),
        heldAt: toDate(r.created_at),
        paired: Number(r.paired),
        met: Number(r.met ?? 0),
        collaborating: Number(r.collaborating ?? 0),
      }));
    },

    /** One pass over the members still here; a skill of theirs meets the opposite kind of someone else still here. */
    async complementarity(community) {
      const row = await db
        .selectFrom('members as m')
        .select((eb) => [
          eb.fn.countAll<number>().as('members'),
          sql<number>`sum(case when exists (
            select 1 from member_skills s
            join member_skills t on t.community = s.community and t.skill = s.skill
              and t.kind <> s.kind and t.user_id <> s.user_id
            join members mt on mt.community = t.community and mt.user_id = t.user_id and mt.left_at is null
            where s.community = m.community and s.user_id = m.user_id
          ) then 1 else 0 end)`.as('with_match'),
        ])
        .where('m.community', '=', community)
        .where('m.left_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { members: Number(row.members), withMatch: Number(row.with_match ?? 0) };
    },

    async collaborations(community, limit) {
      const hereIn = (pairing: 'p.id') =>
        sql<number>`(select count(*) from match_pairing_members x
          join members xm on xm.community = x.community and xm.user_id = x.user_id and xm.left_at is null
          where x.community = p.community and x.pairing_id = ${sql.ref(pairing)})`;
      const pairings = await db
        .selectFrom('match_pairings as p')
        .select(['p.id', 'p.created_at', 'p.kind'])
        .where('p.community', '=', community)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('match_pairing_members as pm')
              .select(sql`1`.as('one'))
              .whereRef('pm.pairing_id', '=', 'p.id')
              .whereRef('pm.community', '=', 'p.community')
              .where('pm.collaborating', '=', 1),
          ),
        )
        .where(hereIn('p.id'), '>=', 2)
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(limit)
        .execute();
      if (pairings.length === 0) return [];
      const members = await db
        .selectFrom('match_pairing_members as pm')
        .innerJoin('members as m', (join) =>
          join.onRef('m.community', '=', 'pm.community').onRef('m.user_id', '=', 'pm.user_id'),
        )
        .select(['pm.pairing_id', 'm.display_name'])
        .where('pm.community', '=', community)
        .where(
          'pm.pairing_id',
          'in',
          pairings.map((p) => p.id),
        )
        .where('m.left_at', 'is', null)
        .orderBy('m.display_name')
        .execute();
      return pairings.map((p) => ({
        pairedAt: toDate(p.created_at),
        kind: p.kind,
        names: members.filter((m) => Number(m.pairing_id) === Number(p.id)).map((m) => m.display_name),
      }));
    },
  };
}
