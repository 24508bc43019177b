/** Coffee invitations, the daily count, and a member's presence data (forget-me, export). */
import type { PresenceStore } from '../../commands/presence/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';

type RightsPart = Pick<
  PresenceStore,
  'addCoffee' | 'coffee' | 'answerCoffee' | 'dayCounts' | 'forgetMember' | 'exportRows'
>;

export function presenceRightsQueries(db: Db): RightsPart {
  const invitation = (community: string, fromId: string, toId: string) =>
    db
      .updateTable('presence_coffees')
      .where('community', '=', community)
      .where('from_id', '=', fromId)
      .where('to_id', '=', toId);

  return {
    async addCoffee(community, fromId, toId, expiresAt, now) {
      const result = await db
        .insertInto('presence_coffees')
        .values({
          community,
          from_id: fromId,
          to_id: toId,
          status: 'asked',
          created_at: toMs(now),
          expires_at: toMs(expiresAt),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async coffee(community, fromId, toId, now) {
      const row = await db
        .selectFrom('presence_coffees')
        .select(['from_id', 'to_id', 'status', 'created_at'])
        .where('community', '=', community)
        .where('from_id', '=', fromId)
        .where('to_id', '=', toId)
        .where('expires_at', '>', toMs(now))
        .executeTakeFirst();
      return row && { fromId: row.from_id, toId: row.to_id, status: row.status, createdAt: toDate(row.created_at) };
    },
    async answerCoffee(community, fromId, toId, answer, now) {
      const result = await invitation(community, fromId, toId)
        .set({ status: answer, answered_at: toMs(now) })
        .where('status', '=', 'asked')
        .where('expires_at', '>', toMs(now))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async dayCounts(community, sinceDay) {
      const rows = await db
        .selectFrom('presence_days')
        .select(['day', 'members'])
        .where('community', '=', community)
        .where('day', '>=', sinceDay)
        .orderBy('day')
        .execute();
      return rows.map((r) => ({ day: r.day, members: Number(r.members) }));
    },
    async forgetMember(community, userId) {
      const gone = async (result: Promise<{ numDeletedRows: bigint }>) => Number((await result).numDeletedRows);
      const presence = await gone(
        db
          .deleteFrom('presence_checkins')
          .where('community', '=', community)
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      );
      const settings = await gone(
        db
          .deleteFrom('presence_prefs')
          .where('community', '=', community)
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      );
      const invitations = await gone(
        db
          .deleteFrom('presence_coffees')
          .where('community', '=', community)
          .where((eb) => eb.or([eb('from_id', '=', userId), eb('to_id', '=', userId)]))
          .executeTakeFirst(),
      );
      return { 'presence today': presence, 'presence settings': settings, 'coffee invitations': invitations };
    },
    async exportRows(community) {
      // SECURITY.md §9: who is in today (and where), and coffee invitations and their answers, stay between the
      // members concerned; managers get the daily counts, and each member's own choices (listed, nudges).
      return {
        presence_prefs: (await db
          .selectFrom('presence_prefs')
          .select(['user_id', 'nudges', 'listed', 'updated_at'])
          .where('community', '=', community)
          .orderBy('user_id')
          .execute()) as Record<string, unknown>[],
        presence_days: (await db
          .selectFrom('presence_days')
          .select(['day', 'members'])
          .where('community', '=', community)
          .orderBy('day')
          .execute()) as Record<string, unknown>[],
      };
    },
  };
}
