/**
 * Who may appear in public lists (the digest, "you might want to meet" on intro cards, `/skills find`, `/match`
 * suggestions): members whose first introduction is not waiting for a manager's approval, nor refused. A member who
 * never introduced themselves stays listed (they chose to list skills); one whose published intro has a newer
 * version waiting stays listed too (the approved version is what others see). Members who left are excluded by
 * each query's join to `members`.
 */
import { type RawBuilder, sql } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { Db } from '../db/executor.ts';

/** The statuses of a first introduction that keep its member out of public lists. */
const HELD = ['pending_approval', 'rejected'] as const;

/** True when the member named by these columns (e.g. `s.community`, `s.user_id`) may be listed. Portable SQL. */
export function listed(communityColumn: string, userColumn: string): RawBuilder<boolean> {
  return sql<boolean>`not exists (select 1 from profiles held
    where held.community = ${sql.ref(communityColumn)} and held.user_id = ${sql.ref(userColumn)}
    and held.status in (${sql.join(HELD.map((s) => sql.lit(s)))}) and held.introduced_at is null)`;
}

/** The members of a community kept out of public lists (few: first intros waiting or refused). */
export async function unlistedMembers(db: Db, community: CommunityId): Promise<string[]> {
  const rows = await db
    .selectFrom('profiles')
    .select('user_id')
    .where('community', '=', community)
    .where('status', 'in', HELD)
    .where('introduced_at', 'is', null)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}
