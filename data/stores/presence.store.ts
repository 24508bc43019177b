/**
 * The presence feature's store on Kysely (SQLite and PostgreSQL): today's check-ins, preferences, coffee
 * invitations and the daily count. Check-ins and invitations carry the end of their day (`expires_at`) and are
 * deleted then; reads never return one whose day is over, even before the sweep deletes it.
 */
import type { Selectable } from 'kysely';
import type { Tx } from '#core/ports/storage.ts';
import type { Presence, PresenceStore } from '../../commands/presence/store.ts';
import { dbOf } from '../db/executor.ts';
import { toBool, toDate, toMs, toOptionalDate } from '../db/rows.ts';
import type { PresenceCheckinsTable } from '../db/schema-mentorship.ts';
import { avoidsEither, profileSkills } from './member-reads.ts';
import { presenceRightsQueries } from './presence-rights.store.ts';

const COLUMNS = ['user_id', 'day', 'checked_in_at', 'until_at', 'location', 'nudged_at'] as const;

function toPresence(row: Pick<Selectable<PresenceCheckinsTable>, (typeof COLUMNS)[number]>): Presence {
  return {
    userId: row.user_id,
    day: row.day,
    checkedInAt: toDate(row.checked_in_at),
    until: toDate(row.until_at),
    location: row.location ?? undefined,
    nudgedAt: toOptionalDate(row.nudged_at),
  };
}

export function presenceStore(tx: Tx): PresenceStore {
  const db = dbOf(tx);
  const checkins = (community: string) =>
    db.selectFrom('presence_checkins').select(COLUMNS).where('community', '=', community);

  return {
    ...presenceRightsQueries(db),
    profiles: (community, userIds) => profileSkills(db, community, userIds),
    avoidsEither: (community, userId) => avoidsEither(db, community, userId),

    async purgeExpired(community, now) {
      const at = toMs(now);
      const a = await db
        .deleteFrom('presence_checkins')
        .where('community', '=', community)
        .where('expires_at', '<=', at)
        .executeTakeFirst();
      const b = await db
        .deleteFrom('presence_coffees')
        .where('community', '=', community)
        .where('expires_at', '<=', at)
        .executeTakeFirst();
      return Number(a.numDeletedRows) + Number(b.numDeletedRows);
    },
    async checkIn(community, userId, p) {
      const now = toMs(p.now);
      const existing = await db
        .selectFrom('presence_checkins')
        .select(['day', 'expires_at'])
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const first = !existing || existing.day !== p.day || existing.expires_at <= now;
      const values = { until_at: toMs(p.until), expires_at: toMs(p.expiresAt), location: p.location ?? null };
      if (existing) {
        await db
          .updateTable('presence_checkins')
          .set(first ? { ...values, day: p.day, checked_in_at: now, nudged_at: null } : values)
          .where('community', '=', community)
          .where('user_id', '=', userId)
          .execute();
      } else {
        await db
          .insertInto('presence_checkins')
          .values({ community, user_id: userId, day: p.day, checked_in_at: now, ...values })
          .execute();
      }
      if (first) {
        await db
          .insertInto('presence_days')
          .values({ community, day: p.day, members: 1 })
          .onConflict((oc) =>
            oc.columns(['community', 'day']).doUpdateSet((eb) => ({ members: eb('presence_days.members', '+', 1) })),
          )
          .execute();
      }
      return first;
    },
    async checkOut(community, userId, now) {
      const result = await db
        .updateTable('presence_checkins')
        .set({ until_at: toMs(now) })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('until_at', '>', toMs(now))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async presenceOf(community, userId, now) {
      const row = await checkins(community)
        .where('user_id', '=', userId)
        .where('until_at', '>', toMs(now))
        .where('expires_at', '>', toMs(now))
        .executeTakeFirst();
      return row && toPresence(row);
    },
    async present(community, now, limit) {
      const at = toMs(now);
      const rows = await db
        .selectFrom('presence_checkins as p')
        .innerJoin('members as m', (j) =>
          j.onRef('m.community', '=', 'p.community').onRef('m.user_id', '=', 'p.user_id').on('m.left_at', 'is', null),
        )
        .select(COLUMNS.map((c) => `p.${c}` as const))
        .where('p.community', '=', community)
        .where('p.until_at', '>', at)
        .where('p.expires_at', '>', at)
        .orderBy('p.checked_in_at')
        .orderBy('p.user_id')
        .limit(limit)
        .execute();
      return rows.map(toPresence);
    },
    async markNudged(community, userId, now) {
      const at = toMs(now);
      const result = await db
        .updateTable('presence_checkins')
        .set({ nudged_at: at })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('nudged_at', 'is', null)
        .where('until_at', '>', at)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async prefs(community, userId) {
      const row = await db
        .selectFrom('presence_prefs')
        .select(['nudges', 'listed'])
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return { nudges: toBool(row?.nudges ?? 0), listed: toBool(row?.listed ?? 0) };
    },
    async setPref(community, userId, pref, on, now) {
      const flag = on ? 1 : 0;
      await db
        .insertInto('presence_prefs')
        .values({ community, user_id: userId, [pref]: flag, updated_at: toMs(now) })
        .onConflict((oc) => oc.columns(['community', 'user_id']).doUpdateSet({ [pref]: flag, updated_at: toMs(now) }))
        .execute();
    },
    async withPref(community, userIds, pref) {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('presence_prefs')
        .select('user_id')
        .where('community', '=', community)
        .where('user_id', 'in', userIds)
        .where(pref, '=', 1)
        .execute();
      const on = new Set(rows.map((r) => r.user_id));
      return userIds.filter((id) => on.has(id));
    },
  };
}
