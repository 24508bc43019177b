/** Lane leases on Kysely: one row per lane, taken by an upsert that only overwrites a lease that is ours or ran out. */
import type { Tx } from '#core/ports/storage.ts';
import type { LaneLeasesStore } from '#core/stores/lane-leases.ts';
import { dbOf } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';

export function laneLeasesStore(tx: Tx): LaneLeasesStore {
  const db = dbOf(tx);
  return {
    async take(lane, holder, now, until) {
      const taken = await db
        .insertInto('lane_leases')
        .values({ lane, holder, lease_until: toMs(until) })
        .onConflict((oc) =>
          oc
            .column('lane')
            .doUpdateSet((eb) => ({ holder: eb.ref('excluded.holder'), lease_until: eb.ref('excluded.lease_until') }))
            .where((eb) =>
              eb.or([eb('lane_leases.holder', '=', holder), eb('lane_leases.lease_until', '<=', toMs(now))]),
            ),
        )
        .returning('holder')
        .executeTakeFirst();
      if (taken) return { ours: true };
      const row = await db
        .selectFrom('lane_leases')
        .select('lease_until')
        .where('lane', '=', lane)
        .executeTakeFirstOrThrow();
      // PostgreSQL returns BIGINT as text; Number() reads both.
      return { ours: false, heldUntil: toDate(Number(row.lease_until)) };
    },
    async release(lane, holder) {
      await db.deleteFrom('lane_leases').where('lane', '=', lane).where('holder', '=', holder).execute();
    },
    async alive(holder, now, until) {
      await db
        .insertInto('lane_holders')
        .values({ holder, alive_until: toMs(until) })
        .onConflict((oc) => oc.column('holder').doUpdateSet((eb) => ({ alive_until: eb.ref('excluded.alive_until') })))
        .execute();
      // Rows of processes long gone are dropped on the way (a few per crash, never many).
      await db.deleteFrom('lane_holders').where('alive_until', '<=', toMs(now)).execute();
      const row = await db
        .selectFrom('lane_holders')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async leave(holder) {
      await db.deleteFrom('lane_holders').where('holder', '=', holder).execute();
    },
  };
}
