/**
 * The mentorship feature's store on Kysely (SQLite and PostgreSQL): offers and their skills, requests and the
 * here; the mentors asked for each in mentorship-asks.store.ts; mentorships, check-ins and closings in mentorship-ships.store.ts; the reads of
 * other features' tables (profile skills, avoid lists), stats and member data in mentorship-members.store.ts.
 * Rows that name a request or mentorship also carry its community, and every read filters on both.
 */
import type { Selectable } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import type { MentorOffer, MentorRequest, MentorshipStore, MentorSkill } from '../../commands/mentorship/store.ts';
import { type Db, dbOf } from '../db/executor.ts';
import { toBool, toCommunityId, toDate, toMs } from '../db/rows.ts';
import type { MentorRequestsTable } from '../db/schema-mentorship.ts';
import { mentorAsksPart } from './mentorship-asks.store.ts';
import { mentorshipMemberQueries } from './mentorship-members.store.ts';
import { mentorshipQueries } from './mentorship-ships.store.ts';

export const REQUEST_COLUMNS = [
  'id',
  'community',
  'mentee_id',
  'skill',
  'term',
  'about',
  'goal',
  'status',
  'created_at',
] as const;

type RequestRow = Pick<Selectable<MentorRequestsTable>, (typeof REQUEST_COLUMNS)[number]>;

export function toRequest(row: RequestRow): MentorRequest {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    menteeId: row.mentee_id,
    skill: row.skill,
    term: row.term,
    about: row.about,
    goal: row.goal ?? undefined,
    status: row.status,
    createdAt: toDate(row.created_at),
  };
}

/** Offers with their loads (active mentorships, asks waiting on them); `here`: only members who did not leave. */
function offers(db: Db, community: CommunityId, here: boolean) {
  let query = db
    .selectFrom('mentor_offers as o')
    .select(['o.user_id', 'o.capacity', 'o.note', 'o.paused', 'o.updated_at'])
    .select((eb) => [
      eb
        .selectFrom('mentorships as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.community', '=', 'o.community')
        .whereRef('s.mentor_id', '=', 'o.user_id')
        .where('s.status', '=', 'active')
        .as('active'),
      eb
        .selectFrom('mentor_asks as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.community', '=', 'o.community')
        .whereRef('a.mentor_id', '=', 'o.user_id')
        .where('a.status', '=', 'asked')
        .as('pending'),
    ])
    .where('o.community', '=', community);
  if (here) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('members as m')
          .select('m.id')
          .whereRef('m.community', '=', 'o.community')
          .whereRef('m.user_id', '=', 'o.user_id')
          .where('m.left_at', 'is', null),
      ),
    );
  }
  return query;
}

/** The offers' skills, by mentor, in each mentor's order. */
async function skillsOf(db: Db, community: CommunityId, userIds: readonly string[]) {
  const bySkill = new Map<string, MentorSkill[]>();
  if (userIds.length === 0) return bySkill;
  const rows = await db
    .selectFrom('mentor_skills')
    .select(['user_id', 'skill', 'term'])
    .where('community', '=', community)
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('position')
    .execute();
  for (const r of rows) bySkill.set(r.user_id, [...(bySkill.get(r.user_id) ?? []), { skill: r.skill, term: r.term }]);
  return bySkill;
}

export function mentorshipStore(tx: Tx): MentorshipStore {
  const db = dbOf(tx);
  const requests = () => db.selectFrom('mentor_requests').select(REQUEST_COLUMNS);

  async function withSkills(
    community: CommunityId,
    rows: {
      user_id: string;
      capacity: number;
      note: string | null;
      paused: 0 | 1;
      updated_at: number;
      active: number | null;
      pending: number | null;
    }[],
  ): Promise<MentorOffer[]> {
    const skills = await skillsOf(
      db,
      community,
      rows.map((r) => r.user_id),
    );
    return rows.map((r) => ({
      userId: r.user_id,
      skills: skills.get(r.user_id) ?? [],
      capacity: r.capacity,
      note: r.note ?? undefined,
      paused: toBool(r.paused),
      active: Number(r.active ?? 0),
      pending: Number(r.pending ?? 0),
      updatedAt: toDate(r.updated_at),
    }));
  }

  return {
    ...mentorshipQueries(db),
    ...mentorshipMemberQueries(db),
    ...mentorAsksPart(db),

    async offer(community, userId) {
      const rows = await offers(db, community, false).where('o.user_id', '=', userId).execute();
      return (await withSkills(community, rows))[0];
    },
    async saveOffer(community, userId, offer, now) {
      const at = toMs(now);
      await db
        .insertInto('mentor_offers')
        .values({
          community,
          user_id: userId,
          capacity: offer.capacity,
          note: offer.note ?? null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['community', 'user_id'])
            .doUpdateSet({ capacity: offer.capacity, note: offer.note ?? null, updated_at: at }),
        )
        .execute();
      await db.deleteFrom('mentor_skills').where('community', '=', community).where('user_id', '=', userId).execute();
      if (offer.skills.length === 0) return;
      await db
        .insertInto('mentor_skills')
        .values(
          offer.skills.map((s, position) => ({ community, user_id: userId, skill: s.skill, term: s.term, position })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async setPaused(community, userId, paused, now) {
      const result = await db
        .updateTable('mentor_offers')
        .set({ paused: paused ? 1 : 0, updated_at: toMs(now) })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async removeOffer(community, userId) {
      await db.deleteFrom('mentor_skills').where('community', '=', community).where('user_id', '=', userId).execute();
      const result = await db
        .deleteFrom('mentor_offers')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async mentors(community, limit) {
      const rows = await offers(db, community, true).orderBy('o.user_id').limit(limit).execute();
      return await withSkills(community, rows);
    },

    async createRequest(r) {
      const at = toMs(r.now);
      // The partial unique index `mentor_requests_one_open` refuses a second open request: nothing is inserted.
      const row = await db
        .insertInto('mentor_requests')
        .values({
          community: r.community,
          mentee_id: r.menteeId,
          skill: r.skill,
          term: r.term,
          about: r.about,
          goal: r.goal ?? null,
          status: r.status,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .returning(REQUEST_COLUMNS)
        .executeTakeFirst();
      return row && toRequest(row);
    },
    async request(community, requestId) {
      const row = await requests().where('community', '=', community).where('id', '=', requestId).executeTakeFirst();
      return row && toRequest(row);
    },
    async openRequestOf(community, menteeId) {
      const row = await requests()
        .where('community', '=', community)
        .where('mentee_id', '=', menteeId)
        .where('status', 'in', ['pending', 'waiting'])
        .executeTakeFirst();
      return row && toRequest(row);
    },
    async setRequestStatus(community, requestId, from, to, now) {
      if (from.length === 0) return false;
      const result = await db
        .updateTable('mentor_requests')
        .set({ status: to, updated_at: toMs(now) })
        .where('community', '=', community)
        .where('id', '=', requestId)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async waitingRequests(community, limit) {
      const rows = await db
        .selectFrom('mentor_requests as r')
        .innerJoin('members as m', (j) =>
          j.onRef('m.community', '=', 'r.community').onRef('m.user_id', '=', 'r.mentee_id').on('m.left_at', 'is', null),
        )
        .select(REQUEST_COLUMNS.map((c) => `r.${c}` as const))
        .where('r.community', '=', community)
        .where('r.status', '=', 'waiting')
        .orderBy('r.created_at')
        .orderBy('r.id')
        .limit(limit)
        .execute();
      return rows.map(toRequest);
    },
  };
}
