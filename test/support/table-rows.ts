/**
 * Every row a feature keeps for a community, read from its tables directly: what forget-me and refusal tests compare.
 * The export is not that window any more: it holds only what may leave (test/hardening/export-privacy.test.ts).
 */
import type { Storage } from '#core/ports/storage.ts';
import { dbOf } from '../../data/db/executor.ts';
import type { DB } from '../../data/db/schema.ts';

export const PRESENCE_TABLES = ['presence_checkins', 'presence_prefs', 'presence_coffees', 'presence_days'] as const;
export const MENTORSHIP_TABLES = [
  'mentor_offers',
  'mentor_skills',
  'mentor_requests',
  'mentor_asks',
  'mentorships',
  'mentor_check_ins',
  'mentor_closings',
] as const;

/** The rows of `tables` for `community`, whole and in a stable order, by table name. */
export async function tableRows(
  storage: Storage,
  tables: readonly (keyof DB)[],
  community: string,
): Promise<Record<string, Record<string, unknown>[]>> {
  return await storage.transaction(async (tx) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const table of tables) {
      const rows = (await dbOf(tx)
        .selectFrom(table as 'presence_days')
        .selectAll()
        .where('community', '=', community)
        .execute()) as Record<string, unknown>[];
      out[table] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return out;
  });
}
