import type { CommunityId } from '../ids.ts';
import type { Reply } from '../reply.ts';

export interface SendOptions {
  /**
   * Idempotency key, unique within the community: a second message with the same key is dropped. Jobs use
   * `job:period:recipient`; commands may omit it (a fresh key is made).
   */
  readonly key?: string;
  /** Remember where the message lands under this name, so `update` can replace it later (e.g. `meetup-card:42`). */
  readonly ref?: string;
  /** Do not send before this instant (reminders, follow-ups). */
  readonly notBefore?: Date;
}

/**
 * Outgoing DMs and posts. Every call writes to the durable outbox in the caller's transaction: if the command or
 * job fails, nothing is sent; once it commits, the drainer delivers at the platform's rate, exactly once.
 */
export interface Notifier {
  /** DM one member, or several together (a group DM on Slack). */
  dm(community: CommunityId, userIds: string | readonly string[], reply: Reply, options?: SendOptions): void;
  /** Post in a channel. */
  post(community: CommunityId, channelId: string, reply: Reply, options?: SendOptions): void;
  /** Replace a message sent earlier with `ref`; dropped silently if it was never sent. */
  update(community: CommunityId, ref: string, reply: Reply, options?: SendOptions): void;
  /**
   * Forget-me: what this unit queues no longer says it was sent for `userId` (their send budget), so nothing
   * written after their data was deleted names them again.
   */
  forgetSender(userId: string): void;
}
