/**
 * Fills a database with a synthetic community fast: direct prepared inserts (members + member_skills), one
 * transaction per batch. The members come from the shared seeded generator `bench/synthetic-community.ts`.
 */
import type { Database } from 'better-sqlite3';
import { nameKey } from '../../data/repositories/members.repo.ts';
import type { CommunityId } from '#core/ids.ts';
import type { MatchMember } from '../../commands/matching/store.ts';
import { syntheticCommunity } from '../synthetic-community.ts';

export const BENCH_COMMUNITY: CommunityId = 'slack:TBENCH';
const BATCH = 5_000;
const DAY_MS = 86_400_000;

export type Popularity = 'uniform' | 'skewed';

export interface SeedOptions {
  readonly members: number;
  readonly popularity?: Popularity;
  readonly seed?: number;
  readonly community?: CommunityId;
  readonly now?: Date;
}

/** The members the generator makes for these options (the benchmarks pick actors from this list). */
export function membersFor(options: SeedOptions): MatchMember[] {
  return syntheticCommunity({
    members: options.members,
    seed: options.seed ?? 1,
    popularity: options.popularity ?? 'skewed',
    now: options.now ?? new Date(),
  });
}

/** Writes the community, its members and their skills; returns the members. */
export function seedCommunity(db: Database, options: SeedOptions): MatchMember[] {
  const community = options.community ?? BENCH_COMMUNITY;
  const now = (options.now ?? new Date()).getTime();
  const members = membersFor({ ...options, now: new Date(now) });
  db.prepare(`INSERT INTO communities (id, settings, created_at) VALUES (?, '{}', ?) ON CONFLICT DO NOTHING`).run(
    community,
    now,
  );
  const member = db.prepare(
    `INSERT INTO members (community, user_id, display_name, name_key, joined_at, first_seen_at, last_active_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const skill = db.prepare(
    'INSERT OR IGNORE INTO member_skills (community, user_id, kind, skill, term, added_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertBatch = db.transaction((batch: readonly MatchMember[]) => {
    for (const m of batch) {
      const active = m.lastActiveAt.getTime();
      const joined = active - 30 * DAY_MS;
      member.run(community, m.userId, m.displayName, nameKey(m.displayName), joined, joined, active);
      for (const s of m.offers) skill.run(community, m.userId, 'offer', s.skill, s.term, joined);
      for (const s of m.needs) skill.run(community, m.userId, 'need', s.skill, s.term, joined);
    }
  });
  for (let i = 0; i < members.length; i += BATCH) insertBatch(members.slice(i, i + BATCH));
  db.pragma('optimize');
  return members;
}
