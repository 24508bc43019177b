/** The rounds-and-pairings part of the matching store: `match_rounds`, `match_pairings`, `match_pairing_members`. */
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type {
  MatchingStore,
  MetAnswer,
  NewPairing,
  PairingRecord,
  RoundRecord,
} from '../../commands/matching/store.ts';
import { isPostgres } from '../db/dialect.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toFlag, toMs, toOptionalDate } from '../db/rows.ts';
import type { DB } from '../db/schema.ts';

type PairingsPart = Pick<
  MatchingStore,
  | 'metSince'
  | 'createRound'
  | 'lastRound'
  | 'roundFor'
  | 'pairedIn'
  | 'addPairing'
  | 'addPairings'
  | 'pairing'
  | 'roundPairings'
  | 'pairingsOf'
  | 'markResponded'
  | 'recordMet'
  | 'recordCollaborating'
  | 'dueFollowUps'
  | 'markFollowUpSent'
  | 'outcomes'
>;

const PAIRING_COLUMNS = ['id', 'round_id', 'kind', 'score', 'created_at', 'follow_up_at'] as const;
/** Rows per insert when storing many groups: 5 parameters a pairing, 3 a member, far under both databases' limits. */
const INSERT_CHUNK = 2_000;

function toRound(r: Selectable<DB['match_rounds']>): RoundRecord {
  return {
    id: r.id,
    period: r.period,
    createdAt: toDate(r.created_at),
    members: r.members,
    totalScore: r.total_score,
    repeats: r.repeats,
    leftOut: r.left_out,
  };
}

/** Some pairings (their columns, in the order wanted): a filter and order on `match_pairings`, maybe a limit. */
type PairingSelection = SelectQueryBuilder<DB, 'match_pairings', Pick<DB['match_pairings'], never>>;

export function matchingPairingsPart(db: Db): PairingsPart {
  /**
   * The pairings `select` picks, with their members, in one query: the pairings as a subquery (so a limit counts
   * pairings, not members), each joined to its members, in `order` (ids break ties of time).
   */
  async function pairings(
    select: (q: PairingSelection) => PairingSelection,
    order: 'id' | 'oldest' | 'newest' = 'id',
  ): Promise<PairingRecord[]> {
    const chosen = select(db.selectFrom('match_pairings')).select(PAIRING_COLUMNS);
    const direction = order === 'newest' ? 'desc' : 'asc';
    let query = db
      .selectFrom(chosen.as('p'))
      .leftJoin('match_pairing_members as pm', 'pm.pairing_id', 'p.id')
      .select([
        'p.id',
        'p.round_id',
        'p.kind',
        'p.score',
        'p.created_at',
        'p.follow_up_at',
        'pm.user_id',
        'pm.responded_at',
        'pm.met',
        'pm.collaborating',
      ]);
    if (order !== 'id') query = query.orderBy('p.created_at', direction);
    const rows = await query.orderBy('p.id', direction).orderBy('pm.user_id').execute();
    const records: (PairingRecord & { members: PairingRecord['members'][number][] })[] = [];
    for (const r of rows) {
      let last = records[records.length - 1];
      if (last?.id !== r.id) {
        last = {
          id: r.id,
          roundId: r.round_id ?? undefined,
          kind: r.kind,
          score: r.score,
          createdAt: toDate(r.created_at),
          followUpAt: toOptionalDate(r.follow_up_at),
          members: [],
        };
        records.push(last);
      }
      if (r.user_id === null) continue;
      last.members.push({
        userId: r.user_id,
        respondedAt: toOptionalDate(r.responded_at),
        met: r.met ?? undefined,
        collaborating: r.collaborating === null ? undefined : r.collaborating === 1,
      });
    }
    return records;
  }

  /** Sets a member's answer (and when they first responded). */
  async function answer(
    community: string,
    pairingId: number,
    userId: string,
    set: { met?: MetAnswer; collaborating?: 0 | 1 },
    now: Date,
  ) {
    await db
      .updateTable('match_pairing_members')
      .set((eb) => ({ ...set, responded_at: eb.fn.coalesce('responded_at', sql.val(toMs(now))) }))
      .where('community', '=', community)
      .where('pairing_id', '=', pairingId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** The groups in two statements a chunk: the pairings (their ids back), then all their members. */
  async function addPairings(community: string, pairings: readonly NewPairing[], now: Date): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < pairings.length; i += INSERT_CHUNK) {
      const chunk = pairings.slice(i, i + INSERT_CHUNK);
      const rows = await db
        .insertInto('match_pairings')
        .values(
          chunk.map((p) => ({
            community,
            round_id: p.roundId ?? null,
            kind: p.kind,
            score: p.score,
            created_at: toMs(now),
          })),
        )
        .returning('id')
        .execute();
      // RETURNING promises no order, but one insert hands out increasing ids in the order of its rows (PostgreSQL's
      // identity sequence as SQLite's rowid): sorted, they line up with `chunk`.
      ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
    }
    const members = pairings.flatMap((p, k) =>
      [...new Set(p.members)].map((userId) => ({ pairing_id: ids[k]!, community, user_id: userId })),
    );
    // PostgreSQL only: each member row's foreign-key check runs a saved plan, made generic after five uses and kept
    // until the table is analyzed again; made while `match_pairings` was small (a new database, a first round), it
    // scans the table, and a round's batches slow down as it grows (0.6-1.3 s a batch of 250 groups at 10k, 12 of
    // the round's 16 s). Planned per row for this transaction only, the check stays an index lookup (~60 ms a batch).
    if (isPostgres(db) && members.length > 1) await sql`SET LOCAL plan_cache_mode = force_custom_plan`.execute(db);
    for (let i = 0; i < members.length; i += INSERT_CHUNK) {
      await db
        .insertInto('match_pairing_members')
        .values(members.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    return ids;
  }

  return {
    async metSince(community, since) {
      const rows = await db
        .selectFrom('match_pairings as p')
        .innerJoin('match_pairing_members as x', 'x.pairing_id', 'p.id')
        .innerJoin('match_pairing_members as y', (j) =>
          j.onRef('y.pairing_id', '=', 'p.id').onRef('x.user_id', '<', 'y.user_id'),
        )
        .select((eb) => ['x.user_id as a', 'y.user_id as b', eb.fn.max('p.created_at').as('at')])
        .where('p.community', '=', community)
        .where('p.created_at', '>=', toMs(since))
        .groupBy(['x.user_id', 'y.user_id'])
        .orderBy('x.user_id')
        .orderBy('y.user_id')
        .execute();
      return rows.map((r) => ({ a: r.a, b: r.b, at: toDate(r.at) }));
    },
    async createRound(community, round, now) {
      const row = await db
        .insertInto('match_rounds')
        .values({
          community,
          period: round.period,
          created_at: toMs(now),
          members: round.members,
          total_score: round.totalScore,
          repeats: round.repeats,
          left_out: round.leftOut,
        })
        .onConflict((oc) => oc.columns(['community', 'period']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },
    async lastRound(community) {
      const r = await db
        .selectFrom('match_rounds')
        .selectAll()
        .where('community', '=', community)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toRound(r);
    },
    async roundFor(community, period) {
      const r = await db
        .selectFrom('match_rounds')
        .selectAll()
        .where('community', '=', community)
        .where('period', '=', period)
        .executeTakeFirst();
      return r && toRound(r);
    },
    async pairedIn(community, roundId) {
      const rows = await db
        .selectFrom('match_pairings as p')
        .innerJoin('match_pairing_members as pm', 'pm.pairing_id', 'p.id')
        .select('pm.user_id')
        .where('p.community', '=', community)
        .where('p.round_id', '=', roundId)
        .execute();
      return rows.map((r) => r.user_id);
    },
    addPairing: async (community, pairing, now) => (await addPairings(community, [pairing], now))[0]!,
    addPairings,
    pairing: async (community, id) =>
      (await pairings((q) => q.where('community', '=', community).where('id', '=', id)))[0],
    roundPairings: (community, roundId) =>
      pairings((q) => q.where('community', '=', community).where('round_id', '=', roundId)),
    pairingsOf: (community, userId, limit) =>
      pairings(
        (q) =>
          q
            .where('community', '=', community)
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('match_pairing_members')
                .select('pairing_id')
                .where('community', '=', community)
                .where('user_id', '=', userId),
            )
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(limit),
        'newest',
      ),
    markResponded: (community, pairingId, userId, now) => answer(community, pairingId, userId, {}, now),
    recordMet: (community, pairingId, userId, met, now) => answer(community, pairingId, userId, { met }, now),
    recordCollaborating: (community, pairingId, userId, yes, now) =>
      answer(community, pairingId, userId, { collaborating: toFlag(yes) }, now),
    dueFollowUps: (community, createdBefore, limit) =>
      pairings(
        (q) =>
          q
            .where('community', '=', community)
            .where('follow_up_at', 'is', null)
            .where('created_at', '<=', toMs(createdBefore))
            .orderBy('created_at')
            .orderBy('id')
            .limit(limit),
        'oldest',
      ),
    async markFollowUpSent(community, pairingId, now) {
      await db
        .updateTable('match_pairings')
        .set({ follow_up_at: toMs(now) })
        .where('community', '=', community)
        .where('id', '=', pairingId)
        .execute();
    },
    async outcomes(community, since) {
      const from = toMs(since);
      const r = await db
        .selectFrom('match_pairing_members as pm')
        .innerJoin('match_pairings as p', 'p.id', 'pm.pairing_id')
        .select((eb) => [
          eb
            .selectFrom('match_pairings')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('community', '=', community)
            .where('created_at', '>=', from)
            .as('pairings'),
          sql<number>`count(DISTINCT CASE WHEN pm.met = 'yes' THEN pm.pairing_id END)`.as('met'),
          sql<number>`count(DISTINCT CASE WHEN pm.collaborating = 1 THEN pm.pairing_id END)`.as('collaborating'),
        ])
        .where('pm.community', '=', community)
        .where('p.created_at', '>=', from)
        .executeTakeFirstOrThrow();
      return { pairings: Number(r.pairings ?? 0), met: Number(r.met), collaborating: Number(r.collaborating) };
    },
  };
}
