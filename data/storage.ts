/**
 * The `Storage` the core is given: transactions on one Kysely instance (SQLite or PostgreSQL) and the core stores
 * opened on them. Feature stores live next to these in `data/stores/` and are bound by the composition root.
 */
import type { Kysely } from 'kysely';
import type { CoreStores, Storage, Tx } from '#core/ports/storage.ts';
import { asTx } from './db/executor.ts';
import type { DB } from './db/schema.ts';
import { communitiesStore } from './stores/communities.store.ts';
import { membersStore } from './stores/members.store.ts';
import { outboxStore } from './stores/outbox.store.ts';
import { inboundEventsStore, jobRunsStore, messageRefsStore } from './stores/small.stores.ts';

export function coreStores(tx: Tx): CoreStores {
  return {
    communities: communitiesStore(tx),
    members: membersStore(tx),
    jobRuns: jobRunsStore(tx),
    outbox: outboxStore(tx),
    messageRefs: messageRefsStore(tx),
    inboundEvents: inboundEventsStore(tx),
  };
}

/** Storage over `db`. `close` destroys it (closing the SQLite file or ending the pool) once. */
export function createStorage(db: Kysely<DB>, dialect: Storage['dialect'], onClose?: () => Promise<void>): Storage {
  let closing: Promise<void> | undefined;
  return {
    dialect,
    transaction: (fn) => db.transaction().execute((trx) => fn(asTx(trx))),
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
