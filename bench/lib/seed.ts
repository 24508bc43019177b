/**
 * Fills a database with a synthetic community fast, on SQLite or PostgreSQL alike: multi-row inserts through
 * Kysely (members, then member_skills), a batch of members per transaction. The members come from the shared
 * seeded generator `bench/synthetic-community.ts`.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../data/db/schema.ts';
import { nameKey } from '../../data/stores/members.store.ts';
import type { CommunityId } from '#core/ids.ts';
import type { MatchMember } from '../../commands/matching/store.ts';
import { syntheticCommunity } from '../synthetic-community.ts';

export const BENCH_COMMUNITY: CommunityId = 'slack:TBENCH';
/** Members per transaction. */
const BATCH = 5_000;
/** Rows per INSERT: 7 parameters a member row, 6 a skill row, well under either database's limit. */
const ROWS = 1_000;
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

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Writes the community, its members and their skills; returns the members. Then refreshes the planner's statistics. */
export async function seedCommunity(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', options: SeedOptions) {
  const community = options.community ?? BENCH_COMMUNITY;
  const now = (options.now ?? new Date()).getTime();
  const members = membersFor({ ...options, now: new Date(now) });
  await db
    .insertInto('communities')
    .values({ id: community, settings: '{}', created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const batch of chunks(members, BATCH)) {
    await db.transaction().execute(async (trx) => {
      // PostgreSQL: no per-row triggers for a bulk load (the matcher's change log, which a fresh index never reads;
      // the rows are consistent by construction). SQLite runs its triggers; the log is emptied below.
      if (dialect === 'postgres') await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      for (const rows of chunks(batch, ROWS)) {
        await trx
          .insertInto('members')
          .values(
            rows.map((m) => {
              const joined = m.lastActiveAt.getTime() - 30 * DAY_MS;
              return {
                community,
                user_id: m.userId,
                display_name: m.displayName,
                name_key: nameKey(m.displayName),
                joined_at: joined,
                left_at: null,
                first_seen_at: joined,
                last_active_at: m.lastActiveAt.getTime(),
                timezone: null,
              };
            }),
          )
          .execute();
      }
      const skills = batch.flatMap((m) => {
        const added = m.lastActiveAt.getTime() - 30 * DAY_MS;
        return [
          ...m.offers.map((s) => ({
            community,
            user_id: m.userId,
            kind: 'offer' as const,
            skill: s.skill,
            term: s.term,
            added_at: added,
          })),
          ...m.needs.map((s) => ({
            community,
            user_id: m.userId,
            kind: 'need' as const,
            skill: s.skill,
            term: s.term,
            added_at: added,
          })),
        ];
      });
      for (const rows of chunks(skills, ROWS)) {
        await trx
          .insertInto('member_skills')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }
  // Imported long ago: nothing in the change log, on either database (a first index build starts from its head).
  await db.deleteFrom('match_index_changes').execute();
  // Fresh statistics, as a long-lived database has: SQLite's `optimize` (as round 1 did); on PostgreSQL a VACUUM
  // too, so the visibility map is set and autovacuum does not start in the middle of a measurement.
  if (dialect === 'sqlite') await sql`PRAGMA optimize`.execute(db);
  else await sql`VACUUM ANALYZE`.execute(db);
  return members;
}
