import type { CommunityId, Platform } from '../../ids.ts';
import type { Reply } from '../../reply.ts';
import type { SentMessage } from '../chat-platform.ts';

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
}

export interface OutboxRepo {
  /** Inserts unless the key exists in the community; returns whether it was inserted. */
  enqueue(item: NewOutboxItem): boolean;
  /**
   * Atomically marks up to `limit` due pending items of a platform as `sending` and returns them, oldest first.
   * An update to a ref waits while a post that saves that ref is still pending.
   */
  claimDue(platform: Platform, now: Date, limit: number): OutboxItem[];
  markSent(id: number, now: Date, sent?: SentMessage): void;
  /** Back to pending, to try again at `notBefore`. */
  markRetry(id: number, notBefore: Date, error: string): void;
  /** Permanent failure: recorded, never retried. */
  markFailed(id: number, error: string, now: Date): void;
  /** After a crash: items left `sending` go back to `pending` (sent at most once more). Returns how many. */
  recoverInFlight(): number;
  /** Count by status, for stats and tests. */
  counts(community?: CommunityId): Record<OutboxStatus, number>;
  /** The earliest `notBefore` of a pending item of the platform, to know when to wake up. */
  nextDue(platform: Platform): Date | undefined;
  get(id: number): OutboxItem | undefined;
  /** Items of a community (newest first), for tests and export. */
  list(community: CommunityId, limit?: number): OutboxItem[];
  /**
   * Data rights: deletes the items addressed to a member or naming them, sent or not (a queued card post that an
   * update will redraw without them excepted; in-flight items are left to finish). Returns rows deleted.
   */
  deleteForMember(community: CommunityId, userId: string): number;
}
