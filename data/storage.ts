/**
 * The `Storage` the core is given: transactions on one Kysely instance (SQLite or PostgreSQL) and the core stores
 * opened on them. Feature stores live next to these in `data/stores/` and are bound by the composition root.
 *
 * Every unit of work is serializable on both databases. SQLite runs one transaction at a time, so it is by
 * construction. PostgreSQL runs them concurrently at SERIALIZABLE isolation: a handler that reads and then writes
 * (an RSVP counting seats, an accept checking the ask is still open) can never interleave with another one in a
 * way no serial order explains; the loser fails with a serialization error and the whole unit is run again, which
 * is safe because a unit's only effects are its writes (the outbox included), all rolled back on failure.
 */
import type { Kysely } from 'kysely';
import type { CoreStores, Storage, Tx } from '#core/ports/storage.ts';
import { asTx } from './db/executor.ts';
import type { DB } from './db/schema.ts';
import { communitiesStore } from './stores/communities.store.ts';
import { membersStore } from './stores/members.store.ts';
import { outboxStore } from './stores/outbox.store.ts';
import { laneLeasesStore } from './stores/lane-leases.store.ts';
import { sendRatesStore } from './stores/send-rates.store.ts';
import { inboundEventsStore, jobRunsStore, messageRefsStore } from './stores/small.stores.ts';

/** SQLSTATEs after which the same unit may succeed when run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Attempts of one unit before the conflict is reported as an error. */
const MAX_ATTEMPTS = 8;

export function coreStores(tx: Tx): CoreStores {
  return {
    communities: communitiesStore(tx),
    members: membersStore(tx),
    jobRuns: jobRunsStore(tx),
    outbox: outboxStore(tx),
    sendRates: sendRatesStore(tx),
    laneLeases: laneLeasesStore(tx),
    messageRefs: messageRefsStore(tx),
    inboundEvents: inboundEventsStore(tx),
  };
}

function isRetryable(error: unknown): boolean {
  return RETRYABLE.has(String((error as { code?: unknown } | undefined)?.code));
}

/** A short random wait, growing with the attempt, so two conflicting units do not collide again at once. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Storage over `db`. `close` destroys it (closing the SQLite file or ending the pool) once. */
export function createStorage(db: Kysely<DB>, dialect: Storage['dialect'], onClose?: () => Promise<void>): Storage {
  let closing: Promise<void> | undefined;
  const transaction: Storage['transaction'] =
    dialect === 'sqlite'
      ? (fn) => db.transaction().execute((trx) => fn(asTx(trx)))
      : async (fn, options) => {
          for (let attempt = 1; ; attempt++) {
            try {
              return await db
                .transaction()
                .setIsolationLevel(options?.isolation ?? 'serializable')
                .execute((trx) => fn(asTx(trx)));
            } catch (error) {
              if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
              await backoff(attempt);
            }
          }
        };
  return {
    dialect,
    transaction,
    core: coreStores,
    close() {
      closing ??= (async () => {
        await db.destroy();
        await onClose?.();
      })();
      return closing;
    },
  };
}
