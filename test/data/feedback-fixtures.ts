/** Shared set-up for the feedback store tests: a fresh database per test, members with skills, requests. */
import { beforeEach } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { Storage, Tx } from '#core/ports/storage.ts';
import type { FeedbackStore } from '../../commands/feedback/store.ts';
import { dbOf } from '../../data/db/executor.ts';
import { feedbackStore } from '../../data/stores/feedback.store.ts';
import { openTestStorage } from '../support/databases.ts';

export const LOFT: CommunityId = 'shell:loft';
export const STUDIO: CommunityId = 'shell:studio';
export const NOW = new Date('2026-11-16T08:00:00Z');
const DAY = 86_400_000;
export const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
export const daysAhead = (n: number) => new Date(NOW.getTime() + n * DAY);

let current: Storage | undefined;

/** Opens a fresh database before each test of the calling file. */
export function freshStorageEachTest(): void {
  beforeEach(async () => {
    current = await openTestStorage();
  });
}

/** The current test's storage. */
export function storage(): Storage {
  if (!current) throw new Error('call freshStorageEachTest() in the test file');
  return current;
}

/** Runs `fn` on the feedback store in one transaction. */
export async function run<T>(fn: (store: FeedbackStore, tx: Tx) => Promise<T>): Promise<T> {
  return storage().transaction(async (tx) => await fn(feedbackStore(tx), tx));
}

/** A member (a `members` row) with skills of one kind, added in the order given, a millisecond apart. */
export async function memberWith(
  userId: string,
  skills: readonly string[] = ['illustration'],
  community = LOFT,
  kind: 'offer' | 'need' = 'offer',
): Promise<void> {
  await storage().transaction(async (tx) => {
    await storage().core(tx).members.touch(community, userId, userId, NOW);
    if (skills.length === 0) return;
    await dbOf(tx)
      .insertInto('member_skills')
      .values(
        skills.map((skill, i) => ({
          community,
          user_id: userId,
          kind,
          skill,
          term: skill,
          added_at: NOW.getTime() + i,
        })),
      )
      .execute();
  });
}

/** A member left the community. */
export async function markLeft(community: CommunityId, userIds: readonly string[]): Promise<void> {
  await storage().transaction(async (tx) => {
    for (const userId of userIds) await storage().core(tx).members.markLeft(community, userId, NOW);
  });
}

/** An open request for illustration feedback. */
export const request = async (requester: string, at = NOW, extra: { dueAt?: Date; community?: CommunityId } = {}) =>
  run(
    async (f) =>
      await f.createRequest({
        community: LOFT,
        requester,
        about: 'Draft',
        skills: ['illustration'],
        now: at,
        ...extra,
      }),
  );
