/** The suggestions and data-rights part of the matching store: `/match` suggestions, forget a member, export. */
import { sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { MatchingStore, SuggestionRecord } from '../../commands/matching/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';

type RightsPart = Pick<
  MatchingStore,
  'addSuggestion' | 'addSuggestions' | 'suggestion' | 'decideSuggestion' | 'forget' | 'exportRows'
>;

/** The tables a community's export holds whole, each in a stable order (its key). */
const EXPORTED = {
  match_prefs: ['user_id'],
  match_avoid: ['user_id', 'avoid_user_id'],
  match_rounds: ['id'],
  match_pairings: ['id'],
  match_pairing_members: ['pairing_id', 'user_id'],
  match_suggestions: ['id'],
} as const;

export function matchingRightsPart(db: Db): RightsPart {
  const addSuggestions: RightsPart['addSuggestions'] = async (community, userId, suggestions, now) => {
    if (suggestions.length === 0) return [];
    const rows = await db
      .insertInto('match_suggestions')
      .values(
        suggestions.map((s) => ({
          community,
          user_id: userId,
          suggested_id: s.suggestedId,
          score: s.score,
          created_at: toMs(now),
        })),
      )
      .returning('id')
      .execute();
    // RETURNING promises no order, but one insert hands out increasing ids in the order of its rows.
    return rows.map((r) => r.id).sort((a, b) => a - b);
  };

  /** Deletes the community's rows of `table` where any of `columns` names the member. */
  async function erase(
    table: 'match_prefs' | 'match_avoid' | 'match_pairing_members' | 'match_suggestions',
    community: CommunityId,
    userId: string,
    columns: readonly ('user_id' | 'avoid_user_id' | 'suggested_id')[],
  ): Promise<number> {
    const result = await db
      .deleteFrom(table)
      .where('community', '=', community)
      .where((eb) => eb.or(columns.map((column) => eb(sql.ref(column), '=', userId))))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    addSuggestion: async (community, userId, suggestedId, score, now) =>
      (await addSuggestions(community, userId, [{ suggestedId, score }], now))[0]!,
    addSuggestions,
    async suggestion(community, id): Promise<SuggestionRecord | undefined> {
      const r = await db
        .selectFrom('match_suggestions')
        .select(['id', 'user_id', 'suggested_id', 'score', 'status', 'created_at'])
        .where('community', '=', community)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        userId: r.user_id,
        suggestedId: r.suggested_id,
        score: r.score,
        status: r.status,
        createdAt: toDate(r.created_at),
      };
    },
    async decideSuggestion(community, id, status, now) {
      await db
        .updateTable('match_suggestions')
        .set({ status, decided_at: toMs(now) })
        .where('community', '=', community)
        .where('id', '=', id)
        .execute();
    },
    async forget(community, userId) {
      return {
        'matching preferences': await erase('match_prefs', community, userId, ['user_id']),
        'avoid list entries': await erase('match_avoid', community, userId, ['user_id', 'avoid_user_id']),
        'match answers': await erase('match_pairing_members', community, userId, ['user_id']),
        'match suggestions': await erase('match_suggestions', community, userId, ['user_id', 'suggested_id']),
      };
    },
    async exportRows(community) {
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const [table, order] of Object.entries(EXPORTED) as [keyof typeof EXPORTED, readonly string[]][]) {
        let query = db.selectFrom(table).selectAll().where('community', '=', community);
        for (const column of order) query = query.orderBy(sql.ref(column));
        out[table] = await query.execute();
      }
      return out;
    },
  };
}
