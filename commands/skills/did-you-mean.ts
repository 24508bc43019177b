/** "Did you mean": the same note wherever members type skills (`/skills`, the intro form, `/feedback request`). */
import { parseSkillList, skillLabel, suggestSkills } from './vocabulary.ts';

/** Notes for skills the vocabulary does not know (kept as typed), each with the nearest known ones; at most 3. */
export function didYouMean(unknown: readonly string[]): string[] {
  return unknown.slice(0, 3).flatMap((term) => {
    const near = suggestSkills(term, 3).map((s) => skillLabel(s));
    return near.length ? [`“${term}” is new to me (kept as you wrote it) — did you mean ${near.join(', ')}?`] : [];
  });
}

/** The terms of a typed list that the vocabulary does not know. */
export function unknownTerms(text: string): string[] {
  return parseSkillList(text, Number.MAX_SAFE_INTEGER)
    .filter((s) => !s.known && s.skill !== '')
    .map((s) => s.term);
}
