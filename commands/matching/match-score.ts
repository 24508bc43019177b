/**
 * How well two members complement each other. Pure: profiles in, a score with its reasons out. The score counts
 * what each can give the other (my needs met by your offers, and yours by mine), rewards a two-way match over two
 * one-way ones, gives partial credit for close skills, a small bonus for shared interests, and discounts pairs who
 * met recently. Every number comes with the links that produced it, so it can always be explained.
 */
import { CREDIT, offersMeeting, type Via } from './affinity.ts';
import { broaderSkill } from '../skills/index.ts';

export { CREDIT, skillAffinity, type Via } from './affinity.ts';

/** A skill of a member: canonical slug plus the term they typed. */
export interface SkillRef {
  readonly skill: string;
  readonly term?: string;
}

/** What scoring needs to know about a member. */
export interface MatchProfile {
  readonly userId: string;
  readonly offers: readonly SkillRef[];
  readonly needs: readonly SkillRef[];
  /** Broad areas they work in or care about (skill slugs or free words). */
  readonly interests?: readonly string[];
  readonly lastActiveAt?: Date;
}

/** Extra weight on the smaller side of a two-way match: 1 + 1 two-way (3) beats 2 + 0 one-way (2). */
export const TWO_WAY_BONUS = 1;
/** Needs counted per direction: a member listing twenty needs does not outweigh a focused one. */
export const MAX_LINKS = 3;
export const INTEREST_BONUS = 0.1;
export const MAX_INTEREST_BONUS = 0.3;

/** One of `need`'s owner's needs met by one of `offer`'s owner's offers. */
export interface SkillLink {
  readonly need: SkillRef;
  readonly offer: SkillRef;
  readonly via: Via;
  readonly credit: number;
}

/** The parts of a score, from the point of view of member `a` looking at member `b`. */
export interface ScoreParts {
  /** b's offers meeting a's needs. */
  readonly theyGive: readonly SkillLink[];
  /** a's offers meeting b's needs. */
  readonly youGive: readonly SkillLink[];
  readonly sharedInterests: readonly string[];
  /** Weeks since a and b were last paired or introduced, if ever. */
  readonly weeksSinceMet?: number;
}

export interface MatchScore {
  /** Symmetric: complementarity and interests, discounted for a recent meeting. Used to pair rounds. */
  readonly total: number;
  /** The two-way skill part alone. */
  readonly complementarity: number;
  readonly parts: ScoreParts;
}

/** The best offer for each need, strongest first, at most MAX_LINKS. */
export function skillLinks(needs: readonly SkillRef[], offers: readonly SkillRef[]): SkillLink[] {
  const links: SkillLink[] = [];
  for (const need of needs) {
    let best: SkillLink | undefined;
    const meeting = offersMeeting(need.skill);
    for (const offer of offers) {
      const via = meeting.get(offer.skill);
      if (via !== undefined && (best === undefined || CREDIT[via] > best.credit)) {
        best = { need, offer, via, credit: CREDIT[via] };
      }
    }
    if (best) links.push(best);
  }
  return links.sort((x, y) => y.credit - x.credit).slice(0, MAX_LINKS);
}

const sum = (links: readonly SkillLink[]) => links.reduce((acc, l) => acc + l.credit, 0);

/** Complementarity of two directions: both sides count, and the smaller side counts again. */
export function complementarity(get: number, give: number): number {
  return get + give + TWO_WAY_BONUS * Math.min(get, give);
}

/** Share of the score kept for a pair who met `weeks` ago: 0.2 right after, back to ~0.9 after half a year. */
export function metFactor(weeks: number | undefined): number {
  if (weeks === undefined) return 1;
  return 1 - 0.8 * Math.exp(-Math.max(0, weeks) / 12);
}

/** 1 for a member active in the last two weeks, falling to 0.25 after four months without activity. */
export function activity(lastActiveAt: Date | undefined, now: Date): number {
  return activityAt(lastActiveAt?.getTime() ?? Number.NaN, now.getTime());
}

/** `activity` on epoch milliseconds (NaN: never active). */
export function activityAt(lastActiveMs: number, nowMs: number): number {
  if (Number.isNaN(lastActiveMs)) return 0.25;
  const days = (nowMs - lastActiveMs) / 86_400_000;
  if (days <= 14) return 1;
  return Math.max(0.25, 1 - (0.75 * (days - 14)) / 106);
}

/** The score of `b` for `a`. Symmetric in total (`score(a, b).total === score(b, a).total`). */
export function scorePair(a: MatchProfile, b: MatchProfile, weeksSinceMet?: number): MatchScore {
  const theyGive = skillLinks(a.needs, b.offers);
  const youGive = skillLinks(b.needs, a.offers);
  const mine = new Set(a.interests ?? []);
  const sharedInterests = [...new Set(b.interests ?? [])].filter((i) => mine.has(i)).sort();
  const comp = complementarity(sum(theyGive), sum(youGive));
  const bonus = Math.min(MAX_INTEREST_BONUS, INTEREST_BONUS * sharedInterests.length);
  const total = (comp + bonus) * metFactor(weeksSinceMet);
  return { total, complementarity: comp, parts: { theyGive, youGive, sharedInterests, weeksSinceMet } };
}

/** How a member ranks a candidate among suggestions: the pair total, active members first (`activity`). */
export function rankOf(total: number, activityShare: number): number {
  return total * (0.6 + 0.4 * activityShare);
}

/** Broad areas of a member's skills, the default interests when the profile names none. */
export function skillAreas(profile: Pick<MatchProfile, 'offers' | 'needs'>): string[] {
  const areas = new Set<string>();
  for (const s of [...profile.offers, ...profile.needs]) areas.add(broaderSkill(s.skill) ?? s.skill);
  return [...areas].sort();
}
