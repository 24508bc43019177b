/**
 * The matcher's index over members a test describes in memory, built the way the app builds it: their rows written
 * to a database (the test project's: SQLite in memory or PostgreSQL), then read by `matchIndex`. Each call uses a
 * community of its own on one database per test file, so property tests can build thousands of small indexes.
 */
import { matchIndex } from '../../commands/matching/index-cache.ts';
import type { SkillRef } from '../../commands/matching/match-score.ts';
import type { SkillIndex } from '../../commands/matching/skill-index.ts';
import { dbOf } from '../../data/db/executor.ts';
import { matchingStore } from '../../data/stores/matching.store.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Storage } from '#core/ports/storage.ts';
import { openTestStorage } from './databases.ts';

export interface Person {
  readonly userId: string;
  readonly offers: readonly SkillRef[];
  readonly needs: readonly SkillRef[];
  /** Default: the moment the index is built for. */
  readonly lastActiveAt?: Date;
}

const T0 = new Date('2026-11-16T09:00:00Z');
/** Skill rows per INSERT. */
const ROWS = 500;

let storage: Storage | undefined;
let communities = 0;

/** A distinct skill list (the database keeps one row per member, kind and skill: the first term wins). */
export function distinct(skills: readonly SkillRef[]): SkillRef[] {
  const seen = new Set<string>();
  return skills.filter((s) => !seen.has(s.skill) && Boolean(seen.add(s.skill)));
}

/** Writes `people` into a fresh community; returns it and its index (`index.slotOf(userId)` finds each). */
export async function indexOf(people: readonly Person[]): Promise<{ community: CommunityId; index: SkillIndex }> {
  storage ??= await openTestStorage();
  const on = storage;
  const community: CommunityId = `shell:index-${++communities}`;
  await on.transaction(async (tx) => {
    const core = on.core(tx);
    for (const p of people) await core.members.touch(community, p.userId, p.userId, p.lastActiveAt ?? T0);
    const rows = people.flatMap((p) =>
      (['offer', 'need'] as const).flatMap((kind) =>
        distinct(kind === 'offer' ? p.offers : p.needs).map((s, k) => ({
          community,
          user_id: p.userId,
          kind,
          skill: s.skill,
          term: s.term ?? s.skill,
          // In the order given: the index keeps each member's skills in the order they were added.
          added_at: T0.getTime() + k,
        })),
      ),
    );
    for (let i = 0; i < rows.length; i += ROWS) {
      await dbOf(tx)
        .insertInto('member_skills')
        .values(rows.slice(i, i + ROWS))
        .execute();
    }
  });
  const index = await on.transaction(async (tx) => await matchIndex(matchingStore(tx), community));
  return { community, index };
}
