/**
 * Text handling for skills: how free text becomes words, and which words carry the skill. Every function here is a
 * pure function of the token list, which is what makes `normaliseSkill` idempotent: a canonical slug tokenises back
 * to the very tokens it was built from.
 */

/** Caps keep lookups bounded whatever a member pastes. */
export const MAX_TOKENS = 8;
export const MAX_TOKEN_CHARS = 40;
export const MAX_SLUG_CHARS = 80;
/** The term (as typed) is shown in explanations: keep it short. */
export const MAX_TERM_CHARS = 60;

const TOKEN = /[\p{L}\p{M}\p{N}+#]+/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Words that say nothing about the skill itself ("design work", "some help with photos"). */
const FILLERS = new Set([
  'a',
  'an',
  'the',
  'my',
  'our',
  'your',
  'some',
  'any',
  'work',
  'services',
  'service',
  'skills',
  'skill',
  'stuff',
  'things',
  'help',
  'freelance',
  'professional',
  'expert',
  'experienced',
  'basic',
  'advanced',
  'good',
  'great',
  'someone',
  'somebody',
  'who',
  'can',
  'need',
  'needs',
  'want',
  'looking',
  'general',
  'etc',
  'i',
  'me',
]);

/** A phrase is cut at its first preposition: "photos for my website" is about photos. */
const PREPOSITIONS = new Set(['for', 'with', 'on', 'at', 'to', 'in', 'from', 'about', 'using', 'via', 'by']);

/** Lower-case words of the text: letters, marks, digits, `+` and `#` (for `c++`, `c#`); apostrophes dropped. */
export function tokenise(text: string): string[] {
  const lowered = text.normalize('NFKC').toLowerCase().normalize('NFKC').replace(/['’`]/g, '');
  return (lowered.match(TOKEN) ?? []).filter((t) => HAS_WORD.test(t));
}

/** Applies the caps: at most MAX_TOKENS words, each at most MAX_TOKEN_CHARS, joined at most MAX_SLUG_CHARS. */
export function capTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let length = -1;
  for (const token of tokens.slice(0, MAX_TOKENS)) {
    const cut = Array.from(token).slice(0, MAX_TOKEN_CHARS).join('');
    if (length + 1 + cut.length > MAX_SLUG_CHARS) break;
    out.push(cut);
    length += 1 + cut.length;
  }
  return out;
}

/** The words that carry the skill: fillers dropped, then the first stretch between prepositions. */
export function coreTokens(tokens: readonly string[]): string[] {
  const kept = tokens.filter((t) => !FILLERS.has(t));
  const segment: string[] = [];
  for (const token of kept) {
    if (PREPOSITIONS.has(token)) {
      if (segment.length > 0) break;
      continue;
    }
    segment.push(token);
  }
  return segment.length > 0 ? segment : [...tokens];
}

/** The lookup key of some words: joined by spaces, accents folded ("café" finds "cafe"). */
export function lookupKey(tokens: readonly string[]): string {
  return tokens.join(' ').normalize('NFD').replace(/\p{M}/gu, '');
}

/** Singular guesses for the last word of a key, most likely first ("stories" → "story", "sketches" → "sketch"). */
export function singularKeys(key: string): string[] {
  const out: string[] = [];
  if (key.length > 4 && key.endsWith('ies')) out.push(key.slice(0, -3) + 'y');
  if (key.length > 3 && key.endsWith('es')) out.push(key.slice(0, -2));
  if (key.length > 2 && key.endsWith('s') && !key.endsWith('ss')) out.push(key.slice(0, -1));
  return out;
}

/** The term as the member typed it: spaces collapsed, stray punctuation trimmed, length capped. Case is kept. */
export function cleanTerm(text: string): string {
  const collapsed = text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+/u, '')
    .replace(/[\s.,;:!?'"`()[\]{}<>*_~|\\/-]+$/u, '');
  return truncateChars(collapsed, MAX_TERM_CHARS).trim();
}

function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
