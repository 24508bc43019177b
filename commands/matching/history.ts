/**
 * Who met whom, as lookups for scoring and pairing, and members as the scorer sees them. Read once per round or
 * per `/match`, then used in tight loops.
 */
import type { MatchMember, MetPair } from './store.ts';
import { type MatchProfile, skillAreas } from './match-score.ts';
import { pairKey } from './pairing-graph.ts';

const WEEK_MS = 7 * 86_400_000;

/** How far back history is read: long enough for the window and for "met long ago" discounts. */
export const HISTORY_WEEKS = 52;

export interface History {
  lastMet(a: string, b: string): Date | undefined;
  weeksSinceMet(a: string, b: string): number | undefined;
}

export function historyOf(pairs: readonly MetPair[], now: Date): History {
  const met = new Map<string, Date>();
  for (const p of pairs) {
    const key = pairKey(p.a, p.b);
    const known = met.get(key);
    if (!known || known < p.at) met.set(key, p.at);
  }
  const lastMet = (a: string, b: string) => met.get(pairKey(a, b));
  return {
    lastMet,
    weeksSinceMet(a, b) {
      const at = lastMet(a, b);
      return at === undefined ? undefined : Math.max(0, (now.getTime() - at.getTime()) / WEEK_MS);
    },
  };
}

/** Avoid rows (one member's wish) as a symmetric test: neither is ever matched with the other. */
export function avoidTest(pairs: readonly (readonly [string, string])[]): (a: string, b: string) => boolean {
  const set = new Set(pairs.map(([a, b]) => pairKey(a, b)));
  return (a, b) => set.has(pairKey(a, b));
}

/** A stored member as the scorer sees them; interests are the broad areas of their skills. */
export function toProfile(member: MatchMember): MatchProfile {
  return {
    userId: member.userId,
    offers: member.offers,
    needs: member.needs,
    interests: skillAreas(member),
    lastActiveAt: member.lastActiveAt,
  };
}

/** Start of the history window read for a round or a suggestion. */
export function historySince(now: Date): Date {
  return new Date(now.getTime() - HISTORY_WEEKS * WEEK_MS);
}
