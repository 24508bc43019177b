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

/** Where an index is read from: one database (the cache key), read in the caller's transaction or in its own. */
export interface IndexSource {
  /** Identifies the database behind the store: the cache holds one set of indexes per database. */
  readonly key: object;
  read<T>(fn: (store: MatchingStore) => Promise<T>): Promise<T>;
}

/** Reads inside the caller's transaction. */
export function inTransaction(store: MatchingStore): IndexSource {
  return { key: store.indexCacheKey, read: (fn) => fn(store) };
}

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

const caches = new WeakMap<object, Map<CommunityId, Entry>>();

/** Loads the whole index; with `pause`, page by page awaiting it in between (a 100k load takes about a second). */
async function build(source: IndexSource, community: CommunityId, pause?: () => Promise<void>): Promise<Entry> {
  // The head first: changes landing during the scan are applied (again) at the next read, which is harmless.
  const cursor = await source.read((store) => store.indexHead(community));
  const index = new SkillIndex();
  await loadFromRepo(index, source, community, pause);
  return { index, cursor, leases: 0 };
}

async function refresh(entry: Entry, source: IndexSource, community: CommunityId): Promise<void> {
  const changes = await source.read((store) => store.indexChanges(community, entry.cursor));
  const many = changes.members.length > Math.max(RELOAD_LIMIT, entry.index.slots / 10);
  if (changes.rebuild || many || entry.index.fragmented) {
    Object.assign(entry, await build(source, community), { leases: entry.leases });
    return;
  }
  if (changes.members.length > 0) {
    await source.read((store) => reloadFromRepo(entry.index, store, community, changes.members));
  }
  for (const [key, at] of changes.activity) entry.index.touch(key, at);
  entry.cursor = changes.cursor;
}

function cacheOf(source: IndexSource): Map<CommunityId, Entry> {
  let byCommunity = caches.get(source.key);
  if (!byCommunity) {
    byCommunity = new Map();
    caches.set(source.key, byCommunity);
  }
  return byCommunity;
}

async function entryOf(source: IndexSource, community: CommunityId): Promise<Entry> {
  const byCommunity = cacheOf(source);
  let entry = byCommunity.get(community);
  if (entry) {
    if (entry.leases === 0) await refresh(entry, source, community);
    byCommunity.delete(community); // re-inserted last: the Map's order is least recently used first
  } else {
    entry = await build(source, community);
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
export async function matchIndex(store: MatchingStore, community: CommunityId): Promise<SkillIndex> {
  return (await entryOf(inTransaction(store), community)).index;
}

/**
 * The community's index for a round planned in slices: it is not changed until `release`, so every slice reads the
 * same state (`/match` meanwhile reads it as of the round's start; changes are applied after).
 */
export async function leaseIndex(
  source: IndexSource,
  community: CommunityId,
): Promise<{ index: SkillIndex; release(): void }> {
  const entry = await entryOf(source, community);
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
  source: IndexSource,
  community: CommunityId,
  pause: () => Promise<void>,
): Promise<{ index: SkillIndex; release(): void }> {
  if (!cacheOf(source).has(community)) {
    const entry = await build(source, community, pause);
    // A /match may have loaded it meanwhile: then that one stays.
    if (!cacheOf(source).has(community)) cacheOf(source).set(community, entry);
  }
  return leaseIndex(source, community);
}
