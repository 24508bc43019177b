/**
 * The scoring rule (`match-score.ts`) applied to two skill profiles, for features that rank people by the same
 * complementarity without the round's index (mentorship's fit, presence's "who is in that complements you"): each
 * need takes its best offer, at most MAX_LINKS per side, then `complementarity`, `pairTotal` and `metFactor`, the
 * very functions `PairScorer` uses. Only the bookkeeping differs: links with their terms, for the explanations.
 */
import { broaderSkill } from '../skills/index.ts';
import { CREDIT, offersMeeting } from './affinity.ts';
import {
  complementarity,
  MAX_LINKS,
  type MatchScore,
  metFactor,
  pairTotal,
  type SkillLink,
  type SkillRef,
} from './match-score.ts';

/** What scoring needs to know about a member. */
export interface MatchProfile {
  readonly userId: string;
  readonly offers: readonly SkillRef[];
  readonly needs: readonly SkillRef[];
  /** Broad areas they work in (skill slugs); default `skillAreas` of the profile. */
  readonly interests?: readonly string[];
}

/** The best offer for each need, strongest first, at most MAX_LINKS. */
function skillLinks(needs: readonly SkillRef[], offers: readonly SkillRef[]): SkillLink[] {
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

const credit = (links: readonly SkillLink[]) => links.reduce((acc, l) => acc + l.credit, 0);

/** The score of `b` for `a`, with its parts. Symmetric in total. */
export function scorePair(a: MatchProfile, b: MatchProfile, weeksSinceMet?: number): MatchScore {
  const theyGive = skillLinks(a.needs, b.offers);
  const youGive = skillLinks(b.needs, a.offers);
  const mine = new Set(a.interests ?? skillAreas(a));
  const sharedInterests = [...new Set(b.interests ?? skillAreas(b))].filter((i) => mine.has(i)).sort();
  const comp = complementarity(credit(theyGive), credit(youGive));
  const total = pairTotal(comp, sharedInterests.length, metFactor(weeksSinceMet));
  return { total, complementarity: comp, parts: { theyGive, youGive, sharedInterests, weeksSinceMet } };
}

/** Broad areas of a member's skills, the default interests when the profile names none. */
export function skillAreas(profile: Pick<MatchProfile, 'offers' | 'needs'>): string[] {
  const areas = new Set<string>();
  for (const s of [...profile.offers, ...profile.needs]) areas.add(broaderSkill(s.skill) ?? s.skill);
  return [...areas].sort();
}
