/**
 * The outbox on Kysely. Claims (`outbox.claim.ts`) are one `WITH due AS MATERIALIZED (SELECT … LIMIT n) UPDATE …
 * WHERE id IN due RETURNING`, atomic on SQLite; on PostgreSQL the select also takes `FOR UPDATE SKIP LOCKED` (the
 * drainer runs it at READ COMMITTED, the isolation that pattern is made for), so several processes each claim
 * different rows without waiting for one another. A claim is a lease: an item whose
 * process died comes back when it runs out.
 */
import { sql } from 'kysely';
import { platformOf } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import type { NewOutboxItem, OutboxStatus, OutboxStore } from '#core/stores/outbox.ts';
import { dbOf } from '../db/executor.ts';
import { toCommunityId, toDate, toMs } from '../db/rows.ts';
import { claim } from './outbox.claim.ts';
import { dueNow, heldBack } from './outbox.due.ts';
import { erasable } from './outbox.erase.ts';
import { checkTarget, OUTBOX_COLUMNS, toItem } from './outbox.rows.ts';

const EMPTY_COUNTS: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
/** Rows per insert statement (SQLite binds at most 32,766 values; rows have 12). */
const INSERT_CHUNK = 500;

export function outboxStore(tx: Tx): OutboxStore {
  const db = dbOf(tx);

  async function insert(items: readonly NewOutboxItem[]): Promise<number> {
    const rows = items.map((item) => {
      const target = checkTarget(item.target);
      return {
        community: item.community,
        platform: platformOf(item.community),
        key: item.key,
        target: JSON.stringify(target),
        target_kind: target.kind,
        target_ref: target.kind === 'update' ? target.ref : null,
        reply: JSON.stringify(item.reply),
        ref: item.ref ?? null,
        priority: item.priority ?? 0,
        not_before: toMs(item.notBefore),
        created_at: toMs(item.now),
        sent_for: item.sentFor ?? null,
      };
    });
    const result = await db
      .insertInto('outbox')
      .values(rows)
      .onConflict((oc) => oc.columns(['community', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  /**
   * A card update while an earlier update of the same message still waits (pending, not yet claimed): the waiting
   * one takes the new content instead of a second edit being queued (ten RSVP clicks in a second: at most two
   * edits, the one in flight and the latest). True when it was coalesced.
   */
  async function coalesce(item: NewOutboxItem): Promise<boolean> {
    if (item.target.kind !== 'update') return false;
    const priority = item.priority ?? 0;
    const known = await db
      .selectFrom('outbox')
      .select('id')
      .where('community', '=', item.community)
      .where('key', '=', item.key)
      .executeTakeFirst();
    // A key already used: left to the insert, which drops it.
    if (known) return false;
    const superseded = await db
      .updateTable('outbox')
      .set((eb) => ({
        reply: JSON.stringify(item.reply),
        // The more urgent of the two (CASE, not min()/LEAST, which the two dialects spell differently).
        priority: sql<number>`case when ${eb.ref('priority')} < ${priority} then ${eb.ref('priority')} else ${priority} end`,
      }))
      .where('community', '=', item.community)
      .where('target_kind', '=', 'update')
      .where('target_ref', '=', item.target.ref)
      .where('status', '=', 'pending')
      .returning('id')
      .execute();
    return superseded.length > 0;
  }

  return {
    async enqueue(items) {
      // A key repeated within one unit: the first wins, as against the table.
      const seen = new Set<string>();
      const unique: NewOutboxItem[] = [];
      for (const item of items) {
        const id = `${item.community}\u0000${item.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
        // Rows of this unit first: an update right after another one of the same ref in one unit replaces it.
        if (item.target.kind === 'update') {
          const ref = item.target.ref;
          const earlier = unique.findIndex(
            (u) => u.community === item.community && u.target.kind === 'update' && u.target.ref === ref,
          );
          if (earlier >= 0) {
            unique[earlier] = { ...unique[earlier]!, reply: item.reply };
            continue;
          }
          if (await coalesce(item)) continue;
        }
        unique.push(item);
      }
      let inserted = 0;
      for (let i = 0; i < unique.length; i += INSERT_CHUNK) inserted += await insert(unique.slice(i, i + INSERT_CHUNK));
      return inserted;
    },
    claimDue(platform, now, limit, leaseUntil) {
      return claim(db, platform, now, limit, leaseUntil);
    },
    claimDueIn(community, now, limit, leaseUntil, maxPriority) {
      return claim(db, platformOf(community), now, limit, leaseUntil, community, maxPriority);
    },
    async dueCommunities(platform, now, limit) {
      const rows = await dueNow(db, platform, toMs(now))
        .select(['o.community', (eb) => eb.fn.min<number>('o.priority').as('priority')])
        .groupBy('o.community')
        .orderBy('priority')
        .orderBy('o.community')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ community: toCommunityId(row.community), priority: Number(row.priority) }));
    },
    /** Also saves `sent` under the item's ref, in the same transaction, when it has one. */
    async markSent(id, now, sent) {
      const row = await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: toMs(now), last_error: null, lease_until: null })
        .where('id', '=', id)
        .returning(['community', 'ref'])
        .executeTakeFirst();
      if (!row?.ref || !sent) return;
      await db
        .insertInto('message_refs')
        .values({ community: row.community, ref: row.ref, channel_id: sent.channelId, message_id: sent.messageId })
        .onConflict((oc) =>
          oc.columns(['community', 'ref']).doUpdateSet((eb) => ({
            channel_id: eb.ref('excluded.channel_id'),
            message_id: eb.ref('excluded.message_id'),
          })),
        )
        .execute();
    },
    async markRetry(id, notBefore, error) {
      await db
        .updateTable('outbox')
        .set({ status: 'pending', not_before: toMs(notBefore), last_error: error, lease_until: null })
        .where('id', '=', id)
        .execute();
    },
    async markFailed(id, error, now) {
      await db
        .updateTable('outbox')
        .set({ status: 'failed', last_error: error, failed_at: toMs(now), lease_until: null })
        .where('id', '=', id)
        .execute();
    },
    async abandon(community, error, now) {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'failed', last_error: error, failed_at: toMs(now), lease_until: null })
        .where('community', '=', community)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async recoverInFlight() {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'pending', lease_until: null })
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async counts(community) {
      const rows = await db
        .selectFrom('outbox')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .$if(community !== undefined, (qb) => qb.where('community', '=', community!))
        .groupBy('status')
        .execute();
      const counts = { ...EMPTY_COUNTS };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },
    async nextDue(platform) {
      // ORDER BY … LIMIT 1 walks the outbox_due index and stops at the first match (min() would scan them all).
      const pending = await db
        .selectFrom('outbox as o')
        .select('o.not_before as at')
        .where('o.platform', '=', platform)
        .where('o.status', '=', 'pending')
        .where((eb) => eb.not(heldBack(eb)))
        .orderBy('o.not_before')
        .limit(1)
        .executeTakeFirst();
      const lease = await db
        .selectFrom('outbox')
        .select('lease_until as at')
        .where('platform', '=', platform)
        .where('status', '=', 'sending')
        .where('lease_until', 'is not', null)
        .orderBy('lease_until')
        .limit(1)
        .executeTakeFirst();
      const times = [pending?.at, lease?.at].filter((t): t is number => t !== undefined && t !== null);
      return times.length ? new Date(Math.min(...times)) : undefined;
    },
    async get(id) {
      const row = await db.selectFrom('outbox').select(OUTBOX_COLUMNS).where('id', '=', id).executeTakeFirst();
      return row && toItem(row);
    },
    async list(community, limit = 100) {
      const rows = await db
        .selectFrom('outbox')
        .select(OUTBOX_COLUMNS)
        .where('community', '=', community)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toItem);
    },
    async updateWaiting(community, ref) {
      const row = await db
        .selectFrom('outbox')
        .select('id')
        .where('community', '=', community)
        .where('target_kind', '=', 'update')
        .where('target_ref', '=', ref)
        .where('status', 'in', ['pending', 'sending'])
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async sentFor(community, userId, since) {
      const rows = await db
        .selectFrom('outbox')
        .select('created_at')
        .where('community', '=', community)
        .where('sent_for', '=', userId)
        .where('created_at', '>', toMs(since))
        .orderBy('created_at')
        .execute();
      return rows.map((row) => toDate(row.created_at));
    },
    async usedKeys(community, keys) {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom('outbox')
        .select('key')
        .where('community', '=', community)
        .where('key', 'in', keys)
        .execute();
      return new Set(rows.map((row) => row.key));
    },
    async deleteForMember(community, userId) {
      // A coarse SQL filter (it may match more, never less), then the exact rule in `erasable`.
      const like = `%${userId}%`;
      const rows = await db
        .selectFrom('outbox')
        .select(OUTBOX_COLUMNS)
        .where('community', '=', community)
        .where((eb) =>
          eb.or([
            eb('key', 'like', like),
            eb('ref', 'like', like),
            eb('target', 'like', like),
            eb('reply', 'like', like),
          ]),
        )
        .execute();
      const ids = rows
        .map(toItem)
        .filter((item) => erasable(item, userId))
        .map((item) => item.id);
      if (ids.length > 0) await db.deleteFrom('outbox').where('id', 'in', ids).execute();
      // What they made Hallway send stays (a card for others), but no longer says who asked for it.
      await db
        .updateTable('outbox')
        .set({ sent_for: null })
        .where('community', '=', community)
        .where('sent_for', '=', userId)
        .execute();
      return ids.length;
    },
  };
}
