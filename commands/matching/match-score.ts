/**
 * The scoring rule, written once (commands/matching/README.md, "Score"): how well two members complement each
 * other. Each need takes its best offer (credits by kind: `affinity.ts`); at most three needs count per side; both
 * sides count and the smaller counts again, so a two-way match beats a one-way one; shared areas add a little; a pair
 * who met recently keeps only part of it. `PairScorer` (`slot-score.ts`) applies it to the index's integers, for the
 * candidate loops and for the few pairs explained; `/match` also ranks by activity (`rankOf`).
 */
import type { Via } from './affinity.ts';

/** A skill of a member: canonical slug plus the term they typed. */
export interface SkillRef {
  readonly skill: string;
  readonly term?: string;
}

/** Extra weight on the smaller side of a two-way match: 1 + 1 two-way (3) beats 2 + 0 one-way (2). */
const TWO_WAY_BONUS = 1;
/** Needs counted per direction: a member listing twenty needs does not outweigh a focused one. */
export const MAX_LINKS = 3;
/** Per shared area, up to `MAX_INTEREST_BONUS`. */
const INTEREST_BONUS = 0.1;
const MAX_INTEREST_BONUS = 0.3;

/** One of `need`'s owner's needs met by one of `offer`'s owner's offers. */
export interface SkillLink {
  readonly need: SkillRef;
  readonly offer: SkillRef;
  readonly via: Via;
  readonly credit: number;
}

/** The parts of a score, from the point of view of member `a` looking at member `b`: what explanations say. */
export interface ScoreParts {
  /** b's offers meeting a's needs: each need's best offer, strongest first, at most MAX_LINKS. */
  readonly theyGive: readonly SkillLink[];
  /** a's offers meeting b's needs. */
  readonly youGive: readonly SkillLink[];
  /** Broad areas both work in. */
  readonly sharedInterests: readonly string[];
  /** Weeks since a and b were last paired or introduced, if ever. */
  readonly weeksSinceMet?: number;
}

export interface MatchScore {
  /** Symmetric: complementarity and shared areas, discounted for a recent meeting. Weighs a round's pairs. */
  readonly total: number;
  /** The two-way skill part alone. */
  readonly complementarity: number;
  readonly parts: ScoreParts;
}

/**
 * One side's credit: the MAX_LINKS strongest of its needs' best offers, added strongest first. `counts[c]` of the
 * needs are best met with credit `credits[c]`; credits rise with `c`, and `c = 0` (not met) never counts.
 */
export function sideCredit(credits: readonly number[], counts: ArrayLike<number>): number {
  let sum = 0;
  let left = MAX_LINKS;
  for (let c = credits.length - 1; c > 0 && left > 0; c--) {
    for (let n = counts[c]!; n > 0 && left > 0; n--, left--) sum += credits[c]!;
  }
  return sum;
}

/** Complementarity of two sides: both count, and the smaller side counts again. */
export function complementarity(get: number, give: number): number {
  return get + give + TWO_WAY_BONUS * Math.min(get, give);
}

/** The pair's total: complementarity plus the shared-areas bonus, times the share kept after a meeting. */
export function pairTotal(complement: number, sharedAreas: number, factor: number): number {
  return (complement + Math.min(MAX_INTEREST_BONUS, INTEREST_BONUS * sharedAreas)) * factor;
}

/** Share of the score kept for a pair who met `weeks` ago: 0.2 right after, back to ~0.9 after half a year. */
export function metFactor(weeks: number | undefined): number {
  if (weeks === undefined) return 1;
  return 1 - 0.8 * Math.exp(-Math.max(0, weeks) / 12);
}

/** 1 for a member active in the last two weeks, falling to 0.25 after four months without activity (NaN: never). */
export function activityAt(lastActiveMs: number, nowMs: number): number {
  if (Number.isNaN(lastActiveMs)) return 0.25;
  const days = (nowMs - lastActiveMs) / 86_400_000;
  if (days <= 14) return 1;
  return Math.max(0.25, 1 - (0.75 * (days - 14)) / 106);
}

/** How a member ranks a candidate among suggestions: the pair total, active members first (`activityAt`). */
export function rankOf(total: number, activityShare: number): number {
  return total * (0.6 + 0.4 * activityShare);
}
