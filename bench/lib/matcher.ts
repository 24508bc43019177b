/**
 * The matcher as the app runs it, for the benchmarks that study scoring and pairing: a seeded synthetic community
 * written to a database (SQLite in memory) and read into the skill index by `matchIndex`, as a `/match` or a round
 * reads it; the round's candidate search (`RoundCandidates`) and the scorer (`PairScorer`) on that index.
 */
import { type PairRules, RoundCandidates } from '../../commands/matching/candidates.ts';
import { matchIndex } from '../../commands/matching/index-cache.ts';
import type { IndexRound } from '../../commands/matching/round-plan.ts';
import type { SkillIndex } from '../../commands/matching/skill-index.ts';
import type { PairScorer } from '../../commands/matching/slot-score.ts';
import type { MatchMember } from '../../commands/matching/store.ts';
import { openDatabase, sqliteKysely } from '../../data/db/sqlite.ts';
import { createStorage } from '../../data/storage.ts';
import { matchingStore } from '../../data/stores/matching.store.ts';
import { BENCH_COMMUNITY, type SeedOptions, seedCommunity } from './seed.ts';

export interface Matcher {
  readonly index: SkillIndex;
  readonly members: readonly MatchMember[];
  /** The index slot of a member. */
  slot(userId: string): number;
  close(): Promise<void>;
}

/** Seeds the community into a database in memory and reads its index as the app does. */
export async function seededMatcher(options: SeedOptions): Promise<Matcher> {
  const db = sqliteKysely(openDatabase(':memory:'));
  const members = await seedCommunity(db, 'sqlite', options);
  const storage = createStorage(db, 'sqlite');
  const index = await storage.transaction(async (tx) => await matchIndex(matchingStore(tx), BENCH_COMMUNITY));
  return {
    index,
    members,
    slot: (userId) => index.slotOf(userId)!,
    close: () => storage.close(),
  };
}

/** A round over every member of the index, as the job plans it (no history, no avoid list unless given). */
export function wholeRound(matcher: Matcher, now: Date, seed: number, extra: Partial<IndexRound> = {}): IndexRound {
  return {
    index: matcher.index,
    participants: matcher.members.map((m) => matcher.slot(m.userId)),
    *forEachMet() {},
    avoid: [],
    now,
    windowWeeks: 12,
    seed,
    ...extra,
  };
}

const NO_RULES: PairRules = { factor: () => 1, excluded: () => false };

/** The round's candidate graph on the index: `[slot a, slot b, total]`, each unordered pair once. */
export function candidateEdges(index: SkillIndex, rules: PairRules = NO_RULES): [number, number, number][] {
  const candidates = new RoundCandidates(index, rules);
  const seen = new Set<number>();
  const edges: [number, number, number][] = [];
  for (let a = 0; a < index.slots; a++) {
    for (let k = 0, n = candidates.find(a); k < n; k++) {
      const b = candidates.slots[k]!;
      const key = Math.min(a, b) * index.slots + Math.max(a, b);
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push([Math.min(a, b), Math.max(a, b), candidates.totals[k]!]);
    }
  }
  return edges;
}

/** The pair score of two slots (anchoring the scorer on `a`). */
export function pairTotal(scorer: PairScorer, a: number, b: number): number {
  scorer.anchorOn(a);
  return scorer.total(b, 1);
}
