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
  left_at: number | null;
}

/**
 * Tables whose rows `forget` keeps: the installation (its token) lives until the app is uninstalled, so that a
 * manager who forgets the community's data can still use or uninstall the app.
 */
const KEPT_BY_FORGET = new Set(['slack_installations']);

export function toCommunityRecord(row: CommunityRow): CommunityRecord {
  const changed = parseJsonObject(row.settings_changed, 'settings_changed');
  return {
    id: toCommunityId(row.id),
    settings: parseJsonObject(row.settings, 'settings'),
    createdAt: toDate(row.created_at),
    ...(row.left_at !== null && { leftAt: toDate(Number(row.left_at)) }),
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
  const select = () =>
    db.selectFrom('communities').select(['id', 'settings', 'created_at', 'settings_changed', 'left_at']);
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
      const rows = await select().where('left_at', 'is', null).orderBy('created_at').orderBy('id').execute();
      return rows.map(toCommunityRecord);
    },
    async markLeft(id, now) {
      const result = await db
        .updateTable('communities')
        .set({ left_at: toMs(now) })
        .where('id', '=', id)
        .where('left_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async markPresent(id) {
      await db.updateTable('communities').set({ left_at: null }).where('id', '=', id).execute();
    },
    async leftBefore(cutoff) {
      const rows = await db
        .selectFrom('communities')
        .select('id')
        .where('left_at', '<', toMs(cutoff))
        .orderBy('left_at')
        .execute();
      return rows.map((r) => toCommunityId(r.id));
    },
    // Every table carries its community (docs/architecture.md), so the database's own catalogue names what to
    // delete: a feature added later is forgotten too without anyone remembering to list it here. Triggers write
    // change logs as rows go (match_index_changes), possibly into a table already passed: go round until a pass
    // finds nothing left.
    async forget(id) {
      const tables = (await db.introspection.getTables()).filter(
        (t) => !KEPT_BY_FORGET.has(t.name) && t.columns.some((c) => c.name === 'community'),
      );
      let deleted = 0;
      for (let pass = 0; pass < 4; pass++) {
        let thisPass = 0;
        for (const table of tables) {
          // The name comes from the catalogue, not from input; Kysely's typed builder knows only DB's tables.
          const result = await db
            .deleteFrom(table.name as 'members')
            .where('community', '=', id)
            .executeTakeFirst();
          thisPass += Number(result.numDeletedRows);
        }
        deleted += thisPass;
        if (thisPass === 0) break;
      }
      const own = await db.deleteFrom('communities').where('id', '=', id).executeTakeFirst();
      return deleted + Number(own.numDeletedRows);
    },
  };
}
