/** Which skills a feedback request wants, in the matching vocabulary's canonical form. */
import { parseSkillList, relatedSkills, skillsInText } from '../skills/index.ts';

// Moved to the shared skills module (mentorship routes on it too); kept here for this feature's callers.
export { skillsInText };

/** A request names at most this many skills: enough to describe it, few enough to route on. */
export const MAX_SKILLS = 5;

/** "illustration, Layout design and zines" → canonical skills, duplicates dropped, at most MAX_SKILLS. */
export function parseSkills(text: string): string[] {
  return parseSkillList(text, MAX_SKILLS).map((s) => s.skill);
}

/**
 * The skills of a request: the ones the member gave, else those named in what they wrote, then what their profile
 * says they look for, then what they offer themselves (peers in their own craft).
 */
export function requestSkills(
  given: string | undefined,
  about: string,
  profile: { readonly needs: readonly string[]; readonly offers: readonly string[] },
): string[] {
  if (given?.trim()) return parseSkills(given);
  return unique([...skillsInText(about), ...profile.needs, ...profile.offers]).slice(0, MAX_SKILLS);
}

/** Skills related to any of `skills` but not among them: the second circle of reviewers. */
export function relatedTo(skills: readonly string[]): string[] {
  const own = new Set(skills);
  return unique(skills.flatMap((s) => relatedSkills(s))).filter((s) => !own.has(s));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
