/** The Notifier the core hands to commands and jobs: every call is one row in the outbox, nothing is sent here. */
import { randomUUID } from 'node:crypto';
import type { CommunityId } from '../ids.ts';
import type { Clock } from '../ports/clock.ts';
import type { Notifier, SendOptions } from '../ports/notifier.ts';
import type { OutboxTarget } from '../ports/repos/outbox.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { Reply } from '../reply.ts';

/**
 * Enqueues in the caller's transaction (commands and jobs run inside one), so a handler that throws sends nothing.
 * The key defaults to a fresh UUID (no deduplication); `notBefore` defaults to now. A repeated key is dropped.
 */
export function createOutboxNotifier(repos: Repositories, clock: Clock): Notifier {
  const enqueue = (community: CommunityId, target: OutboxTarget, reply: Reply, options: SendOptions = {}) => {
    const now = clock.now();
    repos.outbox.enqueue({
      community,
      key: options.key ?? randomUUID(),
      target,
      reply,
      ref: options.ref,
      notBefore: options.notBefore ?? now,
      now,
    });
  };
  return {
    dm(community, userIds, reply, options) {
      const ids = [...new Set(typeof userIds === 'string' ? [userIds] : userIds)];
      if (ids.length === 0) throw new Error('notify.dm needs at least one user id');
      enqueue(community, { kind: 'dm', userIds: ids }, reply, options);
    },
    post(community, channelId, reply, options) {
      if (!channelId) throw new Error('notify.post needs a channel id');
      enqueue(community, { kind: 'post', channelId }, reply, options);
    },
    update(community, ref, reply, options) {
      if (!ref) throw new Error('notify.update needs a ref');
      // `options.ref` means "save under this ref", which an update does not do: the target's ref is what counts.
      enqueue(community, { kind: 'update', ref }, reply, { ...options, ref: undefined });
    },
  };
}
