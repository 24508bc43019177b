/**
 * One unit of work: a transaction with the core's stores and a notifier whose messages are written to the outbox
 * in that same transaction, just before it commits. A handler that throws therefore sends nothing.
 */
import type { BoundFeature } from './command.ts';
import { OutboxNotifier, type Priority } from './outbox/notifier.ts';
import type { Clock } from './ports/clock.ts';
import type { CoreStores, Storage, Tx } from './ports/storage.ts';

export interface Unit {
  readonly tx: Tx;
  readonly core: CoreStores;
  readonly notify: OutboxNotifier;
  /** The store of `feature`, opened on this transaction (once per unit). */
  storeOf<S>(feature: BoundFeature<S>): S;
}

export interface UnitDeps {
  readonly storage: Storage;
  readonly clock: Clock;
}

/**
 * Runs `fn` in one transaction. `priority` orders the messages it queues: `interactive` for a reply to what a
 * member just did, `bulk` for jobs (a round, a digest) so that replies never wait behind them.
 */
export function inUnit<T>(deps: UnitDeps, priority: Priority, fn: (unit: Unit) => Promise<T>): Promise<T> {
  return deps.storage.transaction(async (tx) => {
    const core = deps.storage.core(tx);
    const notify = new OutboxNotifier(deps.clock, priority);
    const stores = new Map<BoundFeature<unknown>, unknown>();
    const unit: Unit = {
      tx,
      core,
      notify,
      storeOf<S>(feature: BoundFeature<S>): S {
        let store = stores.get(feature as BoundFeature<unknown>);
        if (store === undefined) {
          store = feature.openStore(tx);
          stores.set(feature as BoundFeature<unknown>, store);
        }
        return store as S;
      },
    };
    const result = await fn(unit);
    await notify.flush(core.outbox);
    return result;
  });
}
