/** Shared set-up of the matching store tests: a fresh database, units of work on it, members with skills. */
import type { CommunityId } from '#core/ids.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import type { MatchingStore } from '../../commands/matching/store.ts';
import { type Db, dbOf } from '../../data/db/executor.ts';
import { matchingStore } from '../../data/stores/matching.store.ts';
import { openTestStorage } from '../support/databases.ts';

export const C: CommunityId = 'shell:loft';
export const OTHER: CommunityId = 'shell:elsewhere';
export const T0 = new Date('2026-11-16T09:00:00Z');
export const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

export interface Unit {
  readonly store: MatchingStore;
  readonly core: CoreStores;
  /** The transaction itself, to write rows no store of this test owns (skills). */
  readonly db: Db;
}

export interface MatchingFixture {
  readonly storage: Storage;
  run<T>(fn: (unit: Unit) => Promise<T>): Promise<T>;
}

export async function openMatching(): Promise<MatchingFixture> {
  const storage = await openTestStorage();
  return {
    storage,
    run: async (fn) =>
      storage.transaction(async (tx) => await fn({ store: matchingStore(tx), core: storage.core(tx), db: dbOf(tx) })),
  };
}

/** Adds skills to a member (the term repeats the skill unless given as `skill:term`). */
export async function addSkills(
  db: Db,
  userId: string,
  kind: 'offer' | 'need',
  skills: readonly string[],
  at = T0,
  community = C,
): Promise<void> {
  if (skills.length === 0) return;
  await db
    .insertInto('member_skills')
    .values(
      skills.map((s) => {
        const [skill, term = skill] = s.split(':') as [string, string?];
        return { community, user_id: userId, kind, skill, term, added_at: at.getTime() };
      }),
    )
    .execute();
}

/** A member seen at `at` who offers and needs the given skills. */
export async function addMember(
  unit: Unit,
  userId: string,
  offers: readonly string[],
  needs: readonly string[],
  community = C,
  at = T0,
): Promise<void> {
  await unit.core.members.touch(community, userId, userId.toUpperCase(), at);
  await addSkills(unit.db, userId, 'offer', offers, at, community);
  await addSkills(unit.db, userId, 'need', needs, at, community);
}
