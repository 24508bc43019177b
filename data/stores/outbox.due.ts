/**
 * Which outbox rows are due: the one definition the claim, `dueCommunities` and `nextDue` share, so a community
 * reported due is always one a claim can take from (a lane told of work it cannot claim would spin).
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Platform } from '#core/ids.ts';
import type { DB } from '../db/schema.ts';

/**
 * True for an `update` item (alias `o`) that must wait: a post/DM that will save its ref is still pending or
 * sending, or an earlier update of the same ref is (updates of one message land in order).
 */
export function heldBack(eb: ExpressionBuilder<DB & { o: DB['outbox'] }, 'o'>) {
  return eb.and([
    eb('o.target_kind', '=', 'update'),
    eb.exists(
      eb
        .selectFrom('outbox as p')
        .select(sql.lit(1).as('one'))
        .whereRef('p.community', '=', 'o.community')
        .where('p.status', 'in', ['pending', 'sending'])
        .whereRef('p.id', '<>', 'o.id')
        .where((w) =>
          w.or([
            w.and([w('p.target_kind', 'in', ['post', 'dm']), w('p.ref', '=', w.ref('o.target_ref'))]),
            w.and([
              w('p.target_kind', '=', 'update'),
              w('p.target_ref', '=', w.ref('o.target_ref')),
              w('p.id', '<', w.ref('o.id')),
            ]),
          ]),
        ),
    ),
  ]);
}

/**
 * The rows of a platform `claimDue` may take at `at`: pending and due, or sending under a lease that ran out (its
 * process died), and not an update held back. One definition for the claim and for `dueCommunities`, so a community
 * reported due is one a claim can take from.
 */
export function dueNow(db: Kysely<DB>, platform: Platform, at: number) {
  return db
    .selectFrom('outbox as o')
    .where('o.platform', '=', platform)
    .where((eb) =>
      eb.or([
        eb.and([eb('o.status', '=', 'pending'), eb('o.not_before', '<=', at)]),
        eb.and([eb('o.status', '=', 'sending'), eb('o.lease_until', '<=', at)]),
      ]),
    )
    .where((eb) => eb.not(heldBack(eb)));
}
