/**
 * How well a mentor fits a mentee's request. Pure. The skill comes first (the mentor mentors the very skill, a
 * specialisation, the broad skill or a close one: matching's affinity and credits), then shared context from both
 * profiles (matching's `scorePair`: areas they both work in, other skills of the mentor the mentee looks for).
 * `/mentor find`, the next-mentor suggestion and the mentor round all rank by this one weight.
 */
import {
  CREDIT,
  joinAnd,
  type MatchProfile,
  scorePair,
  skillAffinity,
  skillAreas,
  type Via,
} from '../matching/index.ts';
import { broaderSkill, displaySkill, skillLabel } from '../skills/index.ts';
import type { MentorOffer, MentorSkill, SkillProfile } from './store.ts';

/** Weight of the skill match (credit 1 → 100) against context (10 per shared area, at most 3; 5 for more help). */
const SKILL_POINTS = 100;
const AREA_POINTS = 10;
const MAX_AREAS = 3;
const MORE_HELP_POINTS = 5;

export interface Fit {
  readonly mentorId: string;
  /** The mentor's skill that meets the wanted one, and how. */
  readonly skill: MentorSkill;
  readonly via: Via;
  /** Areas both work in (skill slugs), from their profiles. */
  readonly shared: readonly string[];
  /** The mentor offers other skills the mentee's profile looks for. */
  readonly moreHelp: boolean;
  /** An integer: higher fits better. */
  readonly weight: number;
}

/** The mentor's skill that best meets `wanted`, or undefined when none does. */
export function bestSkill(
  skills: readonly MentorSkill[],
  wanted: string,
): { skill: MentorSkill; via: Via } | undefined {
  let best: { skill: MentorSkill; via: Via } | undefined;
  for (const skill of skills) {
    const via = skillAffinity(wanted, skill.skill);
    if (via !== undefined && (best === undefined || CREDIT[via] > CREDIT[best.via])) best = { skill, via };
  }
  return best;
}

/** The broad area of a skill, as matching's `skillAreas` counts it. */
const areaOf = (skill: string) => broaderSkill(skill) ?? skill;

function asMatchProfile(userId: string, profile: SkillProfile | undefined, extra: readonly MentorSkill[] = []) {
  const offers = [...(profile?.offers ?? []), ...extra];
  const needs = profile?.needs ?? [];
  const matchProfile: MatchProfile = { userId, offers, needs };
  return { ...matchProfile, interests: skillAreas(matchProfile) };
}

/** The fit of `offer` for a request of `wanted`, or undefined when the mentor mentors nothing close to it. */
export function fitOf(
  offer: Pick<MentorOffer, 'userId' | 'skills'>,
  wanted: string,
  mentee: { readonly userId: string; readonly profile?: SkillProfile },
  mentorProfile?: SkillProfile,
): Fit | undefined {
  const best = bestSkill(offer.skills, wanted);
  if (!best) return undefined;
  const score = scorePair(
    asMatchProfile(mentee.userId, mentee.profile),
    asMatchProfile(offer.userId, mentorProfile, offer.skills),
  );
  // The area of the skill itself is shared by definition: only other common ground says something.
  const own = new Set([areaOf(wanted), areaOf(best.skill.skill)]);
  const shared = score.parts.sharedInterests.filter((a) => !own.has(a)).slice(0, MAX_AREAS);
  const moreHelp = score.parts.theyGive.some((link) => link.offer.skill !== best.skill.skill);
  const weight =
    Math.round(SKILL_POINTS * CREDIT[best.via]) + AREA_POINTS * shared.length + (moreHelp ? MORE_HELP_POINTS : 0);
  return { mentorId: offer.userId, skill: best.skill, via: best.via, shared, moreHelp, weight };
}

const HOW: Record<Via, string> = {
  exact: '',
  narrower: ', the kind of',
  broader: ', which covers the',
  related: ', close to the',
};

/** "mentors video editing; you both work in film; 1 of 2 mentees so far": why this mentor, in one line. */
export function fitReason(fit: Fit, offer: Pick<MentorOffer, 'active' | 'capacity'>, wantedTerm: string): string {
  const theirs = displaySkill(fit.skill.skill, fit.skill.term);
  const parts = [fit.via === 'exact' ? `mentors ${theirs}` : `mentors ${theirs}${HOW[fit.via]} ${wantedTerm} you want`];
  if (fit.shared.length) parts.push(`you both work in ${joinAnd(fit.shared.map(skillLabel))}`);
  if (fit.moreHelp) parts.push('also offers other skills you look for');
  parts.push(`${offer.active} of ${offer.capacity} ${offer.capacity === 1 ? 'mentee' : 'mentees'} so far`);
  return parts.join('; ');
}

/** Best fit first, then fewest current mentees, fewest waiting requests, and user id (stable). */
export function byFit<T extends { fit: Fit; offer: Pick<MentorOffer, 'active' | 'pending' | 'userId'> }>(
  a: T,
  b: T,
): number {
  return (
    b.fit.weight - a.fit.weight ||
    a.offer.active - b.offer.active ||
    a.offer.pending - b.offer.pending ||
    a.offer.userId.localeCompare(b.offer.userId)
  );
}
