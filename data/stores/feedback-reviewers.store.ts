/**
 * The feedback store's reads for reviewer routing (commands/feedback/reviewers.ts): a bounded, rotating window of
 * a skill's offerers, the load of the few members in it, and a member's own skills. Reads `member_skills` and
 * `members`, which belong to other features, and never writes them. Part of feedback.store.ts.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { FeedbackStore } from '../../commands/feedback/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';
import type { DB } from '../db/schema.ts';
import { pivotBetween } from './feedback-rotation.ts';

/** User ids per load query: far under both databases' limits on bound parameters. */
const LOAD_CHUNK = 5_000;

/** A stretch of `user_id`s: from `after` (included or not), up to `before` (excluded); open ends when absent. */
interface Range {
  readonly after?: { readonly id: string; readonly inclusive: boolean };
  readonly before?: string;
}

type RoutingQueries = Pick<FeedbackStore, 'offerersOf' | 'reviewerLoads' | 'memberSkills'>;

export function feedbackReviewerQueries(db: Db): RoutingQueries {
  /** One skill's offers, as an index range: (community, skill, kind). */
  const offers = (eb: ExpressionBuilder<DB, never>, community: CommunityId, skill: string) =>
    eb
      .selectFrom('member_skills')
      .select('user_id')
      .where('community', '=', community)
      .where('skill', '=', skill)
      .where('kind', '=', 'offer');

  /**
   * One batch of a skill's offers in `user_id` order within (`after`, `before`), each marked usable when the member
   * is still here and takes review asks. The range is read first, in a sub-query whose `LIMIT` neither database
   * can fold into the join: an ordered index range that stops at `batch` rows whatever the statistics say (a
   * planner that joined first would read every offerer and sort them). Each row then costs two key lookups.
   */
  const batchOf = (community: CommunityId, skill: string, range: Range, batch: number) =>
    db
      .selectFrom((eb) => {
        let offered = offers(eb, community, skill);
        if (range.after) offered = offered.where('user_id', range.after.inclusive ? '>=' : '>', range.after.id);
        if (range.before !== undefined) offered = offered.where('user_id', '<', range.before);
        return offered.orderBy('user_id').limit(batch).as('w');
      })
      .leftJoin('members as m', (j) => j.on('m.community', '=', community).onRef('m.user_id', '=', 'w.user_id'))
      .select((eb) => [
        'w.user_id',
        eb
          .case()
          .when(
            eb.and([
              eb('m.user_id', 'is not', null),
              eb('m.left_at', 'is', null),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('feedback_optouts as o')
                    .select('o.kind')
                    .where('o.community', '=', community)
                    .whereRef('o.user_id', '=', 'w.user_id')
                    .where('o.kind', '=', 'asks'),
                ),
              ),
            ]),
          )
          .then(sql.lit(1))
          .else(sql.lit(0))
          .end()
          .as('usable'),
      ])
      .orderBy('w.user_id')
      .execute();

  /** Up to `limit` usable offerers in `range`, in order: batches until enough, growing past unusable ones. */
  const scan = async (community: CommunityId, skill: string, range: Range, limit: number) => {
    const ids: string[] = [];
    for (let after = range.after, batch = limit; ids.length < limit; batch *= 4) {
      const rows = await batchOf(community, skill, { after, before: range.before }, batch);
      for (const row of rows) if (Number(row.usable) === 1 && ids.length < limit) ids.push(row.user_id);
      if (rows.length < batch) break;
      after = { id: rows.at(-1)!.user_id, inclusive: false };
    }
    return ids;
  };

  return {
    async offerersOf(community, skill, start, limit) {
      if (limit <= 0) return [];
      // The two ends of the list: one seek each. The window starts `start` of the way from one to the other.
      const ends = await db
        .selectNoFrom((eb) => [
          offers(eb, community, skill).orderBy('user_id').limit(1).as('lo'),
          offers(eb, community, skill).orderBy('user_id', 'desc').limit(1).as('hi'),
        ])
        .executeTakeFirstOrThrow();
      if (ends.lo == null || ends.hi == null) return [];
      const pivot = pivotBetween(ends.lo, ends.hi, start);
      const ids = await scan(community, skill, { after: { id: pivot, inclusive: true } }, limit);
      // Wrapping around: the offerers before the start, when those after it were too few.
      if (ids.length < limit && pivot > ends.lo)
        ids.push(...(await scan(community, skill, { before: pivot }, limit - ids.length)));
      return ids;
    },

    async reviewerLoads(community, userIds, since) {
      const loads = [];
      for (let i = 0; i < userIds.length; i += LOAD_CHUNK) {
        // A seek per member on `feedback_asks_by_reviewer`; an ask on a closed request weighs on nobody.
        const rows = await db
          .selectFrom('feedback_asks as a')
          .leftJoin('feedback_requests as r', (j) =>
            j.onRef('r.id', '=', 'a.request_id').onRef('r.community', '=', 'a.community'),
          )
          .select((eb) => [
            'a.reviewer',
            eb.fn
              .countAll<number>()
              .filterWhere((f) => f.and([f('a.status', 'in', ['asked', 'accepted']), f('r.status', '=', 'open')]))
              .as('open_asks'),
            eb.fn.countAll<number>().filterWhere('a.asked_at', '>=', toMs(since)).as('recent_asks'),
            eb.fn.max('a.asked_at').as('last_asked_at'),
          ])
          .where('a.community', '=', community)
          .where('a.reviewer', 'in', userIds.slice(i, i + LOAD_CHUNK))
          .groupBy('a.reviewer')
          .orderBy('a.reviewer')
          .execute();
        for (const r of rows) {
          loads.push({
            userId: r.reviewer,
            openAsks: Number(r.open_asks),
            recentAsks: Number(r.recent_asks),
            lastAskedAt: toDate(r.last_asked_at),
          });
        }
      }
      return loads;
    },

    async memberSkills(community, userId, kind) {
      // `member_skills_by_member` (community, user_id, added_at, skill, …): a covering seek, already in order.
      const rows = await db
        .selectFrom('member_skills')
        .select('skill')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .orderBy('added_at')
        .orderBy('skill')
        .execute();
      return rows.map((r) => r.skill);
    },
  };
}
