/**
 * Turns a score's parts into the sentence members read: "Lucas offers photography, which you need; you offer
 * layout design, which Lucas needs". `who` is rich text naming the other member (a mention token or a bold name);
 * skills are the member's own terms where they say more than the label.
 */
import type { ScoreParts, SkillLink } from './match-score.ts';
import { displaySkill, skillLabel } from '../skills/index.ts';

const show = (s: { skill: string; term?: string }) => displaySkill(s.skill, s.term);

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One direction: "<giver> offer(s) X, which <taker> need(s)", with close matches said as such. */
function direction(links: readonly SkillLink[], giver: string, offersVerb: string, taker: string, needsVerb: string) {
  const exact = links.filter((l) => l.via === 'exact');
  const clauses: string[] = [];
  if (exact.length > 0)
    clauses.push(`${giver} ${offersVerb} ${joinAnd(exact.map((l) => show(l.offer)))}, which ${taker} ${needsVerb}`);
  // One clause per offer: "writing, which Raj needs" already says it covers the scripts too.
  const said = new Set(exact.map((l) => l.offer.skill));
  for (const link of links.filter((l) => l.via !== 'exact')) {
    if (said.has(link.offer.skill)) continue;
    said.add(link.offer.skill);
    const need = show(link.need);
    const offer = show(link.offer);
    const what =
      link.via === 'narrower'
        ? `the kind of ${need} ${taker} ${needsVerb}`
        : link.via === 'broader'
          ? `which covers the ${need} ${taker} ${needsVerb}`
          : `close to the ${need} ${taker} ${needsVerb}`;
    clauses.push(`${giver} ${offersVerb} ${offer}, ${what}`);
  }
  return clauses;
}

/** "in graphic design and photography" style list of areas. */
function areasText(areas: readonly string[]): string {
  return joinAnd(areas.slice(0, 3).map((a) => skillLabel(a)));
}

/**
 * The reason `who` is a good match for the reader ("you"). Always returns a sentence, even for a pair with nothing
 * in common yet (weekly rounds pair everyone).
 */
export function explainMatch(parts: ScoreParts, who: string): string {
  const clauses = [
    ...direction(parts.theyGive, who, 'offers', 'you', 'need'),
    ...direction(parts.youGive, 'you', 'offer', who, 'needs'),
  ];
  if (clauses.length === 0 && parts.sharedInterests.length > 0) {
    clauses.push(`you both work in ${areasText(parts.sharedInterests)}`);
  }
  if (clauses.length === 0) clauses.push(`a chance to meet someone new in the community`);
  const sentence = clauses.join('; ');
  const met =
    parts.weeksSinceMet !== undefined
      ? ` (you last met ${parts.weeksSinceMet < 1 ? 'this week' : `${Math.round(parts.weeksSinceMet)} weeks ago`})`
      : '';
  return sentence.charAt(0).toUpperCase() + sentence.slice(1) + met + '.';
}

/** A short line about what a member does, for intros: "offers photography; needs design". */
export function describeMember(profile: {
  offers: readonly { skill: string; term?: string }[];
  needs: readonly { skill: string; term?: string }[];
}): string {
  const parts: string[] = [];
  if (profile.offers.length > 0) parts.push(`offers ${joinAnd(profile.offers.slice(0, 4).map(show))}`);
  if (profile.needs.length > 0) parts.push(`looking for ${joinAnd(profile.needs.slice(0, 3).map(show))}`);
  return parts.length > 0 ? parts.join('; ') : "hasn't listed skills yet";
}
