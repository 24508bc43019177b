/** Shared by the outbox store tests: item builders and a clock. */
import type { CommunityId } from '#core/ids.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import type { NewOutboxItem, OutboxTarget } from '#core/stores/outbox.ts';

export const LOFT: CommunityId = 'discord:1';
export const OTHER: CommunityId = 'discord:2';
export const T0 = new Date('2026-11-16T08:00:00Z');
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function item(key: string, target: OutboxTarget, extra: Partial<NewOutboxItem> = {}): NewOutboxItem {
  return { community: LOFT, key, target, reply: { text: `hello ${key}` }, notBefore: T0, now: T0, ...extra };
}
export const dm = (...userIds: string[]): OutboxTarget => ({ kind: 'dm', userIds });
export const post = (channelId = 'C1'): OutboxTarget => ({ kind: 'post', channelId });
export const update = (ref: string): OutboxTarget => ({ kind: 'update', ref });

/** One unit of work on the core stores of `storage`. */
export function runner(storage: () => Storage) {
  return async <T>(fn: (core: CoreStores) => Promise<T>): Promise<T> =>
    storage().transaction(async (tx) => await fn(storage().core(tx)));
}
