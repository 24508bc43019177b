/**
 * The feedback store's ratings, prompt opt-outs, `/hallway stats` figures, and what it keeps of one member (forget
 * me) or of a whole community (export). Part of feedback.store.ts.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { FeedbackStore } from '../../commands/feedback/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';
import type { DB } from '../db/schema.ts';

type MemberQueries = Pick<
  FeedbackStore,
  | 'stats'
  | 'addRating'
  | 'getRating'
  | 'setThanks'
  | 'countRatedGiven'
  | 'setOptOut'
  | 'optOuts'
  | 'forgetMember'
  | 'exportAll'
>;

const average = (sum: number | null, count: number) => (count > 0 && sum !== null ? sum / count : undefined);

export function feedbackMemberQueries(db: Db): MemberQueries {
  const rating = (community: string, requestId: number, reviewer: string) =>
    db
      .updateTable('feedback_ratings')
      .where('community', '=', community)
      .where('request_id', '=', requestId)
      .where('reviewer', '=', reviewer);

  return {
    async stats(community) {
      const count = (eb: ExpressionBuilder<DB, never>) => eb.fn.countAll<number>();
      const row = await db
        .selectNoFrom((eb) => [
          eb
            .selectFrom('feedback_requests')
            .select(count(eb).as('n'))
            .where('community', '=', community)
            .as('requests'),
          eb
            .selectFrom('feedback_requests')
            .select(count(eb).as('n'))
            .where('community', '=', community)
            .where('status', '=', 'open')
            .as('open'),
          eb
            .selectFrom('feedback_asks')
            .select(count(eb).as('n'))
            .where('community', '=', community)
            .where('status', '=', 'given')
            .as('given'),
          eb.selectFrom('feedback_ratings').select(count(eb).as('n')).where('community', '=', community).as('ratings'),
          eb
            .selectFrom('feedback_ratings')
            .select((s) => s.fn.sum<number | null>('score').as('total'))
            .where('community', '=', community)
            .as('total'),
        ])
        .executeTakeFirstOrThrow();
      const ratings = Number(row.ratings ?? 0);
      return {
        requests: Number(row.requests ?? 0),
        open: Number(row.open ?? 0),
        given: Number(row.given ?? 0),
        ratings,
        averageHelpfulness: average(row.total == null ? null : Number(row.total), ratings),
      };
    },

    async addRating(community, requestId, reviewer, score, now) {
      // Through the request, like asks: a rating exists only on a request of this community. The casts type the
      // parameters for PostgreSQL.
      const result = await db
        .insertInto('feedback_ratings')
        .columns(['community', 'request_id', 'reviewer', 'score', 'rated_at'])
        .expression((eb) =>
          eb
            .selectFrom('feedback_requests as r')
            .select([
              'r.community',
              'r.id',
              sql<string>`cast(${reviewer} as text)`.as('reviewer'),
              sql<number>`cast(${score} as integer)`.as('score'),
              sql<number>`cast(${toMs(now)} as bigint)`.as('rated_at'),
            ])
            .where('r.community', '=', community)
            .where('r.id', '=', requestId),
        )
        .onConflict((oc) => oc.columns(['request_id', 'reviewer']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async getRating(community, requestId, reviewer) {
      const row = await db
        .selectFrom('feedback_ratings')
        .select(['request_id', 'reviewer', 'score', 'thanks', 'rated_at'])
        .where('community', '=', community)
        .where('request_id', '=', requestId)
        .where('reviewer', '=', reviewer)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        requestId: row.request_id,
        reviewer: row.reviewer,
        score: row.score,
        thanks: row.thanks ?? undefined,
        ratedAt: toDate(row.rated_at),
      };
    },
    async setThanks(community, requestId, reviewer, thanks) {
      const result = await rating(community, requestId, reviewer)
        .set({ thanks })
        .where('thanks', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async countRatedGiven(community, reviewer, minScore) {
      const row = await db
        .selectFrom('feedback_ratings as rt')
        .innerJoin('feedback_asks as a', (j) =>
          j
            .onRef('a.request_id', '=', 'rt.request_id')
            .onRef('a.reviewer', '=', 'rt.reviewer')
            .onRef('a.community', '=', 'rt.community')
            .on('a.status', '=', 'given'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('rt.community', '=', community)
        .where('rt.reviewer', '=', reviewer)
        .where('rt.score', '>=', minScore)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async setOptOut(community, userId, kind, off, now) {
      if (off) {
        await db
          .insertInto('feedback_optouts')
          .values({ community, user_id: userId, kind, created_at: toMs(now) })
          .onConflict((oc) => oc.columns(['community', 'user_id', 'kind']).doNothing())
          .execute();
      } else {
        await db
          .deleteFrom('feedback_optouts')
          .where('community', '=', community)
          .where('user_id', '=', userId)
          .where('kind', '=', kind)
          .execute();
      }
    },
    async optOuts(community, userId) {
      const rows = await db
        .selectFrom('feedback_optouts')
        .select('kind')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .orderBy('kind')
        .execute();
      return rows.map((r) => r.kind);
    },

    async forgetMember(community, userId) {
      // Rows on their own requests go too, explicitly: the counts do not depend on foreign-key cascades (on in
      // PostgreSQL, a connection setting in SQLite).
      const mineOrOnTheirs = (eb: ExpressionBuilder<DB, 'feedback_asks' | 'feedback_ratings'>) =>
        eb.or([
          eb.and([eb('community', '=', community), eb('reviewer', '=', userId)]),
          eb(
            'request_id',
            'in',
            eb
              .selectFrom('feedback_requests')
              .select('id')
              .where('community', '=', community)
              .where('requester', '=', userId),
          ),
        ]);
      const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
      const ratings = deleted(await db.deleteFrom('feedback_ratings').where(mineOrOnTheirs).executeTakeFirst());
      const asks = deleted(await db.deleteFrom('feedback_asks').where(mineOrOnTheirs).executeTakeFirst());
      const requests = deleted(
        await db
          .deleteFrom('feedback_requests')
          .where('community', '=', community)
          .where('requester', '=', userId)
          .executeTakeFirst(),
      );
      const settings = deleted(
        await db
          .deleteFrom('feedback_optouts')
          .where('community', '=', community)
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      );
      return { requests, asks, ratings, settings };
    },

    async exportAll(community, helpfulFrom) {
      // Requests, and who said yes (the requester was told). Who declined or stayed silent, a reviewer's note, a
      // score and a thank-you were between two members: they leave only as the recognition profiles show.
      const helpful = await db
        .selectFrom('feedback_ratings')
        .select((eb) => ['reviewer', eb.fn.countAll<number>().as('n')])
        .where('community', '=', community)
        .where('score', '>=', helpfulFrom)
        .groupBy('reviewer')
        .orderBy('reviewer')
        .execute();
      return {
        feedback_requests: await db
          .selectFrom('feedback_requests')
          .select(['id', 'requester', 'about', 'link', 'skills', 'due_at', 'status', 'created_at'])
          .where('community', '=', community)
          .orderBy('id')
          .execute(),
        feedback_reviewers: await db
          .selectFrom('feedback_asks')
          .select(['request_id', 'reviewer', 'status', 'answered_at'])
          .where('community', '=', community)
          .where('status', 'in', ['accepted', 'given'])
          .orderBy('request_id')
          .orderBy('reviewer')
          .execute(),
        feedback_recognition: helpful.map((r) => ({ reviewer: r.reviewer, helpful_feedback_given: Number(r.n) })),
      };
    },
  };
}
