/** The mentors asked for each request (`mentor_asks`), part of the mentorship store (mentorship.store.ts). */
import { type Selectable, sql } from 'kysely';
import type { MentorAsk, MentorAskStatus, MentorshipStore } from '../../commands/mentorship/store.ts';
import type { Db } from '../db/executor.ts';
import { toBool, toDate, toMs, toOptionalDate } from '../db/rows.ts';
import type { MentorAsksTable } from '../db/schema-mentorship.ts';
import { REQUEST_COLUMNS, toRequest } from './mentorship.store.ts';

const ASK_COLUMNS = ['request_id', 'mentor_id', 'status', 'via_round', 'asked_at', 'answered_at'] as const;

type AskRow = Pick<Selectable<MentorAsksTable>, (typeof ASK_COLUMNS)[number]>;

function toAsk(row: AskRow): MentorAsk {
  return {
    requestId: row.request_id,
    mentorId: row.mentor_id,
    status: row.status,
    viaRound: toBool(row.via_round),
    askedAt: toDate(row.asked_at),
    answeredAt: toOptionalDate(row.answered_at),
  };
}

type AskMethods = 'addAsk' | 'ask' | 'asksOf' | 'answerAsk' | 'pendingAsksFor' | 'unansweredAsks';

export function mentorAsksPart(db: Db): Pick<MentorshipStore, AskMethods> {
  return {
    async addAsk(community, requestId, mentorId, viaRound, now) {
      // Through the request, so an ask exists only on a request of this community. The casts type the
      // parameters for PostgreSQL, which reads an untyped parameter in a select list as text.
      const result = await db
        .insertInto('mentor_asks')
        .columns(['community', 'request_id', 'mentor_id', 'status', 'via_round', 'asked_at'])
        .expression((eb) =>
          eb
            .selectFrom('mentor_requests as r')
            .select([
              'r.community',
              'r.id',
              sql<string>`cast(${mentorId} as text)`.as('mentor_id'),
              sql<MentorAskStatus>`cast('asked' as text)`.as('status'),
              sql<0 | 1>`cast(${viaRound ? 1 : 0} as integer)`.as('via_round'),
              sql<number>`cast(${toMs(now)} as bigint)`.as('asked_at'),
            ])
            .where('r.community', '=', community)
            .where('r.id', '=', requestId),
        )
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async ask(community, requestId, mentorId) {
      const row = await db
        .selectFrom('mentor_asks')
        .select(ASK_COLUMNS)
        .where('community', '=', community)
        .where('request_id', '=', requestId)
        .where('mentor_id', '=', mentorId)
        .executeTakeFirst();
      return row && toAsk(row);
    },
    async asksOf(community, requestId) {
      const rows = await db
        .selectFrom('mentor_asks')
        .select(ASK_COLUMNS)
        .where('community', '=', community)
        .where('request_id', '=', requestId)
        .orderBy('asked_at')
        .orderBy('mentor_id')
        .execute();
      return rows.map(toAsk);
    },
    async answerAsk(community, requestId, mentorId, from, to, now) {
      if (from.length === 0) return false;
      const result = await db
        .updateTable('mentor_asks')
        .set({ status: to, answered_at: toMs(now) })
        .where('community', '=', community)
        .where('request_id', '=', requestId)
        .where('mentor_id', '=', mentorId)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async pendingAsksFor(community, mentorId) {
      const rows = await db
        .selectFrom('mentor_asks as a')
        .innerJoin('mentor_requests as r', (j) =>
          j.onRef('r.id', '=', 'a.request_id').onRef('r.community', '=', 'a.community'),
        )
        .select(REQUEST_COLUMNS.map((c) => `r.${c}` as const))
        .select(['a.request_id', 'a.mentor_id', 'a.status as ask_status', 'a.via_round', 'a.asked_at', 'a.answered_at'])
        .where('a.community', '=', community)
        .where('a.mentor_id', '=', mentorId)
        .where('a.status', '=', 'asked')
        .orderBy('a.asked_at')
        .orderBy('a.request_id')
        .execute();
      return rows.map((row) => ({ ask: toAsk({ ...row, status: row.ask_status }), request: toRequest(row) }));
    },
    async unansweredAsks(community, askedBefore) {
      // `mentor_asks_by_status` (community, status, asked_at): a seek, already oldest first.
      const rows = await db
        .selectFrom('mentor_asks')
        .select(ASK_COLUMNS)
        .where('community', '=', community)
        .where('status', '=', 'asked')
        .where('asked_at', '<=', toMs(askedBefore))
        .orderBy('asked_at')
        .orderBy('request_id')
        .execute();
      return rows.map(toAsk);
    },
  };
}
