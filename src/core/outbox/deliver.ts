/** One outbox item through its platform, and what the outcome writes back to the store. */
import type { ChatPlatform, SentMessage } from '../ports/chat-platform.ts';
import { DeliveryError } from '../ports/chat-platform.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Storage } from '../ports/storage.ts';
import type { OutboxItem, OutboxStore } from '../stores/outbox.ts';
import { backoffMs, MAX_ATTEMPTS } from './retry.ts';

export interface DeliverDeps {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
  readonly random: () => number;
  readonly maxAttempts?: number;
  /** Cleans error text before it is stored (see `OutboxDrainerOptions.redact`). */
  readonly redact: (text: string) => string;
}

/**
 * The drainer's bookkeeping runs at READ COMMITTED: each call is one atomic statement on rows it names (a claim's
 * rows are its own through FOR UPDATE SKIP LOCKED, a record's by id, a lease by lane), or a read that is only a hint
 * for the next look. At SERIALIZABLE, a thousand lanes' claims and records, five at a time beside the look's wide
 * read, formed read/write cycles over the outbox's index pages: a claim failed all 8 of its retries on the Monday
 * benchmark and its lane's pass with it (5 s lost). Units of work (handlers, jobs) stay SERIALIZABLE.
 */
export const READ_COMMITTED = { isolation: 'read committed' } as const;

/** One outbox call in a short transaction of its own. */
export function withOutbox<T>(storage: Storage, fn: (outbox: OutboxStore) => Promise<T>): Promise<T> {
  return storage.transaction((tx) => fn(storage.core(tx).outbox), READ_COMMITTED);
}

/** Calls the platform. A post or DM resolves with where it landed; an update resolves with nothing. */
export async function send(
  item: OutboxItem,
  platform: ChatPlatform,
  storage: Storage,
): Promise<SentMessage | undefined> {
  const { target, community, reply } = item;
  switch (target.kind) {
    case 'dm':
      return platform.sendDirectMessage(community, target.userIds, reply);
    case 'post':
      return platform.postMessage(community, target.channelId, reply);
    case 'update': {
      // The outbox held this update back while its post was pending, so a missing ref now means it never landed.
      const sent = await storage.transaction(
        (tx) => storage.core(tx).messageRefs.get(community, target.ref),
        READ_COMMITTED,
      );
      if (!sent) throw new DeliveryError('permanent', 'unknown_ref');
      await platform.updateMessage(community, sent, reply);
      return undefined;
    }
  }
}

/** Fields to log about an item: never its text, which is member content. */
export function describe(item: OutboxItem): Record<string, unknown> {
  return { outbox: item.id, community: item.community, target: item.target.kind, attempts: item.attempts };
}

/** Records a success; a post or DM with a ref saves where it landed, in the same transaction. */
export function recordSent(item: OutboxItem, sent: SentMessage | undefined, deps: DeliverDeps): Promise<void> {
  return withOutbox(deps.storage, (outbox) => outbox.markSent(item.id, deps.clock.now(), sent));
}

/**
 * Records a failure: permanent ones are failed for good (a closed DM also marks the member unreachable, so
 * features can stop trying); transient ones go back to the queue with backoff until the attempts run out.
 * `notBeforeMs` is the earliest retry the platform asked for (a 429 that would not stop).
 */
export async function recordFailure(
  item: OutboxItem,
  error: DeliveryError,
  deps: DeliverDeps,
  notBeforeMs = 0,
): Promise<void> {
  const { storage, clock, log } = deps;
  const now = clock.now();
  if (error.permanent) {
    await storage.transaction(async (tx) => {
      const core = storage.core(tx);
      await core.outbox.markFailed(item.id, deps.redact(`${error.kind}: ${error.code}`), now);
      if (item.target.kind === 'dm' && error.kind === 'dm_closed') {
        for (const userId of item.target.userIds) await core.members.setDmUnreachable(item.community, userId, true);
      }
    });
    log.warn({ ...describe(item), code: error.code }, 'outbox item failed for good');
    return;
  }
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  if (item.attempts >= maxAttempts) {
    await withOutbox(storage, (outbox) =>
      outbox.markFailed(item.id, deps.redact(`gave up after ${item.attempts} attempts: ${error.message}`), now),
    );
    log.error({ ...describe(item), code: error.code }, 'outbox item failed: out of attempts');
    return;
  }
  const retryAt = Math.max(now.getTime() + backoffMs(item.attempts, deps.random), notBeforeMs);
  await withOutbox(storage, (outbox) => outbox.markRetry(item.id, new Date(retryAt), deps.redact(error.message)));
  log.warn({ ...describe(item), code: error.code, retryAt: new Date(retryAt).toISOString() }, 'outbox send failed');
}
