/** Mentors with room for a skill, ranked for one mentee: `/mentor find`, the next-mentor suggestion, "Find another". */
import type { MentorScope } from './kit.ts';
import { byFit, type Fit, fitOf } from './fit.ts';
import type { MentorOffer } from './store.ts';

/** Mentors read per community: mentors are a small share of members; past this the first by id are considered. */
export const MAX_MENTORS = 2_000;

export interface Candidate {
  readonly offer: MentorOffer;
  readonly fit: Fit;
}

/** Taking new mentees: not paused, and fewer active mentorships than places. */
export function hasRoom(offer: MentorOffer): boolean {
  return !offer.paused && offer.active < offer.capacity;
}

/**
 * Mentors with room for `wanted`, best first, at most `limit`: never the mentee themself, anyone in `exclude`
 * (mentors already asked, the current mentor), or anyone the mentee avoids or is avoided by.
 */
export async function mentorsWithRoom(
  scope: MentorScope,
  menteeId: string,
  wanted: string,
  options: { readonly exclude?: Iterable<string>; readonly limit?: number } = {},
): Promise<Candidate[]> {
  const { store, community } = scope;
  const skip = new Set([menteeId, ...(options.exclude ?? []), ...(await store.avoidsEither(community.id, menteeId))]);
  const open = (await store.mentors(community.id, MAX_MENTORS)).filter((o) => hasRoom(o) && !skip.has(o.userId));
  const profiles = new Map(
    (await store.profiles(community.id, [menteeId, ...open.map((o) => o.userId)])).map((p) => [p.userId, p]),
  );
  const mentee = { userId: menteeId, profile: profiles.get(menteeId) };
  const found: Candidate[] = [];
  for (const offer of open) {
    const fit = fitOf(offer, wanted, mentee, profiles.get(offer.userId));
    if (fit) found.push({ offer, fit });
  }
  return found.sort(byFit).slice(0, options.limit ?? 5);
}
