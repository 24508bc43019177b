/** Which skills a feedback request wants, in the matching vocabulary's canonical form. */
import { exactSkill, parseSkillList, relatedSkills } from '../skills/index.ts';

/** A request names at most this many skills: enough to describe it, few enough to route on. */
export const MAX_SKILLS = 5;

/** "illustration, Layout design and zines" → canonical skills, duplicates dropped, at most MAX_SKILLS. */
export function parseSkills(text: string): string[] {
  return parseSkillList(text, MAX_SKILLS).map((s) => s.skill);
}

/** Skills of the vocabulary named in free text ("feedback on my zine layout"): phrases of 3, 2, then 1 words. */
export function skillsInText(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}+#'-]+/gu) ?? [];
  const found: string[] = [];
  const used = new Set<number>();
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      if (range(i, size).some((j) => used.has(j))) continue;
      // Exact names only: free text is full of words that merely contain a skill's name.
      const skill = exactSkill(words.slice(i, i + size).join(' '));
      if (skill === undefined) continue;
      found.push(skill);
      for (const j of range(i, size)) used.add(j);
    }
  }
  return unique(found);
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

function range(start: number, size: number): number[] {
  return Array.from({ length: size }, (_, k) => start + k);
}
