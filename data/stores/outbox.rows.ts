/** Outbox rows ↔ items. The JSON columns are checked on the way out: a bad row is a bug, never member input. */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { OutboxTable } from '../db/schema.ts';
import type { Platform } from '#core/ids.ts';
import type { OutboxItem, OutboxStatus, OutboxTarget } from '#core/stores/outbox.ts';
import type { Reply } from '#core/reply.ts';
import { toCommunityId, toDate, toOptionalDate } from '../db/rows.ts';

export const OUTBOX_COLUMNS = [
  'id',
  'community',
  'platform',
  'key',
  'target',
  'reply',
  'ref',
  'status',
  'attempts',
  'priority',
  'not_before',
  'last_error',
  'created_at',
  'sent_at',
] as const;

export type OutboxRow = Pick<Selectable<OutboxTable>, (typeof OUTBOX_COLUMNS)[number]>;

const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dm'), userIds: z.array(z.string().min(1)).min(1) }),
  z.object({ kind: z.literal('post'), channelId: z.string().min(1) }),
  z.object({ kind: z.literal('update'), ref: z.string().min(1) }),
]);

/** Only what every Reply has is checked; the rest is the core's own output, stored as it was given. */
const replySchema = z.looseObject({ text: z.string() });

const statusSchema = z.enum(['pending', 'sending', 'sent', 'failed']);
const platformSchema = z.enum(['slack', 'discord', 'shell']);

const filled = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Checks a target before it is stored, so a malformed one fails at enqueue (in the caller's transaction), and keeps
 * only its own fields. By hand rather than through `targetSchema`: a round enqueues one per member (100,000 at
 * 100k members), and the schema costs several microseconds each.
 */
export function checkTarget(target: OutboxTarget): OutboxTarget {
  const t = target as Partial<Record<'kind' | 'userIds' | 'channelId' | 'ref', unknown>>;
  if (t.kind === 'dm' && Array.isArray(t.userIds) && t.userIds.length > 0 && t.userIds.every(filled)) {
    return { kind: 'dm', userIds: [...t.userIds] };
  }
  if (t.kind === 'post' && filled(t.channelId)) return { kind: 'post', channelId: t.channelId };
  if (t.kind === 'update' && filled(t.ref)) return { kind: 'update', ref: t.ref };
  throw new Error(`malformed outbox target: ${JSON.stringify(target)?.slice(0, 200)}`);
}

export function toItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    platform: platformSchema.parse(row.platform) satisfies Platform,
    key: row.key,
    target: targetSchema.parse(JSON.parse(row.target)),
    reply: replySchema.parse(JSON.parse(row.reply)) as Reply,
    ref: row.ref ?? undefined,
    status: statusSchema.parse(row.status) satisfies OutboxStatus,
    attempts: row.attempts,
    priority: row.priority,
    notBefore: toDate(row.not_before),
    lastError: row.last_error ?? undefined,
    createdAt: toDate(row.created_at),
    sentAt: toOptionalDate(row.sent_at),
  };
}
