/**
 * The Notifier the core hands to commands and jobs. Nothing is sent here: each call becomes an outbox row, held in
 * memory until the unit of work ends and then written in its transaction (one insert for many rows), so a handler
 * that throws sends nothing and a round's thousands of DMs cost a few statements.
 */
import { randomUUID } from 'node:crypto';
import type { CommunityId } from '../ids.ts';
import type { Clock } from '../ports/clock.ts';
import type { Notifier, SendOptions } from '../ports/notifier.ts';
import type { Reply } from '../reply.ts';
import type { NewOutboxItem, OutboxStore, OutboxTarget } from '../stores/outbox.ts';

/** `interactive`: a reply to what a member just did, sent before any `bulk` backlog (rounds, digests). */
export type Priority = 'interactive' | 'bulk';

/**
 * The key defaults to a fresh UUID (no deduplication); `notBefore` defaults to now. A repeated key is dropped,
 * within the unit and against the outbox.
 */
export class OutboxNotifier implements Notifier {
  private readonly queued: NewOutboxItem[] = [];
  /**
   * The member whose action this unit answers (set by dispatch): the new DMs and posts it queues count in their
   * send budget. Card edits do not: they coalesce, so one card never has more than one edit waiting.
   */
  sentFor?: string;

  constructor(
    private readonly clock: Clock,
    private readonly priority: Priority,
  ) {}

  dm(community: CommunityId, userIds: string | readonly string[], reply: Reply, options?: SendOptions): void {
    const ids = [...new Set(typeof userIds === 'string' ? [userIds] : userIds)];
    if (ids.length === 0) throw new Error('notify.dm needs at least one user id');
    this.enqueue(community, { kind: 'dm', userIds: ids }, reply, options);
  }

  post(community: CommunityId, channelId: string, reply: Reply, options?: SendOptions): void {
    if (!channelId) throw new Error('notify.post needs a channel id');
    this.enqueue(community, { kind: 'post', channelId }, reply, options);
  }

  update(community: CommunityId, ref: string, reply: Reply, options?: SendOptions): void {
    if (!ref) throw new Error('notify.update needs a ref');
    // `options.ref` means "save under this ref", which an update does not do: the target's ref is what counts.
    this.enqueue(community, { kind: 'update', ref }, reply, { ...options, ref: undefined });
  }

  forgetSender(userId: string): void {
    if (this.sentFor === userId) this.sentFor = undefined;
    for (const [i, item] of this.queued.entries()) {
      if (item.sentFor === userId) this.queued[i] = { ...item, sentFor: undefined };
    }
  }

  /** Takes back the updates of `ref` queued in this unit (not yet written); returns the last, or undefined. */
  withdrawUpdates(ref: string): NewOutboxItem | undefined {
    const mine = (item: NewOutboxItem) => item.target.kind === 'update' && item.target.ref === ref;
    const last = this.queued.findLast(mine);
    if (last) this.queued.splice(0, this.queued.length, ...this.queued.filter((item) => !mine(item)));
    return last;
  }

  /** Messages queued so far in this unit (tests, and features that check what they already said). */
  get pending(): readonly NewOutboxItem[] {
    return this.queued;
  }

  /** Writes the queued messages, in order, through `outbox` (inside the unit's transaction). */
  async flush(outbox: OutboxStore): Promise<void> {
    if (this.queued.length === 0) return;
    const items = this.queued.splice(0);
    await outbox.enqueue(items);
  }

  private enqueue(community: CommunityId, target: OutboxTarget, reply: Reply, options: SendOptions = {}): void {
    const now = this.clock.now();
    this.queued.push({
      community,
      key: options.key ?? randomUUID(),
      target,
      reply,
      ref: options.ref,
      notBefore: options.notBefore ?? now,
      now,
      priority: this.priority === 'interactive' ? 0 : 1,
      sentFor: target.kind === 'update' ? undefined : this.sentFor,
    });
  }
}
