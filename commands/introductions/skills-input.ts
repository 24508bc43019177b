/**
 * Skills as members type them ("Photo, layout design; zines") → canonical skills through the shared vocabulary,
 * deduplicated and capped per list. The cap is not an error: the first skills are kept and the member is told.
 */
import type { SkillInput } from './store.ts';
import { sanitize } from '#core/text.ts';
import { displaySkill, parseSkillList } from '../skills/index.ts';
import { LIMITS } from './clean.ts';

/** A parsed skills list and what to tell the member about it. */
export interface ParsedSkills {
  readonly skills: readonly SkillInput[];
  /** Things the member should know (cut list, dropped long items), already phrased. */
  readonly notes: readonly string[];
  /** Kept skills the vocabulary does not know (stored as typed): worth a "did you mean". */
  readonly unknown: readonly string[];
}

/** Parses a skills list, keeping at most `room` skills (the list's free places). */
export function parseSkills(raw: string | undefined, label: string, room: number = LIMITS.skillsPerList): ParsedSkills {
  const text = sanitize(raw ?? '').trim();
  const notes: string[] = [];
  const seen = new Set<string>();
  const skills: (SkillInput & { known: boolean })[] = [];
  // No cap on the count inside the parse: the member is told how many they listed and how many were kept. A paste
  // too long to be a list is refused there, before any parsing work.
  for (const parsed of parseSkillList(text, Number.MAX_SAFE_INTEGER, label)) {
    if (parsed.skill === '' || seen.has(parsed.skill)) continue;
    seen.add(parsed.skill);
    skills.push({ skill: parsed.skill, term: parsed.term, known: parsed.known });
  }
  const kept = skills.slice(0, Math.max(0, room));
  if (kept.length < skills.length) {
    notes.push(
      `${label}: I kept the first ${kept.length} of the ${skills.length} skills you listed — ` +
        `${LIMITS.skillsPerList} per list is the most, so keep the ones that matter most.`,
    );
  }
  return {
    skills: kept.map(({ skill, term }) => ({ skill, term })),
    notes,
    unknown: kept.filter((s) => !s.known).map((s) => s.term),
  };
}

/** "photography, product photography" for showing a list: the label, or the member's own term when it says more. */
export function skillsText(skills: readonly { skill: string; term?: string }[]): string {
  return skills.map((s) => displaySkill(s.skill, s.term)).join(', ');
}
