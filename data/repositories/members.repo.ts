import type { Database } from 'better-sqlite3';
import type { CommunityId } from '#core/ids.ts';
import type { MemberRecord, MembersStore } from '#core/stores/members.ts';
import { toCommunityId, toDate, toMs, toOptionalDate } from './rows.ts';

interface MemberRow {
  community: string;
  user_id: string;
  display_name: string;
  joined_at: number | null;
  left_at: number | null;
  first_seen_at: number;
  last_active_at: number;
  dm_unreachable: number;
  dm_notice_shown: number;
  timezone: string | null;
}

const COLUMNS =
  'community, user_id, display_name, joined_at, left_at, first_seen_at, last_active_at, dm_unreachable, ' +
  'dm_notice_shown, timezone';

function toRecord(row: MemberRow): MemberRecord {
  return {
    community: toCommunityId(row.community),
    userId: row.user_id,
    displayName: row.display_name,
    joinedAt: toOptionalDate(row.joined_at),
    leftAt: toOptionalDate(row.left_at),
    firstSeenAt: toDate(row.first_seen_at),
    lastActiveAt: toDate(row.last_active_at),
    dmUnreachable: row.dm_unreachable === 1,
    dmNoticeShown: row.dm_notice_shown === 1,
    timezone: row.timezone ?? undefined,
  };
}

/** Case- and width-insensitive form of a name ("Émile", "ÉMILE", "émile" agree); SQLite NOCASE is ASCII-only. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

type Upsert = { community: string; userId: string; name: string; key: string; keepName: number; now: number };

/** SQLite implementation of MembersStore. */
export function createMembersRepo(db: Database): MembersStore {
  // An empty name from a platform never overwrites a known one; a new member without a name shows their id.
  const touch = db.prepare<Upsert, MemberRow>(
    `INSERT INTO members (community, user_id, display_name, name_key, first_seen_at, last_active_at)
     VALUES (@community, @userId, @name, @key, @now, @now)
     ON CONFLICT (community, user_id) DO UPDATE SET last_active_at = excluded.last_active_at,
       display_name = iif(@keepName, display_name, excluded.display_name),
       name_key = iif(@keepName, name_key, excluded.name_key)
     RETURNING ${COLUMNS}`,
  );
  const joined = db.prepare<Upsert, MemberRow>(
    `INSERT INTO members (community, user_id, display_name, name_key, joined_at, first_seen_at, last_active_at)
     VALUES (@community, @userId, @name, @key, @now, @now, @now)
     ON CONFLICT (community, user_id) DO UPDATE SET joined_at = excluded.joined_at, left_at = NULL,
       display_name = iif(@keepName, display_name, excluded.display_name),
       name_key = iif(@keepName, name_key, excluded.name_key)
     RETURNING ${COLUMNS}`,
  );
  const get = db.prepare<[string, string], MemberRow>(
    `SELECT ${COLUMNS} FROM members WHERE community = ? AND user_id = ?`,
  );
  const byName = db.prepare<[string, string], MemberRow>(
    `SELECT ${COLUMNS} FROM members WHERE community = ? AND name_key = ? AND left_at IS NULL
     ORDER BY last_active_at DESC, user_id`,
  );
  const active = db.prepare<[string, number, number], MemberRow>(
    `SELECT ${COLUMNS} FROM members WHERE community = ? AND left_at IS NULL
     ORDER BY last_active_at DESC, user_id LIMIT ? OFFSET ?`,
  );
  const left = db.prepare<[number, string, string]>(
    'UPDATE members SET left_at = ? WHERE community = ? AND user_id = ?',
  );
  const dm = db.prepare<[number, string, string]>(
    'UPDATE members SET dm_unreachable = ? WHERE community = ? AND user_id = ?',
  );
  const notice = db.prepare<[string, string]>(
    'UPDATE members SET dm_notice_shown = 1 WHERE community = ? AND user_id = ?',
  );
  const zone = db.prepare<[string | null, string, string]>(
    'UPDATE members SET timezone = ? WHERE community = ? AND user_id = ?',
  );
  const remove = db.prepare<[string, string]>('DELETE FROM members WHERE community = ? AND user_id = ?');

  const upsertArgs = (community: CommunityId, userId: string, displayName: string, now: Date): Upsert => {
    const name = displayName.trim();
    return {
      community,
      userId,
      name: name || userId,
      key: nameKey(name || userId),
      keepName: name ? 0 : 1,
      now: toMs(now),
    };
  };

  return {
    touch: (community, userId, displayName, now) =>
      toRecord(touch.get(upsertArgs(community, userId, displayName, now))!),
    get(community, userId) {
      const row = get.get(community, userId);
      return row && toRecord(row);
    },
    /** Exact name match, case-insensitive, a leading `@` ignored; members who left are not found. */
    findByName: (community, name) => byName.all(community, nameKey(name.trim().replace(/^@/, ''))).map(toRecord),
    markJoined: (community, userId, displayName, now) =>
      toRecord(joined.get(upsertArgs(community, userId, displayName, now))!),
    markLeft: (community, userId, now) => void left.run(toMs(now), community, userId),
    setDmUnreachable: (community, userId, unreachable) => void dm.run(unreachable ? 1 : 0, community, userId),
    markDmNoticeShown: (community, userId) => void notice.run(community, userId),
    setTimezone: (community, userId, timezone) => void zone.run(timezone ?? null, community, userId),
    // LIMIT -1 is SQLite for "no limit".
    listActive: (community, limit = -1, offset = 0) => active.all(community, limit, offset).map(toRecord),
    delete: (community, userId) => remove.run(community, userId).changes,
  };
}
