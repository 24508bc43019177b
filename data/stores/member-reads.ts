/**
 * Reads of other features' tables that mentorship and presence need, in one place: members' profile skills
 * (introductions' `member_skills`) and matching's avoid list, which those features honour too.
 */
import type { CommunityId } from '#core/ids.ts';
import type { Db } from '../db/executor.ts';

export interface ProfileSkills {
  readonly userId: string;
  readonly offers: { skill: string; term: string }[];
  readonly needs: { skill: string; term: string }[];
}

/** Profile skills of those of `userIds` still here who listed any, in the order of `userIds`. */
export async function profileSkills(
  db: Db,
  community: CommunityId,
  userIds: readonly string[],
): Promise<ProfileSkills[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('member_skills as s')
    .innerJoin('members as m', (j) =>
      j.onRef('m.community', '=', 's.community').onRef('m.user_id', '=', 's.user_id').on('m.left_at', 'is', null),
    )
    .select(['s.user_id', 's.kind', 's.skill', 's.term'])
    .where('s.community', '=', community)
    .where('s.user_id', 'in', ids)
    .orderBy('s.user_id')
    .orderBy('s.kind')
    .orderBy('s.added_at')
    .orderBy('s.skill')
    .execute();
  const byUser = new Map<string, ProfileSkills>();
  for (const r of rows) {
    let profile = byUser.get(r.user_id);
    if (!profile) {
      profile = { userId: r.user_id, offers: [], needs: [] };
      byUser.set(r.user_id, profile);
    }
    (r.kind === 'offer' ? profile.offers : profile.needs).push({ skill: r.skill, term: r.term });
  }
  return ids.flatMap((id) => byUser.get(id) ?? []);
}

/** Members `userId` avoids or is avoided by (`/match avoid`). */
export async function avoidsEither(db: Db, community: CommunityId, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('match_avoid')
    .select(['user_id', 'avoid_user_id'])
    .where('community', '=', community)
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('avoid_user_id', '=', userId)]))
    .execute();
  const others = rows.map((r) => (r.user_id === userId ? r.avoid_user_id : r.user_id));
  return [...new Set(others)].sort();
}

/** Every avoid pair of the community, as recorded (either direction). */
export async function avoidPairs(db: Db, community: CommunityId): Promise<[string, string][]> {
  const rows = await db
    .selectFrom('match_avoid')
    .select(['user_id', 'avoid_user_id'])
    .where('community', '=', community)
    .orderBy('user_id')
    .orderBy('avoid_user_id')
    .execute();
  return rows.map((r) => [r.user_id, r.avoid_user_id]);
}
