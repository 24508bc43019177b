/**
 * The matcher's in-memory index of each community, kept current without rebuilding: built once from one scan, then
 * each use reads the change log (migration 0006; one indexed query, microseconds when nothing changed) and reloads
 * only the members named there. The cache lives in this module, keyed by the repositories object (so each database,
 * and each test's database, has its own) and then by community; its size is bounded by the member slots it holds
 * (least recently used communities go first). The index holds no personal text beyond user ids, and a forgotten
 * member leaves it at the next read.
 */
import type { CommunityId } from '#core/ids.ts';
import type { MatchingStore } from './store.ts';
import type { IndexCursor } from './index-store.ts';
import { loadFromRepo, reloadFromRepo } from './index-load.ts';
import { SkillIndex } from './skill-index.ts';
import { runNow, runSliced, type Steps } from './steps.ts';

/** Member slots the cache may hold across communities (about 100 bytes each) before evicting. */
export const CACHED_SLOTS = 250_000;
/** Past this many changed members, one scan costs less than reloading them one by one. */
const RELOAD_LIMIT = 2_000;

interface Entry {
  index: SkillIndex;
  cursor: IndexCursor | undefined;
  /** Rounds planning on this index: while any does, changes wait (a sliced round reads one state). */
  leases: number;
}

let caches = new WeakMap<MatchingStore, Map<CommunityId, Entry>>();

function* building(repo: MatchingStore, community: CommunityId): Steps<Entry> {
  // The head first: changes landing during the scan are applied (again) at the next read, which is harmless.
  const cursor = repo.indexHead(community);
  const index = new SkillIndex();
  yield* loadFromRepo(index, repo, community);
  return { index, cursor, leases: 0 };
}

function build(repo: MatchingStore, community: CommunityId): Entry {
  return runNow(building(repo, community));
}

function refresh(entry: Entry, repo: MatchingStore, community: CommunityId): void {
  const changes = repo.indexChanges(community, entry.cursor);
  const many = changes.members.length > Math.max(RELOAD_LIMIT, entry.index.slots / 10);
  if (changes.rebuild || many || entry.index.fragmented) {
    Object.assign(entry, build(repo, community), { leases: entry.leases });
    return;
  }
  if (changes.members.length > 0) reloadFromRepo(entry.index, repo, community, changes.members);
  for (const [key, at] of changes.activity) entry.index.touch(key, at);
  entry.cursor = changes.cursor;
}

function cacheOf(repo: MatchingStore): Map<CommunityId, Entry> {
  let byCommunity = caches.get(repo);
  if (!byCommunity) {
    byCommunity = new Map();
    caches.set(repo, byCommunity);
  }
  return byCommunity;
}

function entryOf(repo: MatchingStore, community: CommunityId): Entry {
  const byCommunity = cacheOf(repo);
  let entry = byCommunity.get(community);
  if (entry) {
    if (entry.leases === 0) refresh(entry, repo, community);
    byCommunity.delete(community); // re-inserted last: the Map's order is least recently used first
  } else {
    entry = build(repo, community);
  }
  byCommunity.set(community, entry);
  evict(byCommunity);
  return entry;
}

function evict(byCommunity: Map<CommunityId, Entry>): void {
  let slots = 0;
  for (const entry of byCommunity.values()) slots += entry.index.slots;
  for (const [community, entry] of byCommunity) {
    if (slots <= CACHED_SLOTS || byCommunity.size <= 1) break;
    if (entry.leases > 0) continue;
    byCommunity.delete(community);
    slots -= entry.index.slots;
  }
}

/** The community's index, current as of this call (inside a transaction: as this transaction sees it). */
export function matchIndex(repo: MatchingStore, community: CommunityId): SkillIndex {
  return entryOf(repo, community).index;
}

/**
 * The community's index for a round planned in slices: it is not changed until `release`, so every slice reads the
 * same state (`/match` meanwhile reads it as of the round's start; changes are applied after).
 */
export function leaseIndex(repo: MatchingStore, community: CommunityId): { index: SkillIndex; release(): void } {
  const entry = entryOf(repo, community);
  entry.leases++;
  let released = false;
  return {
    index: entry.index,
    release() {
      if (!released) entry.leases--;
      released = true;
    },
  };
}

/**
 * `leaseIndex` for the weekly round: a community not cached yet is loaded page by page, awaiting `pause` between
 * pages (a 100k-member load in one go holds the event loop for about a second).
 */
export async function leaseIndexInSlices(
  repo: MatchingStore,
  community: CommunityId,
  pause: () => Promise<void>,
): Promise<{ index: SkillIndex; release(): void }> {
  if (!cacheOf(repo).has(community)) {
    const entry = await runSliced(building(repo, community), pause);
    // A /match may have loaded it meanwhile: then that one stays.
    if (!cacheOf(repo).has(community)) cacheOf(repo).set(community, entry);
  }
  return leaseIndex(repo, community);
}

/** Forgets every cached index (tests that rewrite the database behind the repositories' back). */
export function resetMatchIndexes(): void {
  caches = new WeakMap();
}
