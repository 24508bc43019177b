/**
 * "You might want to meet": members still here whose skills complement a member's — they offer what the member
 * looks for, or look for what the member offers. A two-way fit ranks first, then the number of shared skills, then
 * recent activity. Deliberately simple; the matcher (matching feature) owns the finer weekly scoring.
 */
import type { CommunityId } from '#core/ids.ts';
import type { ProfilesStore, SkillOverlap } from './store.ts';

/** A member worth meeting, with the skills that make it so. */
export interface Neighbour {
  readonly userId: string;
  /** Canonical skills they offer that the member looks for. */
  readonly offers: readonly string[];
  /** Canonical skills they look for that the member offers. */
  readonly needs: readonly string[];
}

/** Skills shown per reason, so a card line stays a line. */
const SKILLS_PER_REASON = 3;
/** Overlap rows read: enough for a community of hundreds, bounded for thousands. */
const OVERLAP_ROWS = 500;

/** Groups overlap rows (most recently active first) and ranks the members. Pure. */
export function rankNeighbours(overlaps: readonly SkillOverlap[], limit = 3): Neighbour[] {
  const byMember = new Map<string, { offers: string[]; needs: string[]; order: number }>();
  for (const row of overlaps) {
    let entry = byMember.get(row.userId);
    if (!entry) {
      entry = { offers: [], needs: [], order: byMember.size };
      byMember.set(row.userId, entry);
    }
    (row.kind === 'offer' ? entry.offers : entry.needs).push(row.skill);
  }
  const score = (e: { offers: string[]; needs: string[] }) =>
    (e.offers.length && e.needs.length ? 1000 : 0) + e.offers.length + e.needs.length;
  return [...byMember.entries()]
    .sort(([, a], [, b]) => score(b) - score(a) || a.order - b.order)
    .slice(0, limit)
    .map(([userId, e]) => ({
      userId,
      offers: e.offers.slice(0, SKILLS_PER_REASON),
      needs: e.needs.slice(0, SKILLS_PER_REASON),
    }));
}

/** Ranked candidates read past `limit`, so that a few avoided members still leave a full list. */
const SPARE = 20;

/**
 * Up to `limit` neighbours of a member in their community: never someone on either's avoid list (checked now, as the
 * card is drawn: a card is an introduction).
 */
export async function findNeighbours(
  repo: ProfilesStore,
  community: CommunityId,
  userId: string,
  limit = 3,
): Promise<Neighbour[]> {
  const ranked = rankNeighbours(await repo.complements(community, userId, OVERLAP_ROWS), limit + SPARE);
  const avoided = new Set(
    await repo.avoidedAmong(
      community,
      userId,
      ranked.map((n) => n.userId),
    ),
  );
  return ranked.filter((n) => !avoided.has(n.userId)).slice(0, limit);
}
