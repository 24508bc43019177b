/** Mentorships, their check-ins and closing answers: the running half of the mentorship store. */
import type { Selectable } from 'kysely';
import type { CheckInAnswer, Mentorship, MentorshipStore } from '../../commands/mentorship/store.ts';
import type { Db } from '../db/executor.ts';
import { toCommunityId, toDate, toMs, toOptionalDate } from '../db/rows.ts';
import type { MentorshipsTable } from '../db/schema-mentorship.ts';

type ShipsPart = Pick<
  MentorshipStore,
  | 'startMentorship'
  | 'mentorship'
  | 'mentorshipsOf'
  | 'dueMentorships'
  | 'markCheckInSent'
  | 'endMentorship'
  | 'recordCheckIn'
  | 'recordClosing'
  | 'hasClosing'
  | 'completedCount'
>;

const COLUMNS = [
  'id',
  'community',
  'mentor_id',
  'mentee_id',
  'skill',
  'term',
  'about',
  'goal',
  'slot',
  'status',
  'started_at',
  'ends_at',
  'next_check_in_at',
  'check_ins',
  'ended_at',
] as const;

type Row = Pick<Selectable<MentorshipsTable>, (typeof COLUMNS)[number]>;

function toMentorship(row: Row): Mentorship {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    mentorId: row.mentor_id,
    menteeId: row.mentee_id,
    skill: row.skill,
    term: row.term,
    about: row.about,
    goal: row.goal ?? undefined,
    slot: row.slot,
    status: row.status,
    startedAt: toDate(row.started_at),
    endsAt: toDate(row.ends_at),
    nextCheckInAt: toOptionalDate(row.next_check_in_at),
    checkIns: row.check_ins,
    endedAt: toOptionalDate(row.ended_at),
  };
}

export function mentorshipQueries(db: Db): ShipsPart {
  const select = () => db.selectFrom('mentorships').select(COLUMNS);
  const active = (community: string, id: number) =>
    db
      .updateTable('mentorships')
      .where('community', '=', community)
      .where('id', '=', id)
      .where('status', '=', 'active');

  /** Inserts an answer row only for a mentorship of this community; false when the key already exists. */
  async function answer(
    table: 'mentor_check_ins' | 'mentor_closings',
    community: string,
    mentorshipId: number,
    values: { seq?: number; user_id: string; answer?: CheckInAnswer; takeaway?: string; answered_at: number },
  ): Promise<boolean> {
    const exists = await select().where('community', '=', community).where('id', '=', mentorshipId).executeTakeFirst();
    if (!exists) return false;
    const result = await db
      .insertInto(table)
      .values({ community, mentorship_id: mentorshipId, ...values } as never)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  return {
    async startMentorship(m, capacity) {
      const taken = await db
        .selectFrom('mentorships')
        .select('slot')
        .where('community', '=', m.community)
        .where('mentor_id', '=', m.mentorId)
        .where('status', '=', 'active')
        .execute();
      const used = new Set(taken.map((r) => r.slot));
      let slot = 1;
      while (used.has(slot)) slot++;
      if (slot > capacity) return undefined;
      // The partial unique indexes (a place, a pair) make a racing second insert do nothing rather than overfill.
      const row = await db
        .insertInto('mentorships')
        .values({
          community: m.community,
          mentor_id: m.mentorId,
          mentee_id: m.menteeId,
          skill: m.skill,
          term: m.term,
          about: m.about,
          goal: m.goal ?? null,
          slot,
          status: 'active',
          started_at: toMs(m.now),
          ends_at: toMs(m.endsAt),
          next_check_in_at: toMs(m.nextCheckInAt),
        })
        .onConflict((oc) => oc.doNothing())
        .returning(COLUMNS)
        .executeTakeFirst();
      return row && toMentorship(row);
    },
    async mentorship(community, mentorshipId) {
      const row = await select().where('community', '=', community).where('id', '=', mentorshipId).executeTakeFirst();
      return row && toMentorship(row);
    },
    async mentorshipsOf(community, userId, statuses) {
      if (statuses.length === 0 || userId === '') return [];
      const rows = await select()
        .where('community', '=', community)
        .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
        .where('status', 'in', statuses)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toMentorship);
    },
    async dueMentorships(community, now, limit) {
      // `mentorships_due` (community, status, next_check_in_at): a seek, earliest first.
      const rows = await select()
        .where('community', '=', community)
        .where('status', '=', 'active')
        .where('next_check_in_at', '<=', toMs(now))
        .orderBy('next_check_in_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toMentorship);
    },
    async markCheckInSent(community, mentorshipId, seq, next) {
      const result = await active(community, mentorshipId)
        .set({ check_ins: seq, next_check_in_at: next ? toMs(next) : null })
        .where('check_ins', '=', seq - 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async endMentorship(community, mentorshipId, status, now) {
      const result = await active(community, mentorshipId)
        .set({ status, ended_at: toMs(now), next_check_in_at: null })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async recordCheckIn(community, mentorshipId, seq, userId, value, now) {
      return await answer('mentor_check_ins', community, mentorshipId, {
        seq,
        user_id: userId,
        answer: value,
        answered_at: toMs(now),
      });
    },
    async recordClosing(community, mentorshipId, userId, takeaway, now) {
      return await answer('mentor_closings', community, mentorshipId, {
        user_id: userId,
        takeaway,
        answered_at: toMs(now),
      });
    },
    async hasClosing(community, mentorshipId, userId) {
      const row = await db
        .selectFrom('mentor_closings')
        .select('user_id')
        .where('community', '=', community)
        .where('mentorship_id', '=', mentorshipId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async completedCount(community, mentorId) {
      const row = await db
        .selectFrom('mentorships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community', '=', community)
        .where('mentor_id', '=', mentorId)
        .where('status', '=', 'completed')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
