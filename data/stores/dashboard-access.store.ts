/**
 * Dashboard sign-in links and sessions. Rows hold a SHA-256 of each token, never the token. A link is used by one
 * conditional UPDATE (unused and unexpired), so the database decides which of two clicks at once opens a session.
 */
import type { DashboardStore } from '../../commands/dashboard/store.ts';
import { changed, type Db } from '../db/executor.ts';
import { toCommunityId, toDate, toMs, toOptionalDate } from '../db/rows.ts';

type AccessPart = Pick<
  DashboardStore,
  | 'saveSignIn'
  | 'findSignIn'
  | 'useSignIn'
  | 'saveSession'
  | 'findSession'
  | 'endSession'
  | 'endAllSessions'
  | 'deleteExpired'
  | 'forgetMember'
>;

const LINK_COLUMNS = ['community', 'user_id', 'expires_at', 'used_at'] as const;

function toLink(row: { community: string; user_id: string; expires_at: number; used_at: number | null }) {
  return {
    community: toCommunityId(row.community),
    userId: row.user_id,
    expiresAt: toDate(row.expires_at),
    usedAt: toOptionalDate(row.used_at),
  };
}

export function dashboardAccessPart(db: Db): AccessPart {
  return {
    async saveSignIn(community, link, now) {
      await db
        .insertInto('dashboard_sign_ins')
        .values({
          token_hash: link.tokenHash,
          community,
          user_id: link.userId,
          created_at: toMs(now),
          expires_at: toMs(link.expiresAt),
        })
        .execute();
    },
    async findSignIn(tokenHash) {
      const row = await db
        .selectFrom('dashboard_sign_ins')
        .select(LINK_COLUMNS)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && toLink(row);
    },
    async useSignIn(tokenHash, now) {
      const row = await db
        .updateTable('dashboard_sign_ins')
        .set({ used_at: toMs(now) })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', toMs(now))
        .returning(LINK_COLUMNS)
        .executeTakeFirst();
      return row && toLink(row);
    },
    async saveSession(community, session, now) {
      await db
        .insertInto('dashboard_sessions')
        .values({
          token_hash: session.tokenHash,
          community,
          user_id: session.userId,
          created_at: toMs(now),
          expires_at: toMs(session.expiresAt),
        })
        .execute();
    },
    async findSession(tokenHash, now) {
      const row = await db
        .selectFrom('dashboard_sessions')
        .select(['community', 'user_id', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', toMs(now))
        .executeTakeFirst();
      return row && { community: toCommunityId(row.community), userId: row.user_id, expiresAt: toDate(row.expires_at) };
    },
    async endSession(community, tokenHash) {
      const result = await db
        .deleteFrom('dashboard_sessions')
        .where('community', '=', community)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return changed(result) > 0;
    },
    async endAllSessions(community) {
      await db
        .deleteFrom('dashboard_sign_ins')
        .where('community', '=', community)
        .where('used_at', 'is', null)
        .execute();
      return changed(await db.deleteFrom('dashboard_sessions').where('community', '=', community).executeTakeFirst());
    },
    async deleteExpired(community, before) {
      const ms = toMs(before);
      const links = await db
        .deleteFrom('dashboard_sign_ins')
        .where('community', '=', community)
        .where('expires_at', '<', ms)
        .executeTakeFirst();
      const sessions = await db
        .deleteFrom('dashboard_sessions')
        .where('community', '=', community)
        .where('expires_at', '<', ms)
        .executeTakeFirst();
      return changed(links) + changed(sessions);
    },
    async forgetMember(community, userId) {
      let deleted = 0;
      for (const table of ['dashboard_sign_ins', 'dashboard_sessions'] as const) {
        deleted += changed(
          await db
            .deleteFrom(table)
            .where('community', '=', community)
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        );
      }
      return deleted;
    },
  };
}
