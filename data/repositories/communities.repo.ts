import type { Database } from 'better-sqlite3';
import type { CommunityId } from '#core/ids.ts';
import type { CommunitiesStore, CommunityRecord } from '#core/stores/communities.ts';
import { parseJsonObject, toCommunityId, toDate, toMs } from './rows.ts';

interface CommunityRow {
  id: string;
  settings: string;
  created_at: number;
}

function toRecord(row: CommunityRow): CommunityRecord {
  return {
    id: toCommunityId(row.id),
    settings: parseJsonObject(row.settings, 'settings'),
    createdAt: toDate(row.created_at),
  };
}

/** SQLite implementation of CommunitiesStore. */
export function createCommunitiesRepo(db: Database): CommunitiesStore {
  const insert = db.prepare<[string, number]>(
    `INSERT INTO communities (id, settings, created_at) VALUES (?, '{}', ?) ON CONFLICT (id) DO NOTHING`,
  );
  const select = db.prepare<[string], CommunityRow>('SELECT id, settings, created_at FROM communities WHERE id = ?');
  const update = db.prepare<[string, string]>('UPDATE communities SET settings = ? WHERE id = ?');
  const all = db.prepare<[], CommunityRow>('SELECT id, settings, created_at FROM communities ORDER BY created_at, id');

  return {
    ensure(id: CommunityId, now: Date): CommunityRecord {
      insert.run(id, toMs(now));
      return toRecord(select.get(id)!);
    },
    get(id: CommunityId): CommunityRecord | undefined {
      const row = select.get(id);
      return row && toRecord(row);
    },
    saveSettings(id: CommunityId, settings: Readonly<Record<string, unknown>>): void {
      // Throwing beats silently dropping an admin's change: callers ensure() the community first.
      if (update.run(JSON.stringify(settings), id).changes === 0) throw new Error(`unknown community ${id}`);
    },
    list(): CommunityRecord[] {
      return all.all().map(toRecord);
    },
  };
}
