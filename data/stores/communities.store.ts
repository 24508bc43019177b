/** The core's communities store on Kysely. */
import type { Tx } from '#core/ports/storage.ts';
import type { CommunitiesStore, CommunityRecord } from '#core/stores/communities.ts';
import { dbOf } from '../db/executor.ts';
import { parseJsonObject, toCommunityId, toDate, toMs } from '../db/rows.ts';

export interface CommunityRow {
  id: string;
  settings: string;
  created_at: number;
  settings_changed: string;
}

export function toCommunityRecord(row: CommunityRow): CommunityRecord {
  const changed = parseJsonObject(row.settings_changed, 'settings_changed');
  return {
    id: toCommunityId(row.id),
    settings: parseJsonObject(row.settings, 'settings'),
    createdAt: toDate(row.created_at),
    settingsChanged: Object.fromEntries(
      Object.entries(changed).flatMap(([key, ms]) => (typeof ms === 'number' ? [[key, toDate(ms)]] : [])),
    ),
  };
}

export function communitiesStore(tx: Tx): CommunitiesStore {
  const db = dbOf(tx);
  /** The stored change times with `keys` stamped `now`. */
  async function changedStamps(id: string, keys: readonly string[], now: Date): Promise<Record<string, unknown>> {
    const row = await db.selectFrom('communities').select('settings_changed').where('id', '=', id).executeTakeFirst();
    const stamps = row ? parseJsonObject(row.settings_changed, 'settings_changed') : {};
    for (const key of keys) stamps[key] = toMs(now);
    return stamps;
  }
  const select = () => db.selectFrom('communities').select(['id', 'settings', 'created_at', 'settings_changed']);
  return {
    // Read first: every event ensures its community, and a community exists after its first event. Inserting
    // first would cost a write (a new row version on PostgreSQL) per event.
    async ensure(id, now) {
      const found = await select().where('id', '=', id).executeTakeFirst();
      if (found) return toCommunityRecord(found);
      await db
        .insertInto('communities')
        .values({ id, settings: '{}', created_at: toMs(now) })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return toCommunityRecord(await select().where('id', '=', id).executeTakeFirstOrThrow());
    },
    async get(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toCommunityRecord(row);
    },
    async saveSettings(id, settings, changed) {
      const stamps = changed ? await changedStamps(id, changed.keys, changed.now) : undefined;
      const result = await db
        .updateTable('communities')
        .set({ settings: JSON.stringify(settings), ...(stamps && { settings_changed: JSON.stringify(stamps) }) })
        .where('id', '=', id)
        .executeTakeFirst();
      // Throwing beats silently dropping an admin's change: callers ensure() the community first.
      if (Number(result.numUpdatedRows) === 0) throw new Error(`unknown community ${id}`);
    },
    async list() {
      return (await select().orderBy('created_at').orderBy('id').execute()).map(toCommunityRecord);
    },
  };
}
