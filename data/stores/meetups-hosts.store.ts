/** Invitations to host a meetup (see migration 0015): asked, then accepted or declined once. Part of the meetups store. */
import type { MeetupsStore } from '../../commands/meetups/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';

type HostsPart = Pick<MeetupsStore, 'inviteHost' | 'hostInvite' | 'answerHostInvite'>;

export function meetupsHostsPart(db: Db): HostsPart {
  return {
    async inviteHost(community, meetupId, userId, invitedBy, now) {
      const row = { user_id: userId, invited_by: invitedBy, invited_at: toMs(now) };
      await db
        .insertInto('meetup_host_invites')
        .values({ community, meetup_id: meetupId, ...row })
        .onConflict((oc) => oc.columns(['community', 'meetup_id']).doUpdateSet(row))
        .execute();
    },
    async hostInvite(community, meetupId) {
      const row = await db
        .selectFrom('meetup_host_invites')
        .select(['meetup_id', 'user_id', 'invited_by', 'invited_at'])
        .where('community', '=', community)
        .where('meetup_id', '=', meetupId)
        .executeTakeFirst();
      return (
        row && {
          meetupId: row.meetup_id,
          userId: row.user_id,
          invitedBy: row.invited_by,
          invitedAt: toDate(row.invited_at),
        }
      );
    },
    async answerHostInvite(community, meetupId, userId, accept) {
      // Deleting the invitation first decides a double click: only the call that deleted it goes on.
      const closed = await db
        .deleteFrom('meetup_host_invites')
        .where('community', '=', community)
        .where('meetup_id', '=', meetupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (Number(closed.numDeletedRows) !== 1) return false;
      if (accept) {
        await db
          .updateTable('meetups')
          .set({ host_user_id: userId })
          .where('community', '=', community)
          .where('id', '=', meetupId)
          .execute();
      }
      return true;
    },
  };
}
