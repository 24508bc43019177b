/** The core's small stores on Kysely: job claims, inbound event ids, message refs. */
import { sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import type { InboundEventsStore } from '#core/stores/inbound-events.ts';
import type { JobRunsStore } from '#core/stores/job-runs.ts';
import type { MessageRefsStore } from '#core/stores/message-refs.ts';
import { dbOf } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';

/**
 * The primary key (community, job, period) lets one insert succeed, whatever the number of processes. A running
 * period (`done_at` NULL) changes hands only through its lease: each write below names its owner, or a lease that
 * ran out.
 */
export function jobRunsStore(tx: Tx): JobRunsStore {
  const db = dbOf(tx);
  const period = (job: string, community: CommunityId, key: string) =>
    db
      .updateTable('job_runs')
      .where('community', '=', community)
      .where('job', '=', job)
      .where('period', '=', key)
      .where('done_at', 'is', null);
  return {
    async claim(job, community, key, now) {
      const at = toMs(now);
      const result = await db
        .insertInto('job_runs')
        .values({ community, job, period: key, claimed_at: at, done_at: at })
        .onConflict((oc) => oc.columns(['community', 'job', 'period']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async lastPeriod(job, community) {
      // "Newest" = claimed last (period keys of different jobs need not sort as text); the period breaks ties.
      const row = await db
        .selectFrom('job_runs')
        .select('period')
        .where('community', '=', community)
        .where('job', '=', job)
        .orderBy('claimed_at', 'desc')
        .orderBy('period', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.period;
    },
    async state(job, community, key, now) {
      const row = await db
        .selectFrom('job_runs')
        .select(['done_at', 'lease_until'])
        .where('community', '=', community)
        .where('job', '=', job)
        .where('period', '=', key)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.done_at !== null) return 'done';
      return (row.lease_until ?? 0) > toMs(now) ? 'held' : 'stalled';
    },
    async claimRunning(job, community, key, owner, now, leaseUntil) {
      // Inserted, or taken over from a lease that ran out: either way one row changed, for one caller only.
      const result = await db
        .insertInto('job_runs')
        .values({ community, job, period: key, claimed_at: toMs(now), owner, lease_until: toMs(leaseUntil) })
        .onConflict((oc) =>
          oc
            .columns(['community', 'job', 'period'])
            .doUpdateSet((eb) => ({ owner: eb.ref('excluded.owner'), lease_until: eb.ref('excluded.lease_until') }))
            .where('job_runs.done_at', 'is', null)
            .where('job_runs.lease_until', '<=', toMs(now)),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async renew(job, community, key, owner, leaseUntil) {
      const result = await period(job, community, key)
        .set({ lease_until: toMs(leaseUntil) })
        .where('owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async finish(job, community, key, owner, now) {
      const result = await period(job, community, key)
        .set({ done_at: toMs(now), owner: null, lease_until: null })
        .where('owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(job, community, key, owner) {
      await period(job, community, key).set({ lease_until: 0 }).where('owner', '=', owner).execute();
    },
  };
}

/** The primary key makes the first sighting the only one. */
export function inboundEventsStore(tx: Tx): InboundEventsStore {
  const db = dbOf(tx);
  return {
    async firstSight(community, eventId, now) {
      const result = await db
        .insertInto('inbound_events')
        .values({ community, event_id: eventId, seen_at: toMs(now) })
        .onConflict((oc) => oc.columns(['community', 'event_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}

/** Saving a ref again points it at the newer message. */
export function messageRefsStore(tx: Tx): MessageRefsStore {
  const db = dbOf(tx);
  return {
    async save(community, ref, sent) {
      await db
        .insertInto('message_refs')
        .values({ community, ref, channel_id: sent.channelId, message_id: sent.messageId })
        .onConflict((oc) =>
          oc.columns(['community', 'ref']).doUpdateSet((eb) => ({
            channel_id: eb.ref('excluded.channel_id'),
            message_id: eb.ref('excluded.message_id'),
          })),
        )
        .execute();
    },
    async get(community, ref) {
      const row = await db
        .selectFrom('message_refs')
        .select(['channel_id', 'message_id'])
        .where('community', '=', community)
        .where('ref', '=', ref)
        .executeTakeFirst();
      return row && { channelId: row.channel_id, messageId: row.message_id };
    },
    async rename(community, from, to) {
      const result = await db
        .updateTable('message_refs')
        .set({ ref: to })
        .where('community', '=', community)
        .where('ref', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async deleteForMember(community, userId) {
      // The member's id is the last segment of the refs named after them (`feedback-ask:3:U1`).
      const result = await db
        .deleteFrom('message_refs')
        .where('community', '=', community)
        .where((eb) =>
          eb.or([
            sql<boolean>`substr(ref, length(ref) - ${userId.length}) = ${`:${userId}`}`,
            eb('channel_id', '=', userId),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
