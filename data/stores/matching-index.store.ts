/**
 * The matcher's index reads (`MatchingIndexStore`): the scan (`matching-scan.store.ts`), the change log written by
 * the triggers of migrations 0006/0007, and the per-member lookups `/match` and the weekly round need.
 *
 * The change log on PostgreSQL: sequence numbers are handed out when a change is written but become visible when
 * its transaction commits, so a transaction holding seq 9 may commit after another's seq 10 was read. A reader that
 * moved its cursor to 10 would never see 9. So the cursor handed back only advances to changes that are settled:
 * every number up to the last one allocated is final when no other transaction is writing the log at the time
 * (its writers hold a RowExclusiveLock on it from before they take a number until they end), checked before the
 * changes are read (by a later statement: READ COMMITTED, the default, gives it a fresh snapshot). When one is, the cursor stays `SETTLE_WINDOW` numbers behind the last allocated. Changes past
 * the cursor are still reported, and reported again at the next read: reloading a member is idempotent, so reading
 * them twice costs a little work, never a wrong index. A transaction that writes the log for longer than the window
 * takes to fill can still be stepped over; its members catch up at their next change or at the next rebuild.
 * SQLite commits one writer at a time, in the order of the numbers: there the head is always settled.
 */
import { sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { IndexChanges, IndexCursor, MatchingIndexStore } from '../../commands/matching/index-store.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';
import { matchingScanPart } from './matching-scan.store.ts';

/** How far behind the last allocated number a PostgreSQL reader's cursor stays while others write the log. */
export const SETTLE_WINDOW = 1_000;

/** Changes a reader usually finds since its last read: read as rows in one statement when there are no more. */
const FEW_CHANGES = 500;

/** The highest change number no uncommitted transaction can still hold below (SQLite: all of them). */
async function settledBound(db: Db): Promise<number> {
  if (!isPostgres(db)) return Number.POSITIVE_INFINITY;
  // First what was allocated, then whether anyone is still writing (a writer taking a number after that reading
  // gets a higher one). One round trip: the lock check depends on the materialized reading, so it runs after it.
  const { rows } = await sql<{ allocated: number | null; busy: boolean }>`
    WITH a AS MATERIALIZED (
      SELECT pg_sequence_last_value(pg_get_serial_sequence('match_index_changes', 'seq')::regclass) AS allocated
    )
    SELECT a.allocated, EXISTS (SELECT 1 FROM pg_locks WHERE a.allocated IS NOT NULL
      AND locktype = 'relation' AND mode = 'RowExclusiveLock' AND relation = 'match_index_changes'::regclass
      AND pid IS DISTINCT FROM pg_backend_pid()) AS busy
    FROM a
  `.execute(db);
  const allocated = Number(rows[0]?.allocated ?? 0);
  return rows[0]?.busy ? allocated - SETTLE_WINDOW : allocated;
}

/** Per member: the latest activity logged, and whether any change was about more than activity. */
function byMember(rows: readonly { member: number; active_at: number | null; others: number }[]) {
  const members: number[] = [];
  const activity: [number, number][] = [];
  for (const row of rows) {
    if (Number(row.others) > 0 || row.active_at === null) members.push(row.member);
    else activity.push([row.member, row.active_at]);
  }
  return { members, activity };
}

function changeReads(db: Db): Pick<MatchingIndexStore, 'indexHead' | 'indexChanges'> {
  /** The community's newest change at or below `bound`. */
  const newest = (community: CommunityId, bound = Number.POSITIVE_INFINITY): Promise<IndexCursor | undefined> => {
    let query = db
      .selectFrom('match_index_changes')
      .select(['seq', 'nonce'])
      .where('community', '=', community)
      .orderBy('seq', 'desc')
      .limit(1);
    if (Number.isFinite(bound)) query = query.where('seq', '<=', bound);
    return query.executeTakeFirst();
  };
  const settledHead = async (community: CommunityId, head: IndexCursor | undefined) => {
    const bound = await settledBound(db);
    return head === undefined || head.seq <= bound ? head : newest(community, bound);
  };

  /** The general case (no cursor, a cursor gone, or many changes): the head, the check, the changes grouped. */
  async function grouped(community: CommunityId, cursor: IndexCursor | undefined): Promise<IndexChanges> {
    const head = await newest(community);
    const none = { rebuild: false, cursor, members: [], activity: [] };
    if (cursor && head?.seq === cursor.seq && head.nonce === cursor.nonce) return none;
    // The change the reader applied last must still be there: gone means rolled back or pruned.
    if (cursor) {
      const applied = await db
        .selectFrom('match_index_changes')
        .select('nonce')
        .where('community', '=', community)
        .where('seq', '=', cursor.seq)
        .executeTakeFirst();
      if (applied?.nonce !== cursor.nonce)
        return { ...none, rebuild: true, cursor: await settledHead(community, head) };
    }
    const settled = await settledHead(community, head);
    const rows = await db
      .selectFrom('match_index_changes')
      .select((eb) => [
        'member',
        eb.fn.max('active_at').as('active_at'),
        sql<number>`count(*) - count(active_at)`.as('others'),
      ])
      .where('community', '=', community)
      .where('seq', '>', cursor?.seq ?? 0)
      .groupBy('member')
      .execute();
    const next = settled && (!cursor || settled.seq > cursor.seq) ? settled : cursor;
    return { rebuild: false, cursor: next, ...byMember(rows) };
  }

  return {
    indexHead: async (community) => settledHead(community, await newest(community)),

    async indexChanges(community, cursor): Promise<IndexChanges> {
      if (!cursor) return grouped(community, cursor);
      // The usual case in one statement: the cursor's own change (still there?) and the few after it, as rows.
      const rows = await db
        .selectFrom('match_index_changes')
        .select(['seq', 'nonce', 'member', 'active_at'])
        .where('community', '=', community)
        .where('seq', '>=', cursor.seq)
        .orderBy('seq')
        .limit(FEW_CHANGES + 1)
        .execute();
      const applied = rows[0];
      if (rows.length > FEW_CHANGES || applied?.seq !== cursor.seq || applied.nonce !== cursor.nonce) {
        return grouped(community, cursor);
      }
      const after = rows.slice(1);
      if (after.length === 0) return { rebuild: false, cursor, members: [], activity: [] };
      const bound = await settledBound(db);
      const settled = after.findLast((r) => r.seq <= bound);
      const next = settled ? { seq: settled.seq, nonce: settled.nonce } : cursor;
      const members = new Map<number, { member: number; active_at: number | null; others: number }>();
      for (const r of after) {
        const m = members.get(r.member) ?? { member: r.member, active_at: null, others: 0 };
        if (r.active_at === null) m.others++;
        else m.active_at = Math.max(m.active_at ?? r.active_at, r.active_at);
        members.set(r.member, m);
      }
      return { rebuild: false, cursor: next, ...byMember([...members.values()]) };
    },
  };
}

function historyReads(db: Db): Pick<MatchingIndexStore, 'partnersSince' | 'scanMet' | 'roundAnswers'> {
  return {
    async partnersSince(community, userId, since) {
      const rows = await db
        .selectFrom('match_pairing_members as me')
        .innerJoin('match_pairings as p', (j) =>
          j.onRef('p.id', '=', 'me.pairing_id').on('p.created_at', '>=', toMs(since)),
        )
        .innerJoin('match_pairing_members as o', (j) =>
          j.onRef('o.pairing_id', '=', 'me.pairing_id').onRef('o.user_id', '<>', 'me.user_id'),
        )
        .select((eb) => ['o.user_id', eb.fn.max('p.created_at').as('at')])
        .where('me.community', '=', community)
        .where('me.user_id', '=', userId)
        .groupBy('o.user_id')
        .orderBy('o.user_id')
        .execute();
      return rows.map((r) => ({ userId: r.user_id, at: toDate(r.at) }));
    },

    async scanMet(community, since, after, limit, visit) {
      // The page of pairings, each joined to its pairs; a pairing with fewer than two members still brings a row
      // (its id), so the page ends where it should.
      const page = db
        .selectFrom('match_pairings')
        .select(['id', 'created_at'])
        .where('community', '=', community)
        .where('id', '>', after)
        .where('created_at', '>=', toMs(since))
        .orderBy('id')
        .limit(limit);
      const rows = await db
        .selectFrom(page.as('p'))
        .leftJoin('match_pairing_members as x', 'x.pairing_id', 'p.id')
        .leftJoin('match_pairing_members as y', (j) =>
          j.onRef('y.pairing_id', '=', 'p.id').onRef('x.user_id', '<', 'y.user_id'),
        )
        .select(['p.id', 'p.created_at', 'x.user_id as a', 'y.user_id as b'])
        .orderBy('p.id')
        .execute();
      let last = after;
      for (const row of rows) {
        if (row.a !== null && row.b !== null) visit(row.a, row.b, row.created_at);
        if (row.id > last) last = row.id;
      }
      return last;
    },

    async roundAnswers(community, roundId) {
      // The streak is NULL for a member without a preferences row.
      const rows = await db
        .selectFrom('match_pairings as p')
        .innerJoin('match_pairing_members as pm', 'pm.pairing_id', 'p.id')
        .leftJoin('match_prefs as pr', (j) =>
          j.onRef('pr.community', '=', 'p.community').onRef('pr.user_id', '=', 'pm.user_id'),
        )
        .select(['pm.user_id', 'pm.responded_at', 'pm.met', 'pr.ignored_streak'])
        .where('p.community', '=', community)
        .where('p.round_id', '=', roundId)
        .orderBy('p.id')
        .orderBy('pm.user_id')
        .execute();
      return rows.map((r) => ({
        userId: r.user_id,
        answered: r.responded_at !== null || r.met !== null,
        ignoredStreak: r.ignored_streak ?? 0,
        hasPrefs: r.ignored_streak !== null,
      }));
    },
  };
}

export function matchingIndexPart(db: Db): MatchingIndexStore {
  return {
    // Kysely makes one adapter per database (per Kysely instance) and shares it with every transaction on it.
    indexCacheKey: db.getExecutor().adapter,
    ...matchingScanPart(db),
    ...changeReads(db),
    ...historyReads(db),
  };
}
