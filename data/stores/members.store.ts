/** The core's members store on Kysely (SQLite and PostgreSQL). */
import type { Selectable } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import type { MemberRecord, MembersStore } from '#core/stores/members.ts';
import { dbOf } from '../db/executor.ts';
import { toCommunityRecord } from './communities.store.ts';
import { toBool, toCommunityId, toDate, toFlag, toMs, toOptionalDate } from '../db/rows.ts';
import type { MembersTable } from '../db/schema.ts';

type MemberRow = Selectable<MembersTable>;

const COLUMNS = [
  'community',
  'user_id',
  'display_name',
  'joined_at',
  'left_at',
  'first_seen_at',
  'last_active_at',
  'dm_unreachable',
  'dm_notice_shown',
  'timezone',
] as const;

function toRecord(row: Pick<MemberRow, (typeof COLUMNS)[number]>): MemberRecord {
  return {
    community: toCommunityId(row.community),
    userId: row.user_id,
    displayName: row.display_name,
    joinedAt: toOptionalDate(row.joined_at),
    leftAt: toOptionalDate(row.left_at),
    firstSeenAt: toDate(row.first_seen_at),
    lastActiveAt: toDate(row.last_active_at),
    dmUnreachable: toBool(row.dm_unreachable),
    dmNoticeShown: toBool(row.dm_notice_shown),
    timezone: row.timezone ?? undefined,
  };
}

/** Case- and width-insensitive form of a name ("Émile", "ÉMILE", "émile" agree); SQL's case folding is ASCII-only. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** An empty name from a platform never overwrites a known one; a new member without a name shows their id. */
function naming(userId: string, displayName: string) {
  const name = displayName.trim();
  return { name: name || userId, key: nameKey(name || userId), keep: !name };
}

export function membersStore(tx: Tx): MembersStore {
  const db = dbOf(tx);

  /** The member's row written (`joined`: their arrival; otherwise their activity), as an insert … returning. */
  function upsert(community: CommunityId, userId: string, displayName: string, now: Date, joined: boolean) {
    const { name, key, keep } = naming(userId, displayName);
    const ms = toMs(now);
    return db
      .insertInto('members')
      .values({
        community,
        user_id: userId,
        display_name: name,
        name_key: key,
        joined_at: joined ? ms : null,
        first_seen_at: ms,
        last_active_at: ms,
      })
      .onConflict((oc) =>
        oc.columns(['community', 'user_id']).doUpdateSet((eb) => ({
          ...(joined
            ? { joined_at: eb.ref('excluded.joined_at'), left_at: null }
            : { last_active_at: eb.ref('excluded.last_active_at') }),
          ...(keep ? {} : { display_name: eb.ref('excluded.display_name'), name_key: eb.ref('excluded.name_key') }),
        })),
      )
      .returning(COLUMNS);
  }

  return {
    touch: async (community, userId, displayName, now) =>
      toRecord(await upsert(community, userId, displayName, now, false).executeTakeFirstOrThrow()),
    markJoined: async (community, userId, displayName, now) =>
      toRecord(await upsert(community, userId, displayName, now, true).executeTakeFirstOrThrow()),
    async arrive(community, userId, displayName, now, joined) {
      const of = (column: 'settings' | 'created_at' | 'settings_changed' | 'left_at') =>
        db.selectFrom('communities').select(column).where('id', '=', community);
      const row = await upsert(community, userId, displayName, now, joined)
        .returning(() => [
          of('settings').as('community_settings'),
          of('created_at').as('community_created_at'),
          of('settings_changed').as('community_settings_changed'),
          of('left_at').as('community_left_at'),
        ])
        .executeTakeFirstOrThrow();
      const { community_settings: settings, community_created_at: createdAt } = row;
      const changed = row.community_settings_changed;
      return {
        member: toRecord(row),
        community:
          settings === null || createdAt === null || changed === null
            ? undefined
            : toCommunityRecord({
                id: community,
                settings: String(settings),
                created_at: Number(createdAt),
                settings_changed: String(changed),
                left_at: row.community_left_at === null ? null : Number(row.community_left_at),
              }),
      };
    },
    async get(community, userId) {
      const row = await db
        .selectFrom('members')
        .select(COLUMNS)
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    /** Exact name match, case-insensitive, a leading `@` ignored; members who left are not found. */
    async findByName(community, name) {
      const rows = await db
        .selectFrom('members')
        .select(COLUMNS)
        .where('community', '=', community)
        .where('name_key', '=', nameKey(name.trim().replace(/^@/, '')))
        .where('left_at', 'is', null)
        .orderBy('last_active_at', 'desc')
        .orderBy('user_id')
        .execute();
      return rows.map(toRecord);
    },
    async markLeft(community, userId, now) {
      await db
        .updateTable('members')
        .set({ left_at: toMs(now) })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .execute();
    },
    async setDmUnreachable(community, userId, unreachable) {
      await db
        .updateTable('members')
        .set({ dm_unreachable: toFlag(unreachable) })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .execute();
    },
    async markDmNoticeShown(community, userId) {
      await db
        .updateTable('members')
        .set({ dm_notice_shown: 1 })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .execute();
    },
    async setTimezone(community, userId, timezone) {
      await db
        .updateTable('members')
        .set({ timezone: timezone ?? null })
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .execute();
    },
    async listActive(community, limit, offset = 0) {
      let query = db
        .selectFrom('members')
        .select(COLUMNS)
        .where('community', '=', community)
        .where('left_at', 'is', null)
        .orderBy('last_active_at', 'desc')
        .orderBy('user_id');
      if (limit !== undefined && limit >= 0) query = query.limit(limit).offset(offset);
      else if (offset > 0) query = query.limit(Number.MAX_SAFE_INTEGER).offset(offset);
      return (await query.execute()).map(toRecord);
    },
    async delete(community, userId) {
      const result = await db
        .deleteFrom('members')
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
