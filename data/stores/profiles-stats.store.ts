/** `/hallway stats` for introductions: counts on the profiles and skills of members who have not left. */
import { type ExpressionBuilder, sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { IntroStats } from '../../commands/introductions/store.ts';
import type { Db } from '../db/executor.ts';
import type { DB } from '../db/schema.ts';

/**
 * For `/hallway stats`: the row `t` is not of a member who left. A member without a row (seeded data) counts as
 * here, unlike the listings above, which need the member row.
 */
function notLeft(eb: ExpressionBuilder<DB & { t: DB['profiles'] | DB['member_skills'] }, 't'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('members as m')
        .select(sql.lit(1).as('one'))
        .whereRef('m.community', '=', 't.community')
        .whereRef('m.user_id', '=', 't.user_id')
        .where('m.left_at', 'is not', null),
    ),
  );
}

export async function introStats(db: Db, community: CommunityId): Promise<IntroStats> {
  const profiles = await db
    .selectFrom('profiles as t')
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere((f) => f.and([f('t.status', '=', 'approved'), f('t.introduced_at', 'is not', null)]))
        .as('introduced'),
      eb.fn.countAll<number>().filterWhere('t.status', '=', 'pending_approval').as('awaiting'),
    ])
    .where('t.community', '=', community)
    .where(notLeft)
    .executeTakeFirstOrThrow();
  const skills = await db
    .selectFrom('member_skills as t')
    .select((eb) => [
      eb.fn.count<number>('t.skill').distinct().filterWhere('t.kind', '=', 'offer').as('offered'),
      eb.fn.count<number>('t.skill').distinct().filterWhere('t.kind', '=', 'need').as('needed'),
    ])
    .where('t.community', '=', community)
    .where(notLeft)
    .executeTakeFirstOrThrow();
  return {
    introduced: Number(profiles.introduced),
    awaitingApproval: Number(profiles.awaiting),
    skillsOffered: Number(skills.offered),
    skillsNeeded: Number(skills.needed),
  };
}
