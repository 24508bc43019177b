/**
 * The feedback feature's store on Kysely (SQLite and PostgreSQL): requests and the reviewers asked for them here;
 * reviewer routing in feedback-reviewers.store.ts; ratings, opt-outs, stats and member data in
 * feedback-members.store.ts.
 *
 * Rows that name a request also carry its community, and every read joins on both: a request id from one
 * community never reaches another's rows.
 */
import { type Selectable, sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import type { FeedbackAsk, FeedbackAskStatus, FeedbackRequest, FeedbackStore } from '../../commands/feedback/store.ts';
import { dbOf } from '../db/executor.ts';
import { toCommunityId, toDate, toMs, toOptionalDate } from '../db/rows.ts';
import type { FeedbackAsksTable, FeedbackRequestsTable } from '../db/schema-feedback.ts';
import { avoidedAmong } from './avoid-hashes.ts';
import { feedbackMemberQueries } from './feedback-members.store.ts';
import { feedbackReviewerQueries } from './feedback-reviewers.store.ts';

type RequestRow = Selectable<FeedbackRequestsTable>;
type AskRow = Omit<Selectable<FeedbackAsksTable>, 'community'>;

const REQUEST_COLUMNS = [
  'id',
  'community',
  'requester',
  'about',
  'link',
  'skills',
  'due_at',
  'status',
  'created_at',
] as const;
const ASK_COLUMNS = ['request_id', 'reviewer', 'status', 'asked_at', 'answered_at', 'note'] as const;

function toRequest(row: RequestRow): FeedbackRequest {
  const skills: unknown = JSON.parse(row.skills);
  return {
    id: row.id,
    community: toCommunityId(row.community),
    requester: row.requester,
    about: row.about,
    link: row.link ?? undefined,
    skills: Array.isArray(skills) ? skills.filter((s): s is string => typeof s === 'string') : [],
    dueAt: toOptionalDate(row.due_at),
    status: row.status,
    createdAt: toDate(row.created_at),
  };
}

function toAsk(row: AskRow): FeedbackAsk {
  return {
    requestId: row.request_id,
    reviewer: row.reviewer,
    status: row.status,
    askedAt: toDate(row.asked_at),
    answeredAt: toOptionalDate(row.answered_at),
    note: row.note ?? undefined,
  };
}

export function feedbackStore(tx: Tx): FeedbackStore {
  const db = dbOf(tx);
  const requests = () => db.selectFrom('feedback_requests').select(REQUEST_COLUMNS);
  const ask = (community: CommunityId, requestId: number, reviewer: string) =>
    db
      .updateTable('feedback_asks')
      .where('community', '=', community)
      .where('request_id', '=', requestId)
      .where('reviewer', '=', reviewer);

  return {
    ...feedbackReviewerQueries(db),
    ...feedbackMemberQueries(db),
    avoidedAmong: (community, userId, others) => avoidedAmong(db, community, userId, others),

    async createRequest(r) {
      const row = await db
        .insertInto('feedback_requests')
        .values({
          community: r.community,
          requester: r.requester,
          about: r.about,
          link: r.link ?? null,
          skills: JSON.stringify(r.skills),
          due_at: r.dueAt ? toMs(r.dueAt) : null,
          status: 'open',
          created_at: toMs(r.now),
        })
        .returning(REQUEST_COLUMNS)
        .executeTakeFirstOrThrow();
      return toRequest(row);
    },
    async getRequest(community, id) {
      const row = await requests().where('community', '=', community).where('id', '=', id).executeTakeFirst();
      return row && toRequest(row);
    },
    async setRequestStatus(community, id, from, to) {
      if (from.length === 0) return false;
      const result = await db
        .updateTable('feedback_requests')
        .set({ status: to })
        .where('community', '=', community)
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async listRequestsBy(community, requester, statuses) {
      if (statuses.length === 0) return [];
      const rows = await requests()
        .where('community', '=', community)
        .where('requester', '=', requester)
        .where('status', 'in', statuses)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRequest);
    },
    async listOverdueRequests(community, now) {
      // `feedback_requests_by_due` (community, status, due_at): a seek, already in deadline order.
      const rows = await requests()
        .where('community', '=', community)
        .where('status', '=', 'open')
        .where('due_at', 'is not', null)
        .where('due_at', '<=', toMs(now))
        .orderBy('due_at')
        .orderBy('id')
        .execute();
      return rows.map(toRequest);
    },

    async addAsk(community, requestId, reviewer, status, now) {
      const at = toMs(now);
      // Through the request, so an ask exists only on a request of this community. The casts type the
      // parameters for PostgreSQL, which reads an untyped parameter in a select list as text.
      const result = await db
        .insertInto('feedback_asks')
        .columns(['community', 'request_id', 'reviewer', 'status', 'asked_at', 'answered_at'])
        .expression((eb) =>
          eb
            .selectFrom('feedback_requests as r')
            .select([
              'r.community',
              'r.id',
              sql<string>`cast(${reviewer} as text)`.as('reviewer'),
              sql<FeedbackAskStatus>`cast(${status} as text)`.as('status'),
              sql<number>`cast(${at} as bigint)`.as('asked_at'),
              sql<number | null>`cast(${status === 'asked' ? null : at} as bigint)`.as('answered_at'),
            ])
            .where('r.community', '=', community)
            .where('r.id', '=', requestId),
        )
        .onConflict((oc) => oc.columns(['request_id', 'reviewer']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async getAsk(community, requestId, reviewer) {
      const row = await db
        .selectFrom('feedback_asks')
        .select(ASK_COLUMNS)
        .where('community', '=', community)
        .where('request_id', '=', requestId)
        .where('reviewer', '=', reviewer)
        .executeTakeFirst();
      return row && toAsk(row);
    },
    async listAsks(community, requestId) {
      const rows = await db
        .selectFrom('feedback_asks')
        .select(ASK_COLUMNS)
        .where('community', '=', community)
        .where('request_id', '=', requestId)
        .orderBy('asked_at')
        .orderBy('reviewer')
        .execute();
      return rows.map(toAsk);
    },
    async listAsksFor(community, reviewer, statuses) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('feedback_asks as a')
        .innerJoin('feedback_requests as r', (j) =>
          j.onRef('r.id', '=', 'a.request_id').onRef('r.community', '=', 'a.community'),
        )
        .select(REQUEST_COLUMNS.map((c) => `r.${c}` as const))
        .select(['a.request_id', 'a.reviewer', 'a.status as ask_status', 'a.asked_at', 'a.answered_at', 'a.note'])
        .where('a.community', '=', community)
        .where('a.reviewer', '=', reviewer)
        .where('a.status', 'in', statuses)
        .orderBy('a.asked_at', 'desc')
        .orderBy('a.request_id', 'desc')
        .execute();
      return rows.map((row) => ({ ask: toAsk({ ...row, status: row.ask_status }), request: toRequest(row) }));
    },
    async answerAsk(community, requestId, reviewer, from, to, now, note) {
      if (from.length === 0) return false;
      const result = await ask(community, requestId, reviewer)
        .set({ status: to, answered_at: toMs(now), ...(note === undefined ? {} : { note }) })
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setAskNote(community, requestId, reviewer, note) {
      const result = await ask(community, requestId, reviewer)
        .set({ note })
        .where('status', '=', 'given')
        .where('note', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async listUnansweredAsks(community, askedBefore) {
      // `feedback_asks_by_status` (community, status, asked_at): a seek, already oldest first.
      const rows = await db
        .selectFrom('feedback_asks as a')
        .innerJoin('feedback_requests as r', (j) =>
          j.onRef('r.id', '=', 'a.request_id').onRef('r.community', '=', 'a.community'),
        )
        .select(ASK_COLUMNS.map((c) => `a.${c}` as const))
        .where('a.community', '=', community)
        .where('a.status', '=', 'asked')
        .where('a.asked_at', '<=', toMs(askedBefore))
        .where('r.status', '=', 'open')
        .orderBy('a.asked_at')
        .orderBy('a.request_id')
        .orderBy('a.reviewer')
        .execute();
      return rows.map(toAsk);
    },
  };
}
