/**
 * The skill vocabulary every feature shares: free text → canonical skill ("photos", "photographer", "product
 * photography" → `photography`, the term kept), "did you mean" suggestions, related skills and labels. Unknown skills
 * are kept as a cleaned slug of what the member typed, never rejected.
 */
import { UserError } from '#core/errors.ts';
import { buildFuzzyIndex, fuzzySearch } from './fuzzy.ts';
import { capTokens, cleanTerm, coreTokens, lookupKey, singularKeys, tokenise } from './skill-text.ts';
import { taxonomy } from './taxonomy.ts';

/** A skill as stored (`member_skills.skill` / `.term`). */
export interface NormalisedSkill {
  /** Canonical slug for a known skill; a cleaned lower-case slug of the text otherwise; '' for text with no words. */
  readonly skill: string;
  /** The text as typed, cleaned (spaces collapsed, trimmed, ≤ 60 characters). */
  readonly term: string;
  /** Whether `skill` is in the taxonomy. */
  readonly known: boolean;
}

/** Default cap on the skills in one list (`/skills offer …`). */
export const MAX_SKILLS_PER_LIST = 20;
/**
 * The longest list of skills read (twenty skills of 60 characters and their commas fit, with room): longer is a
 * paste, refused before any parsing so that the work per list stays bounded whatever the platform lets through.
 */
export const MAX_SKILL_LIST_CHARS = 4_000;
/**
 * What one skill's text is read up to: past the 8 words and 80 characters that are kept, more text changes
 * nothing but the time spent (the clean-up's trailing trim is quadratic in a run of punctuation).
 */
const MAX_SKILL_TEXT_CHARS = 200;
const head = (text: string) => (text.length > MAX_SKILL_TEXT_CHARS ? text.slice(0, MAX_SKILL_TEXT_CHARS) : text);

function lookup(tokens: readonly string[], partial: boolean): string | undefined {
  const key = lookupKey(tokens);
  if (partial && taxonomy.exactOnly.has(key)) return undefined;
  const hit = taxonomy.aliases.get(key);
  if (hit !== undefined) return hit;
  for (const singular of singularKeys(key)) {
    if (partial && taxonomy.exactOnly.has(singular)) continue;
    const found = taxonomy.aliases.get(singular);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The skill named inside a phrase: the longest match ending at the last word (the head noun), else anywhere. */
function findInPhrase(tokens: readonly string[]): string | undefined {
  const n = tokens.length;
  for (let len = n; len >= 1; len--) {
    const hit = lookup(tokens.slice(n - len), len < n);
    if (hit !== undefined) return hit;
  }
  for (let len = n - 1; len >= 1; len--) {
    for (let start = n - len - 1; start >= 0; start--) {
      const hit = lookup(tokens.slice(start, start + len), true);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

/** The known skill the whole text names exactly (an alias, label or slug), if any. */
export function exactSkill(text: string): string | undefined {
  const tokens = capTokens(tokenise(head(text)));
  return tokens.length > 0 ? lookup(tokens, false) : undefined;
}

/** Normalises one skill as typed. Never throws; idempotent on `skill`. */
export function normaliseSkill(whole: string): NormalisedSkill {
  const text = head(whole);
  const term = cleanTerm(text);
  const tokens = capTokens(tokenise(text));
  if (tokens.length === 0) return { skill: '', term, known: false };
  const exact = lookup(tokens, false);
  if (exact !== undefined) return { skill: exact, term, known: true };
  const core = coreTokens(tokens);
  const found = findInPhrase(core);
  if (found !== undefined) return { skill: found, term, known: true };
  return { skill: core.join('-'), term, known: false };
}

/** Whether the skill is in the taxonomy. */
export function isKnownSkill(skill: string): boolean {
  return taxonomy.skills.has(skill);
}

/** How a skill reads mid-sentence: the taxonomy label, or the slug's words for an unknown skill. */
export function skillLabel(skill: string): string {
  return taxonomy.skills.get(skill)?.label ?? skill.replaceAll('-', ' ');
}

/**
 * The words to show for a member's skill: their own term when it says more than the label ("product photography"),
 * the label when the term was just another name for it ("photos").
 */
export function displaySkill(skill: string, term: string | undefined): string {
  if (!term || !isKnownSkill(skill) || exactSkill(term) === skill) return skillLabel(skill);
  return term;
}

/** Close skills (listed either way in the taxonomy), then the broader skill it belongs to. [] when unknown. */
export function relatedSkills(skill: string): string[] {
  const entry = taxonomy.skills.get(skill);
  if (!entry) return [];
  return entry.parent !== undefined && !entry.related.includes(entry.parent)
    ? [...entry.related, entry.parent]
    : [...entry.related];
}

const relatedSets = new Map<string, ReadonlySet<string>>(
  [...taxonomy.skills.keys()].map((skill) => [skill, new Set(relatedSkills(skill))]),
);

/** Whether `b` is among `relatedSkills(a)` (a set lookup, for scoring loops). */
export function areRelated(a: string, b: string): boolean {
  return relatedSets.get(a)?.has(b) ?? false;
}

/** The broad skill this one specialises (`layout-design` → `design`), if any. */
export function broaderSkill(skill: string): string | undefined {
  return taxonomy.skills.get(skill)?.parent;
}

/** The specialisations of a broad skill (`design` → `graphic-design`, `layout-design`, …). */
export function narrowerSkills(skill: string): readonly string[] {
  return taxonomy.skills.get(skill)?.children ?? [];
}

/** Every canonical skill slug, in taxonomy order. */
export function allSkills(): string[] {
  return [...taxonomy.skills.keys()];
}

const aliasKeys = [...taxonomy.aliases.keys()];
const fuzzyIndex = buildFuzzyIndex(aliasKeys);

/** Canonical skills the text may have meant ("photgraphy" → `photography`), best first, distinct. */
export function suggestSkills(whole: string, limit = 3): string[] {
  const text = head(whole);
  const tokens = capTokens(tokenise(text));
  if (tokens.length === 0 || limit <= 0) return [];
  const out: string[] = [];
  const known = normaliseSkill(text);
  if (known.known) out.push(known.skill);
  for (const hit of fuzzySearch(fuzzyIndex, lookupKey(coreTokens(tokens)), limit)) {
    const skill = taxonomy.aliases.get(hit.key);
    if (skill !== undefined && !out.includes(skill)) out.push(skill);
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/**
 * Parses "photography, layout design and video; logos" into normalised skills: split on commas, semicolons, new
 * lines, " and ", " & " and " + " (unless the whole piece is a known skill, like "hair and makeup"), empty pieces
 * dropped, deduplicated by skill (first wins), at most `max`. Text over MAX_SKILL_LIST_CHARS is refused (`too_long`, naming the
 * form field `label` if given).
 */
export function parseSkillList(text: string, max = MAX_SKILLS_PER_LIST, label?: string): NormalisedSkill[] {
  if (text.length > MAX_SKILL_LIST_CHARS) {
    throw new UserError(
      'too_long',
      `${label ? `“${label}”` : 'That list of skills'} is far too long ` +
        `(${MAX_SKILL_LIST_CHARS.toLocaleString('en')} characters at most): list up to ${MAX_SKILLS_PER_LIST} ` +
        'skills, separated by commas.',
    );
  }
  const out: NormalisedSkill[] = [];
  const seen = new Set<string>();
  for (const piece of text.split(/[,;\n\r•·]+/)) {
    const parts = exactSkill(piece) !== undefined ? [piece] : piece.split(/\s+(?:and|&|\+)\s+/i);
    for (const part of parts) {
      const skill = normaliseSkill(part);
      if (skill.skill === '' || seen.has(skill.skill)) continue;
      seen.add(skill.skill);
      out.push(skill);
      if (out.length >= max) return out;
    }
  }
  return out;
}
