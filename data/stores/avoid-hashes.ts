/**
 * Avoid lists by keyed hash. A member's wish never to be matched with another is the avoider's data, so it must
 * outlive the other member's forget-me without keeping who they were readable: each entry stores the avoided member
 * as HMAC-SHA256(the community's key, their user id) beside the readable id, and forget-me clears only the id. A
 * member who comes back has the same id, hence the same hash, and is still avoided.
 *
 * The key is 32 random bytes per community, made on first use (an avoid added, or a member forgotten) and kept in
 * `match_avoid_keys`: no configuration, and it never leaves the database (exports skip it). Rows written before the
 * hashes existed are hashed when the key is made. Reads never make a key: without one there is no hash to match,
 * and the readable ids still are.
 *
 * Shared by the stores of every feature that introduces members (matching, introductions, feedback).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { CommunityId } from '#core/ids.ts';
import type { Db } from '../db/executor.ts';

/** The hash stored for `userId` under `key`. */
export function avoidHash(key: string, userId: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(userId, 'utf8').digest('hex');
}

/** The community's key, made (and the older rows hashed with it) when `create` and there is none yet. */
export async function avoidKey(db: Db, community: CommunityId, create: boolean): Promise<string | undefined> {
  const read = async () =>
    (await db.selectFrom('match_avoid_keys').select('secret').where('community', '=', community).executeTakeFirst())
      ?.secret;
  const found = await read();
  if (found || !create) return found;
  await db
    .insertInto('match_avoid_keys')
    .values({ community, secret: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('community').doNothing())
    .execute();
  const key = (await read())!;
  const legacy = await db
    .selectFrom('match_avoid')
    .select(['user_id', 'avoid_user_id'])
    .where('community', '=', community)
    .where('avoid_hash', 'is', null)
    .execute();
  for (const row of legacy) {
    await db
      .updateTable('match_avoid')
      .set({ avoid_hash: avoidHash(key, row.avoid_user_id!) })
      .where('community', '=', community)
      .where('user_id', '=', row.user_id)
      .where('avoid_user_id', '=', row.avoid_user_id)
      .execute();
  }
  return key;
}

/**
 * Of `others`, those whom `userId` avoids or who avoid `userId`, in the order given: by readable id, and by hash so
 * that an entry outlives the avoided member's forget-me.
 */
export async function avoidedAmong(
  db: Db,
  community: CommunityId,
  userId: string,
  others: readonly string[],
): Promise<string[]> {
  const candidates = [...new Set(others)].filter((o) => o !== userId);
  if (candidates.length === 0) return [];
  const key = await avoidKey(db, community, false);
  const hashOf = new Map(key ? candidates.map((o) => [avoidHash(key, o), o] as const) : []);
  const mine = key ? avoidHash(key, userId) : undefined;
  const rows = await db
    .selectFrom('match_avoid')
    .select(['user_id', 'avoid_user_id', 'avoid_hash'])
    .where('community', '=', community)
    .where((eb) => {
      const byMe = [eb('avoid_user_id', 'in', candidates)];
      if (hashOf.size > 0) byMe.push(eb('avoid_hash', 'in', [...hashOf.keys()]));
      const byThem = [eb('avoid_user_id', '=', userId)];
      if (mine) byThem.push(eb('avoid_hash', '=', mine));
      return eb.or([
        eb.and([eb('user_id', '=', userId), eb.or(byMe)]),
        eb.and([eb('user_id', 'in', candidates), eb.or(byThem)]),
      ]);
    })
    .execute();
  const found = new Set<string>();
  for (const row of rows) {
    if (row.user_id !== userId) found.add(row.user_id);
    else if (row.avoid_user_id && candidates.includes(row.avoid_user_id)) found.add(row.avoid_user_id);
    else if (row.avoid_hash && hashOf.has(row.avoid_hash)) found.add(hashOf.get(row.avoid_hash)!);
  }
  return candidates.filter((o) => found.has(o));
}

/**
 * Every avoid pair between members of the community, by readable id: entries whose avoided member was forgotten
 * are matched, by hash, against the members present now (only when there are such entries: one hash per member).
 */
export async function avoidPairs(db: Db, community: CommunityId): Promise<[string, string][]> {
  const rows = await db
    .selectFrom('match_avoid')
    .select(['user_id', 'avoid_user_id', 'avoid_hash'])
    .where('community', '=', community)
    .orderBy('user_id')
    .orderBy('avoid_user_id')
    .orderBy('avoid_hash')
    .execute();
  const pairs: [string, string][] = [];
  const hidden = rows.filter((r) => r.avoid_user_id === null);
  for (const r of rows) if (r.avoid_user_id !== null) pairs.push([r.user_id, r.avoid_user_id]);
  if (hidden.length === 0) return pairs;
  const key = await avoidKey(db, community, false);
  if (!key) return pairs;
  const wanted = new Set(hidden.map((r) => r.avoid_hash));
  const present = await db
    .selectFrom('members')
    .select('user_id')
    .where('community', '=', community)
    .where('left_at', 'is', null)
    .execute();
  const byHash = new Map<string, string>();
  for (const { user_id } of present) {
    const hash = avoidHash(key, user_id);
    if (wanted.has(hash)) byHash.set(hash, user_id);
  }
  for (const r of hidden) {
    const back = byHash.get(r.avoid_hash!);
    if (back) pairs.push([r.user_id, back]);
  }
  return pairs;
}
