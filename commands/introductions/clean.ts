/**
 * Cleaning and checking what members type into the intro forms. Pure: every function takes text and returns the
 * clean value or throws a UserError whose message says what to fix. Markup and mass mentions (`<!channel>`,
 * `@everyone`) stay as literal text here: member text is data, and the renderers escape it for their platform.
 */
import { UserError } from '#core/errors.ts';
import { checkWebLink } from '#core/links.ts';
import { sanitize } from '#core/text.ts';
import { MAX_SKILLS_PER_LIST } from '../skills/index.ts';

/** Length caps, in characters (code points). The forms pass the same numbers to the platform. */
export const LIMITS = {
  role: 100,
  workingOn: 500,
  skillsText: 1500,
  links: 600,
  pronouns: 40,
  funFact: 300,
  answer: 500,
  /** Links per intro, and characters per link. */
  linkCount: 5,
  linkLength: 300,
  /** Skills per list (offer / need), the vocabulary's cap. */
  skillsPerList: MAX_SKILLS_PER_LIST,
} as const;

function length(text: string): number {
  return Array.from(text).length;
}

function checkLength(text: string, max: number, label: string): string {
  const n = length(text);
  if (n > max)
    throw new UserError('too_long', `“${label}” is ${n} characters long; the most is ${max}. Shorten it a little.`);
  return text;
}

function checkRequired(text: string, label: string, required: boolean): string {
  if (required && text === '') throw new UserError('invalid_input', `“${label}” can't be empty.`);
  return text;
}

/** One line: control characters dropped, any run of whitespace (newlines too) becomes one space. */
export function cleanLine(raw: string | undefined, max: number, label: string, required = false): string {
  const text = sanitize(raw ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return checkLength(checkRequired(text, label, required), max, label);
}

/** A paragraph: lines kept, trailing spaces dropped, at most one blank line in a row. */
export function cleanParagraph(raw: string | undefined, max: number, label: string, required = false): string {
  const text = sanitize(raw ?? '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return checkLength(checkRequired(text, label, required), max, label);
}

/** An optional answer: undefined when empty. */
export function optional(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/** The raw Links answer read at most: four times the limit (blank lines and spaces are collapsed before the count). */
const LINKS_RAW_MAX = 4 * LIMITS.links;

/**
 * Links separated by spaces, commas or new lines. Each must be an http(s) web address; anything else (a bare
 * word, `javascript:`, `ftp://`) is refused with the offending link quoted. Duplicates are dropped.
 */
export function parseLinks(raw: string | undefined, label = 'Links'): string[] {
  // Refused before cleaning when even generous white space could not bring it under the limit: the work stays bounded.
  if ((raw?.length ?? 0) > LINKS_RAW_MAX) checkLength(raw ?? '', LIMITS.links, label);
  const text = checkLength(cleanParagraph(raw, Number.MAX_SAFE_INTEGER, label), LIMITS.links, label);
  const words = text.split(/[\s,]+/).filter(Boolean);
  const links = [...new Set(words.map(checkLink))];
  if (links.length > LIMITS.linkCount) {
    throw new UserError('too_many', `Up to ${LIMITS.linkCount} links, please (you gave ${links.length}).`);
  }
  return links;
}

function checkLink(word: string): string {
  return checkWebLink(word, LIMITS.linkLength);
}
