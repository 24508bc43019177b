/**
 * The unit of work. A handler, a job or a sweep runs inside one `transaction`: everything it writes (its own
 * feature's rows, the core's rows, the outbox messages it queues) commits together or rolls back together, on
 * SQLite and on PostgreSQL alike. The core and the features never see the database: they get stores opened on a
 * `Tx`, and only `data/` knows what a `Tx` is.
 */
import type { CommunitiesStore } from '../stores/communities.ts';
import type { InboundEventsStore } from '../stores/inbound-events.ts';
import type { JobRunsStore } from '../stores/job-runs.ts';
import type { MembersStore } from '../stores/members.ts';
import type { MessageRefsStore } from '../stores/message-refs.ts';
import type { LaneLeasesStore } from '../stores/lane-leases.ts';
import type { SendRatesStore } from '../stores/send-rates.ts';
import type { OutboxStore } from '../stores/outbox.ts';

/** An open transaction, opaque outside `data/`. Valid only until the `transaction` callback settles. */
export interface Tx {
  readonly __transaction: unique symbol;
}

/** The stores every feature may use, opened on one transaction. */
export interface CoreStores {
  readonly communities: CommunitiesStore;
  readonly members: MembersStore;
  readonly jobRuns: JobRunsStore;
  readonly outbox: OutboxStore;
  readonly sendRates: SendRatesStore;
  readonly laneLeases: LaneLeasesStore;
  readonly messageRefs: MessageRefsStore;
  readonly inboundEvents: InboundEventsStore;
}

export interface TransactionOptions {
  /**
   * `read committed` (PostgreSQL; SQLite is serial anyway) for bookkeeping made of atomic statements on rows it
   * names, which needs no serial order: the outbox drainer's claims, records and lane leases (see `withOutbox`).
   */
  readonly isolation?: 'serializable' | 'read committed';
}

export interface Storage {
  /** Which database is behind it, for logs and benchmarks. */
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one serializable transaction: commits when it resolves, rolls back when it rejects (and rejects
   * with the same error). `fn` may be run more than once (PostgreSQL retries a unit that lost a serialization
   * conflict), so it must have no effect outside the transaction before it resolves. Never call `transaction` again
   * from inside `fn`: on SQLite the one connection is held by the outer transaction and the inner call would wait
   * for ever.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** The core stores on `tx`. Cheap: call it per transaction. */
  core(tx: Tx): CoreStores;
  /** Closes the connection or pool. Safe to call twice. */
  close(): Promise<void>;
}
