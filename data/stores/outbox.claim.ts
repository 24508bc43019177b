/** The outbox claim: due items of a platform, or of one of its communities, taken under a lease. */
import { sql } from 'kysely';
import type { CommunityId, Platform } from '#core/ids.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Db } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';
import { dueNow } from './outbox.due.ts';
import { OUTBOX_COLUMNS, toItem } from './outbox.rows.ts';

/** Claims due items of a platform, or of one of its communities (and only those at least `maxPriority` urgent). */
export async function claim(
  db: Db,
  platform: Platform,
  now: Date,
  limit: number,
  leaseUntil: Date,
  community?: CommunityId,
  maxPriority?: number,
) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`claim limit must be a positive integer: ${limit}`);
  // The due rows are chosen once, in a MATERIALIZED CTE, and only then updated. Written as `UPDATE … WHERE id IN
  // (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`, PostgreSQL may plan a nested loop that runs the subquery again for
  // each outbox row (it does on a small table once ANALYZE saw it nearly empty, e.g. after old rows were deleted);
  // each run skips the rows this same UPDATE already changed, so LIMIT picks the next one and every due item is
  // marked `sending` while only the first is returned. The others then wait out their lease unsent (5 minutes;
  // in tests, for ever). A materialized CTE is evaluated once whatever the plan; SQLite reads it the same way.
  const due = dueNow(db, platform, toMs(now))
    .select('o.id')
    .$if(community !== undefined, (qb) => qb.where('o.community', '=', community!))
    .$if(maxPriority !== undefined, (qb) => qb.where('o.priority', '<=', maxPriority!))
    .orderBy('o.priority')
    .orderBy('o.not_before')
    .orderBy('o.id')
    // A literal, not a bound LIMIT: SQLite stops the subquery early only for a constant (20 µs, not 200).
    .limit(sql.lit(limit))
    .$if(isPostgres(db), (qb) => qb.forUpdate().skipLocked());
  const rows = await db
    .with(
      (cte) => cte('due').materialized(),
      () => due,
    )
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), lease_until: toMs(leaseUntil) }))
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
    .returning(OUTBOX_COLUMNS)
    .execute();
  // RETURNING has no order.
  return rows
    .map(toItem)
    .sort((a, b) => a.priority - b.priority || a.notBefore.getTime() - b.notBefore.getTime() || a.id - b.id);
}
