/** Learned send rates on Kysely: one row per lane, upserted. */
import type { Tx } from '#core/ports/storage.ts';
import type { SendRatesStore } from '#core/stores/send-rates.ts';
import { dbOf } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';

export function sendRatesStore(tx: Tx): SendRatesStore {
  const db = dbOf(tx);
  return {
    async get(lane) {
      const row = await db
        .selectFrom('send_rates')
        .select(['rate', 'updated_at'])
        .where('lane', '=', lane)
        .executeTakeFirst();
      // PostgreSQL returns BIGINT as text and DOUBLE PRECISION as a number; Number() reads both.
      return row && { rate: Number(row.rate), updatedAt: toDate(Number(row.updated_at)) };
    },
    async save(lane, rate, now) {
      if (!(rate > 0 && Number.isFinite(rate))) throw new Error(`a send rate must be > 0: ${rate}`);
      await db
        .insertInto('send_rates')
        .values({ lane, rate, updated_at: toMs(now) })
        .onConflict((oc) =>
          oc
            .column('lane')
            .doUpdateSet((eb) => ({ rate: eb.ref('excluded.rate'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .execute();
    },
  };
}
