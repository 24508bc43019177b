import type { CommunityId, Platform } from '../ids.ts';
import type { Reply } from '../reply.ts';
import type { SentMessage } from '../ports/chat-platform.ts';

export type OutboxTarget =
  | { readonly kind: 'dm'; readonly userIds: readonly string[] }
  | { readonly kind: 'post'; readonly channelId: string }
  | { readonly kind: 'update'; readonly ref: string };

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  readonly id: number;
  readonly community: CommunityId;
  readonly platform: Platform;
  /** Unique within the community: a second enqueue with the same key is ignored. */
  readonly key: string;
  readonly target: OutboxTarget;
  readonly reply: Reply;
  /** Save the sent message under this ref (for later updates). */
  readonly ref?: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  /** 0: a reply to what a member just did; 1: bulk. */
  readonly priority: number;
  readonly notBefore: Date;
  readonly lastError?: string;
  readonly createdAt: Date;
  readonly sentAt?: Date;
}

export interface NewOutboxItem {
  readonly community: CommunityId;
  readonly key: string;
  readonly target: OutboxTarget;
  readonly reply: Reply;
  readonly ref?: string;
  readonly notBefore: Date;
  readonly now: Date;
  /** 0: a reply to what a member just did; 1: bulk (a round, a digest). Lower goes first. */
  readonly priority?: number;
  /** A new DM or post a member's own action queued: counted in their send budget (src/core/send-budget.ts). */
  readonly sentFor?: string;
}

/** A community with something due, and the most urgent priority among what is due (0 first). */
export interface DueCommunity {
  readonly community: CommunityId;
  readonly priority: number;
}

export interface OutboxStore {
  /**
   * Inserts each item unless its key exists in the community (or earlier in `items`); returns how many were. An
   * update of a message that another update still waits for (pending, not yet claimed) replaces that one's
   * content instead of queueing a second edit (coalesced card edits; not counted).
   */
  enqueue(items: readonly NewOutboxItem[]): Promise<number>;
  /**
   * Atomically marks up to `limit` due items of a platform as `sending` under a lease until `leaseUntil`, and
   * returns them, most urgent first (priority, then due time). Due means pending and not before `now`, or sending
   * with a lease that ran out (its process died). Safe with several processes: each item goes to one. An update
   * to a ref waits while a post that saves that ref, or an earlier update of it, is still pending or sending.
   */
  claimDue(platform: Platform, now: Date, limit: number, leaseUntil: Date): Promise<OutboxItem[]>;
  /**
   * `claimDue` for one community (a lane taking its turn for it), and only items at least as urgent as
   * `maxPriority` (priority at most it; undefined: any).
   */
  claimDueIn(
    community: CommunityId,
    now: Date,
    limit: number,
    leaseUntil: Date,
    maxPriority?: number,
  ): Promise<OutboxItem[]>;
  /**
   * The communities of a platform with an item that `claimDue` would take now, each with its most urgent priority,
   * at most `limit` of them (the most urgent first). The drainer hands each to its lane.
   */
  dueCommunities(platform: Platform, now: Date, limit: number): Promise<DueCommunity[]>;
  markSent(id: number, now: Date, sent?: SentMessage): Promise<void>;
  /** Back to pending, to try again at `notBefore`. */
  markRetry(id: number, notBefore: Date, error: string): Promise<void>;
  /** Permanent failure: recorded, never retried. */
  markFailed(id: number, error: string, now: Date): Promise<void>;
  /**
   * The app left the community: every item still waiting is marked failed with `error` (recorded, never sent, never
   * retried). In-flight items finish or fail on their own. Returns how many were abandoned.
   */
  abandon(community: CommunityId, error: string, now: Date): Promise<number>;
  /**
   * After a crash of the only process (SQLite): items left `sending` go back to `pending` at once (each sent at
   * most once more). With several processes, leases do this instead. Returns how many.
   */
  recoverInFlight(): Promise<number>;
  /**
   * When each new DM or post queued on `userId`'s behalf since `since` was queued, oldest first (their send budget;
   * read inside the caller's transaction, so every process sees the same count).
   */
  sentFor(community: CommunityId, userId: string, since: Date): Promise<Date[]>;
  /** Which of `keys` the community's outbox already holds (a message queued again under one of them is dropped). */
  usedKeys(community: CommunityId, keys: readonly string[]): Promise<Set<string>>;
  /** True while an update of the message saved under `ref` waits or is being sent (it must land first). */
  updateWaiting(community: CommunityId, ref: string): Promise<boolean>;
  /** Count by status, for stats and tests. */
  counts(community?: CommunityId): Promise<Record<OutboxStatus, number>>;
  /** The earliest instant an item of the platform becomes due (pending, or a lease running out), to wake up then. */
  nextDue(platform: Platform): Promise<Date | undefined>;
  get(id: number): Promise<OutboxItem | undefined>;
  /** Items of a community (newest first), for tests and export. */
  list(community: CommunityId, limit?: number): Promise<OutboxItem[]>;
  /**
   * Data rights: deletes the items addressed to a member or naming them, sent or not (a queued card post that an
   * update will redraw without them excepted; in-flight items are left to finish), and forgets that they queued
   * the rows that stay (`sentFor`). Returns rows deleted.
   */
  deleteForMember(community: CommunityId, userId: string): Promise<number>;
}
