/**
 * Who among the members in now complements a member: matching's own score (`scorePair`, the same complementarity
 * as `/match`) and its explanation, on their profile skills. The few members in the space at once are scored
 * directly; avoid lists (either way) are honoured.
 */
import { explainMatch, type MatchProfile, type MatchScore, scorePair, skillAreas } from '../matching/index.ts';
import { fmt } from '#core/text.ts';
import type { PresenceScope } from './kit.ts';
import type { SkillProfile } from './store.ts';

export interface Complement {
  readonly userId: string;
  readonly score: MatchScore;
}

function asMatchProfile(profile: SkillProfile): MatchProfile {
  const base = { userId: profile.userId, offers: profile.offers, needs: profile.needs };
  return { ...base, interests: skillAreas(base) };
}

/** Those of `others` who complement `userId` (my needs meet their offers or the other way), best first. */
export async function complementsOf(
  scope: PresenceScope,
  userId: string,
  others: readonly string[],
): Promise<Complement[]> {
  const { store, community } = scope;
  const candidates = others.filter((o) => o !== userId);
  if (candidates.length === 0) return [];
  const profiles = new Map((await store.profiles(community.id, [userId, ...candidates])).map((p) => [p.userId, p]));
  const mine = profiles.get(userId);
  if (!mine) return [];
  const avoided = new Set(await store.avoidsEither(community.id, userId));
  const found: Complement[] = [];
  for (const other of candidates) {
    const theirs = profiles.get(other);
    if (!theirs || avoided.has(other)) continue;
    const score = scorePair(asMatchProfile(mine), asMatchProfile(theirs));
    if (score.complementarity > 0) found.push({ userId: other, score });
  }
  return found.sort((a, b) => b.score.total - a.score.total || a.userId.localeCompare(b.userId));
}

/** Why `other` is worth meeting, for the reader: "Lucas offers photography, which you need." */
export function reasonFor(complement: Complement): string {
  return explainMatch(complement.score.parts, fmt.user(complement.userId));
}

/** The reason from the other side: how the reader (`userId`) looks to `complement.userId`. */
export async function reasonToward(scope: PresenceScope, from: string, to: string): Promise<string | undefined> {
  const [found] = await complementsOf(scope, to, [from]);
  return found ? reasonFor(found) : undefined;
}
