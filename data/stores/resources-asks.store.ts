/**
 * Asks of the resources store: "does anyone have a tripod?", the members asked and their answers, and what routing
 * reads to choose whom to ask (offerers of a skill from `member_skills`, read-only; the load of each candidate).
 */
import type { ResourcesStore } from '../../commands/resources/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';
import { ASK_COLUMNS, REPLY_COLUMNS, toAsk, toReply } from './resources.rows.ts';

type AskPart = Pick<
  ResourcesStore,
  | 'createAsk'
  | 'getAsk'
  | 'setAskStatus'
  | 'listAsksBy'
  | 'listStaleAsks'
  | 'addAskReply'
  | 'getAskReply'
  | 'listAskReplies'
  | 'answerAsk'
  | 'skillOfferers'
  | 'helperLoads'
>;

/** Members per load query: a bounded `IN` list. */
const LOAD_CHUNK = 500;

export function resourceAskPart(db: Db): AskPart {
  const asks = (community: string) =>
    db.selectFrom('resource_asks').select(ASK_COLUMNS).where('community', '=', community);
  const replies = (community: string, askId: number) =>
    db
      .selectFrom('resource_ask_replies')
      .select(REPLY_COLUMNS)
      .where('community', '=', community)
      .where('ask_id', '=', askId);
  return {
    async createAsk(a) {
      const row = await db
        .insertInto('resource_asks')
        .values({ community: a.community, asker: a.userId, what: a.what, created_at: toMs(a.now) })
        .returning(ASK_COLUMNS)
        .executeTakeFirstOrThrow();
      return toAsk(row);
    },
    async getAsk(community, askId) {
      const row = await asks(community).where('id', '=', askId).executeTakeFirst();
      return row && toAsk(row);
    },
    async setAskStatus(community, askId, from, to, now, helper) {
      if (from.length === 0) return false;
      const rows = await db
        .updateTable('resource_asks')
        .set({
          status: to,
          ...(helper !== undefined && { helper }),
          ...(to !== 'open' && { closed_at: toMs(now) }),
        })
        .where('community', '=', community)
        .where('id', '=', askId)
        .where('status', 'in', from)
        .returning('id')
        .execute();
      return rows.length > 0;
    },
    async listAsksBy(community, userId) {
      const rows = await asks(community).where('asker', '=', userId).orderBy('id').execute();
      return rows.map(toAsk);
    },
    async listStaleAsks(community, createdBefore) {
      const rows = await asks(community)
        .where('status', '=', 'open')
        .where('created_at', '<=', toMs(createdBefore))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toAsk);
    },
    async addAskReply(community, askId, userId, now) {
      const ask = await asks(community).where('id', '=', askId).executeTakeFirst();
      if (!ask) return false;
      const rows = await db
        .insertInto('resource_ask_replies')
        .values({ community, ask_id: askId, user_id: userId, status: 'asked', asked_at: toMs(now) })
        .onConflict((oc) => oc.columns(['ask_id', 'user_id']).doNothing())
        .returning('user_id')
        .execute();
      return rows.length > 0;
    },
    async getAskReply(community, askId, userId) {
      const row = await replies(community, askId).where('user_id', '=', userId).executeTakeFirst();
      return row && toReply(row);
    },
    async listAskReplies(community, askId) {
      const rows = await replies(community, askId).orderBy('asked_at').orderBy('user_id').execute();
      return rows.map(toReply);
    },
    async answerAsk(community, askId, userId, from, to, now) {
      if (from.length === 0) return false;
      const rows = await db
        .updateTable('resource_ask_replies')
        .set({ status: to, answered_at: toMs(now) })
        .where('community', '=', community)
        .where('ask_id', '=', askId)
        .where('user_id', '=', userId)
        .where('status', 'in', from)
        .returning('user_id')
        .execute();
      return rows.length > 0;
    },
    async skillOfferers(community, skills, limit) {
      if (skills.length === 0) return [];
      // "Still here": no `members` row saying they left (as the digest's reads count it).
      const rows = await db
        .selectFrom('member_skills as s')
        .leftJoin('members as m', (j) =>
          j.onRef('m.community', '=', 's.community').onRef('m.user_id', '=', 's.user_id'),
        )
        .select('s.user_id')
        .distinct()
        .where('s.community', '=', community)
        .where('s.kind', '=', 'offer')
        .where('s.skill', 'in', skills)
        .where('m.left_at', 'is', null)
        .orderBy('s.user_id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.user_id);
    },
    async helperLoads(community, userIds, since) {
      const loads = [];
      for (let i = 0; i < userIds.length; i += LOAD_CHUNK) {
        // An answer still awaited on an open ask weighs on the member; so does every ask they got lately.
        const rows = await db
          .selectFrom('resource_ask_replies as r')
          .innerJoin('resource_asks as a', (j) =>
            j.onRef('a.id', '=', 'r.ask_id').onRef('a.community', '=', 'r.community'),
          )
          .select((eb) => [
            'r.user_id',
            eb.fn
              .countAll<number>()
              .filterWhere((f) => f.and([f('r.status', '=', 'asked'), f('a.status', '=', 'open')]))
              .as('open_asks'),
            eb.fn.countAll<number>().filterWhere('r.asked_at', '>=', toMs(since)).as('recent_asks'),
            eb.fn.max('r.asked_at').as('last_asked_at'),
          ])
          .where('r.community', '=', community)
          .where('r.user_id', 'in', userIds.slice(i, i + LOAD_CHUNK))
          .groupBy('r.user_id')
          .orderBy('r.user_id')
          .execute();
        for (const r of rows) {
          loads.push({
            userId: r.user_id,
            openAsks: Number(r.open_asks),
            recentAsks: Number(r.recent_asks),
            lastAskedAt: toDate(r.last_asked_at),
          });
        }
      }
      return loads;
    },
  };
}
