/** The suggestions and data-rights part of the matching store: `/match` suggestions, forget a member, export. */
import { sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { MatchingStore, SuggestionRecord } from '../../commands/matching/store.ts';
import type { Db } from '../db/executor.ts';
import { toDate, toMs } from '../db/rows.ts';
import { forgetAvoids } from './matching-avoid.store.ts';

type RightsPart = Pick<
  MatchingStore,
  'addSuggestion' | 'addSuggestions' | 'suggestion' | 'decideSuggestion' | 'dismissedSince' | 'forget' | 'exportRows'
>;

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
    table: 'match_prefs' | 'match_pairing_members' | 'match_suggestions',
    community: CommunityId,
    userId: string,
    columns: readonly ('user_id' | 'suggested_id')[],
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
    async dismissedSince(community, userId, since) {
      const rows = await db
        .selectFrom('match_suggestions')
        .select('suggested_id')
        .distinct()
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .where('status', '=', 'dismissed')
        .where('decided_at', '>=', toMs(since))
        .orderBy('suggested_id')
        .execute();
      return rows.map((r) => r.suggested_id);
    },
    async forget(community, userId) {
      return {
        'matching preferences': await erase('match_prefs', community, userId, ['user_id']),
        'avoid list entries': await forgetAvoids(db, community, userId),
        'match answers': await erase('match_pairing_members', community, userId, ['user_id']),
        'match suggestions': await erase('match_suggestions', community, userId, ['user_id', 'suggested_id']),
      };
    },
    async exportRows(community) {
      // Who takes part and who was paired. Never the avoid lists (members were told only they see them), nor the
      // suggestions and their "Not now", nor one member's "Did you meet?" answers: those count per round only.
      const rounds = await db
        .selectFrom('match_rounds as r')
        .select(['r.id', 'r.period', 'r.created_at', 'r.members', 'r.total_score', 'r.repeats', 'r.left_out'])
        .select((eb) => {
          const answered = (column: 'pm.met' | 'pm.collaborating', value: 'yes' | 1) =>
            eb
              .selectFrom('match_pairing_members as pm')
              .innerJoin('match_pairings as p', (j) =>
                j.onRef('p.community', '=', 'pm.community').onRef('p.id', '=', 'pm.pairing_id'),
              )
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('p.round_id', '=', 'r.id')
              .where('pm.community', '=', community)
              .where(column, '=', value);
          return [
            answered('pm.met', 'yes').as('members_who_met'),
            answered('pm.collaborating', 1).as('members_collaborating'),
          ];
        })
        .where('r.community', '=', community)
        .orderBy('r.id')
        .execute();
      return {
        match_prefs: await db
          .selectFrom('match_prefs')
          .select(['user_id', 'opted_in', 'paused_at', 'paused_until'])
          .where('community', '=', community)
          .orderBy('user_id')
          .execute(),
        match_rounds: rounds.map((r) => ({
          ...r,
          members_who_met: Number(r.members_who_met),
          members_collaborating: Number(r.members_collaborating),
        })),
        match_pairings: await db
          .selectFrom('match_pairings')
          .select(['id', 'round_id', 'kind', 'created_at'])
          .where('community', '=', community)
          .orderBy('id')
          .execute(),
        match_pairing_members: await db
          .selectFrom('match_pairing_members')
          .select(['pairing_id', 'user_id'])
          .where('community', '=', community)
          .orderBy('pairing_id')
          .orderBy('user_id')
          .execute(),
      };
    },
  };
}
