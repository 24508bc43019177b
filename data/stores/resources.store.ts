/**
 * The resources feature's store on Kysely (SQLite and PostgreSQL): resources and trainings here; bookings in
 * `resources-bookings.store.ts`; loans in `resources-loans.store.ts`; asks in `resources-asks.store.ts`; stats,
 * forget and export in `resources-rights.store.ts`.
 *
 * Rows that name a resource or an ask carry its community too, and a write that names one first finds it in the
 * caller's community: an id from one community never reaches another's rows.
 */
import type { Tx } from '#core/ports/storage.ts';
import type { ResourcesStore } from '../../commands/resources/store.ts';
import { type Db, dbOf } from '../db/executor.ts';
import { toFlag, toMs } from '../db/rows.ts';
import { resourceAskPart } from './resources-asks.store.ts';
import { resourceBookingPart } from './resources-bookings.store.ts';
import { resourceLoanPart } from './resources-loans.store.ts';
import { resourceRightsPart } from './resources-rights.store.ts';
import { hasResource, nameKey, RESOURCE_COLUMNS, toResource } from './resources.rows.ts';

type ResourcePart = Pick<
  ResourcesStore,
  | 'addResource'
  | 'getResource'
  | 'findResourceByName'
  | 'listResources'
  | 'setCardChannel'
  | 'bumpCardVersion'
  | 'removeResource'
  | 'addTraining'
  | 'isTrained'
>;

function resourcePart(db: Db): ResourcePart {
  const inCommunity = (community: string) =>
    db.selectFrom('resources').select(RESOURCE_COLUMNS).where('community', '=', community);
  return {
    async addResource(r) {
      // The unique (community, name_key) decides between two racing adds of one name: the second inserts nothing.
      const row = await db
        .insertInto('resources')
        .values({
          community: r.community,
          name: r.name,
          name_key: nameKey(r.name),
          kind: r.kind,
          location: r.location ?? null,
          description: r.description ?? null,
          bookable: toFlag(r.bookable),
          lendable: toFlag(r.lendable),
          owner_user_id: r.ownerUserId ?? null,
          training_required: toFlag(r.trainingRequired),
          created_by: r.createdBy,
          created_at: toMs(r.now),
        })
        .onConflict((oc) => oc.columns(['community', 'name_key']).doNothing())
        .returning(RESOURCE_COLUMNS)
        .executeTakeFirst();
      return row && toResource(row);
    },
    async getResource(community, resourceId) {
      const row = await inCommunity(community).where('id', '=', resourceId).executeTakeFirst();
      return row && toResource(row);
    },
    async findResourceByName(community, name) {
      const row = await inCommunity(community).where('name_key', '=', nameKey(name)).executeTakeFirst();
      return row && toResource(row);
    },
    async listResources(community, filter, limit) {
      let query = inCommunity(community);
      if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
      if (filter.ownerUserId !== undefined) query = query.where('owner_user_id', '=', filter.ownerUserId);
      const rows = await query.orderBy('name_key').limit(limit).execute();
      return rows.map(toResource);
    },
    async setCardChannel(community, resourceId, channelId) {
      await db
        .updateTable('resources')
        .set({ card_channel_id: channelId })
        .where('community', '=', community)
        .where('id', '=', resourceId)
        .execute();
    },
    async bumpCardVersion(community, resourceId) {
      const row = await db
        .updateTable('resources')
        .set((eb) => ({ card_version: eb('card_version', '+', 1) }))
        .where('community', '=', community)
        .where('id', '=', resourceId)
        .returning('card_version')
        .executeTakeFirst();
      return row?.card_version ?? 0;
    },
    async removeResource(community, resourceId) {
      // Bookings, loans and trainings go with it (ON DELETE CASCADE).
      const rows = await db
        .deleteFrom('resources')
        .where('community', '=', community)
        .where('id', '=', resourceId)
        .returning('id')
        .execute();
      return rows.length > 0;
    },
    async addTraining(community, resourceId, userId, trainedBy, now) {
      if (!(await hasResource(db, community, resourceId))) return false;
      const rows = await db
        .insertInto('resource_trainings')
        .values({ community, resource_id: resourceId, user_id: userId, trained_by: trainedBy, trained_at: toMs(now) })
        .onConflict((oc) => oc.columns(['resource_id', 'user_id']).doNothing())
        .returning('user_id')
        .execute();
      return rows.length > 0;
    },
    async isTrained(community, resourceId, userId) {
      const row = await db
        .selectFrom('resource_trainings')
        .select('user_id')
        .where('community', '=', community)
        .where('resource_id', '=', resourceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export function resourcesStore(tx: Tx): ResourcesStore {
  const db = dbOf(tx);
  return {
    ...resourcePart(db),
    ...resourceBookingPart(db),
    ...resourceLoanPart(db),
    ...resourceAskPart(db),
    ...resourceRightsPart(db),
  };
}
