/** Skills of the vocabulary named inside free text ("feedback on my zine layout"), for features that route on them. */
import { exactSkill } from './vocabulary.ts';

/** Known skills named in `text`, in order: phrases of 3, 2, then 1 words, each word used once, duplicates dropped. */
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
  return [...new Set(found)];
}

function range(start: number, size: number): number[] {
  return Array.from({ length: size }, (_, k) => start + k);
}
