/** One outbox item through its platform, and what the outcome writes back to the store. */
import type { ChatPlatform, SentMessage } from '../ports/chat-platform.ts';
import { DeliveryError } from '../ports/chat-platform.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { OutboxItem } from '../ports/repos/outbox.ts';
import type { Repositories } from '../ports/repositories.ts';
import { backoffMs, DM_CLOSED_CODES, MAX_ATTEMPTS } from './retry.ts';

export interface DeliverDeps {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly log: Logger;
  readonly random: () => number;
  readonly maxAttempts?: number;
}

/** Calls the platform. A post or DM resolves with where it landed; an update resolves with nothing. */
export async function send(
  item: OutboxItem,
  platform: ChatPlatform,
  repos: Repositories,
): Promise<SentMessage | undefined> {
  const { target, community, reply } = item;
  switch (target.kind) {
    case 'dm':
      return platform.sendDirectMessage(community, target.userIds, reply);
    case 'post':
      return platform.postMessage(community, target.channelId, reply);
    case 'update': {
      // The outbox held this update back while its post was pending, so a missing ref now means it never landed.
      const sent = repos.messageRefs.get(community, target.ref);
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
export function recordSent(item: OutboxItem, sent: SentMessage | undefined, deps: DeliverDeps): void {
  deps.repos.outbox.markSent(item.id, deps.clock.now(), sent);
}

/**
 * Records a failure: permanent ones are failed for good (a closed DM also marks the member unreachable, so
 * features can stop trying); transient ones go back to the queue with backoff until the attempts run out.
 * `notBeforeMs` is the earliest retry the platform asked for (a 429 that would not stop).
 */
export function recordFailure(item: OutboxItem, error: DeliveryError, deps: DeliverDeps, notBeforeMs = 0): void {
  const { repos, clock, log } = deps;
  const now = clock.now();
  if (error.kind === 'permanent') {
    repos.transaction(() => {
      repos.outbox.markFailed(item.id, error.code, now);
      if (item.target.kind === 'dm' && DM_CLOSED_CODES.has(error.code)) {
        for (const userId of item.target.userIds) repos.members.setDmUnreachable(item.community, userId, true);
      }
    });
    log.warn({ ...describe(item), code: error.code }, 'outbox item failed for good');
    return;
  }
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  if (item.attempts >= maxAttempts) {
    repos.outbox.markFailed(item.id, `gave up after ${item.attempts} attempts: ${error.message}`, now);
    log.error({ ...describe(item), code: error.code }, 'outbox item failed: out of attempts');
    return;
  }
  const retryAt = Math.max(now.getTime() + backoffMs(item.attempts, deps.random), notBeforeMs);
  repos.outbox.markRetry(item.id, new Date(retryAt), error.message);
  log.warn({ ...describe(item), code: error.code, retryAt: new Date(retryAt).toISOString() }, 'outbox send failed');
}
