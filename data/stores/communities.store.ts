/** The core's communities store on Kysely. */
import type { Tx } from '#core/ports/storage.ts';
import type { CommunitiesStore, CommunityRecord } from '#core/stores/communities.ts';
import { dbOf } from '../db/executor.ts';
import { parseJsonObject, toCommunityId, toDate, toMs } from '../db/rows.ts';

function toRecord(row: { id: string; settings: string; created_at: number }): CommunityRecord {
  return {
    id: toCommunityId(row.id),
    settings: parseJsonObject(row.settings, 'settings'),
    createdAt: toDate(row.created_at),
  };
}

export function communitiesStore(tx: Tx): CommunitiesStore {
  const db = dbOf(tx);
  const select = () => db.selectFrom('communities').select(['id', 'settings', 'created_at']);
  return {
    // Read first: every event ensures its community, and a community exists after its first event. Inserting
    // first would cost a write (a new row version on PostgreSQL) per event.
    async ensure(id, now) {
      const found = await select().where('id', '=', id).executeTakeFirst();
      if (found) return toRecord(found);
      await db
        .insertInto('communities')
        .values({ id, settings: '{}', created_at: toMs(now) })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return toRecord(await select().where('id', '=', id).executeTakeFirstOrThrow());
    },
    async get(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async saveSettings(id, settings) {
      const result = await db
        .updateTable('communities')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', id)
        .executeTakeFirst();
      // Throwing beats silently dropping an admin's change: callers ensure() the community first.
      if (Number(result.numUpdatedRows) === 0) throw new Error(`unknown community ${id}`);
    },
    async list() {
      return (await select().orderBy('created_at').orderBy('id').execute()).map(toRecord);
    },
  };
}
