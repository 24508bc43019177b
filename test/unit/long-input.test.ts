/**
 * Every parser of member text is capped or linear on its own, whatever the platform or the core's 4,000-character
 * limit lets through (issue 20: a 100k `when` took 6 s, a 100k skill list 7 s). Measured by counting the work the
 * expensive parts do (the characters chrono-node and the skill tokeniser are handed), not by timing: a 100k answer
 * is refused before that work starts, and the work on the longest accepted answer is bounded by the cap.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEADLINE } from '../../commands/feedback/request.ts';
import { parseLinks } from '../../commands/introductions/clean.ts';
import { parseSkills } from '../../commands/introductions/skills-input.ts';
import { MEETUP_START } from '../../commands/meetups/create.ts';
import { BOOKING_START, LOAN_DUE, readLength } from '../../commands/resources/when.ts';
import { DURATION_MAX_CHARS } from '../../commands/when/index.ts';
import {
  MAX_SKILL_LIST_CHARS,
  normaliseSkill,
  parseSkillList,
  suggestSkills,
} from '../../commands/skills/vocabulary.ts';
import { readWhen, WHEN_MAX_CHARS, type WhenRules } from '../../commands/when/index.ts';
import { UserError } from '#core/errors.ts';
import { checkWebLink } from '#core/links.ts';

const work = vi.hoisted(() => ({ chrono: [] as number[], tokenised: 0 }));

vi.mock('chrono-node', async (importOriginal) => {
  const chrono = await importOriginal<typeof import('chrono-node')>();
  return {
    ...chrono,
    parse: (text: string, ...rest: unknown[]) => {
      work.chrono.push(text.length);
      return (chrono.parse as (...args: unknown[]) => unknown)(text, ...rest);
    },
  };
});
vi.mock('../../commands/skills/skill-text.ts', async (importOriginal) => {
  const text = await importOriginal<typeof import('../../commands/skills/skill-text.ts')>();
  return {
    ...text,
    tokenise: (s: string) => {
      work.tokenised += s.length;
      return text.tokenise(s);
    },
  };
});

const HUGE = 100_000;
const now = new Date('2026-12-07T10:00:00Z');
const zone = 'Europe/Paris';
const PAUSE_END: WhenRules = { reads: 'day', option: 'until', maxAhead: { days: 366, words: 'a year' } };

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  work.chrono.length = 0;
  work.tokenised = 0;
});

describe('dates in words (every command’s rules)', () => {
  const rules = { MEETUP_START, DEADLINE, PAUSE_END, BOOKING_START, LOAN_DUE };

  it.each(Object.entries(rules))('%s: a 100k answer is refused before chrono reads a character', (_name, r) => {
    for (const text of ['fri 19:00 '.repeat(HUGE / 10), '1 '.repeat(HUGE / 2), 'x'.repeat(HUGE)]) {
      const error = refusal(() => readWhen(text, now, zone, r));
      expect(error.code).toBe('too_long');
      // The refusal itself stays short (it does not quote the answer back).
      expect(error.message.length).toBeLessThan(400);
    }
    expect(work.chrono).toEqual([]);
  });

  it('reads the longest answer it accepts, handing chrono no more than the cap', () => {
    const padded = `fri 19:00${' '.repeat(WHEN_MAX_CHARS - 9)}`;
    expect(readWhen(padded, now, zone, MEETUP_START).toISOString()).toBe('2026-12-11T18:00:00.000Z');
    expect(() => readWhen('1 '.repeat(WHEN_MAX_CHARS / 2), now, zone, MEETUP_START)).toThrow(UserError);
    expect(Math.max(...work.chrono)).toBeLessThanOrEqual(WHEN_MAX_CHARS);
  });
});

describe('skills', () => {
  it('refuses a 100k list before tokenising any of it, naming the form field', () => {
    const error = refusal(() => parseSkills('a, '.repeat(HUGE / 3), 'Offers'));
    expect(error.code).toBe('too_long');
    expect(error.message).toMatch(/“Offers” is far too long/);
    expect(() => parseSkillList('photo '.repeat(HUGE / 6))).toThrow(/far too long/);
    expect(work.tokenised).toBe(0);
  });

  it('tokenises at most a small multiple of the longest list it accepts', () => {
    const list = 'a, b, '.repeat(MAX_SKILL_LIST_CHARS / 6);
    expect(list.length).toBeLessThanOrEqual(MAX_SKILL_LIST_CHARS);
    expect(parseSkillList(list).map((s) => s.skill)).toEqual(['a', 'b']);
    // Each piece is read twice (is it a whole known skill? then each part): linear in the list.
    expect(work.tokenised).toBeLessThanOrEqual(2 * MAX_SKILL_LIST_CHARS);
  });

  it('reads one skill (typed, searched or autocompleted) up to a fixed length, whatever follows', () => {
    const long = `photography ${'.'.repeat(HUGE)}x`;
    expect(normaliseSkill(long).skill).toBe('photography');
    expect(suggestSkills(long)[0]).toBe('photography');
    expect(work.tokenised).toBeLessThanOrEqual(1_000);
  });
});

describe('durations and links', () => {
  it('refuses a 100k length of time before its patterns run, and still reads a padded one', () => {
    expect(refusal(() => readLength(`1${' '.repeat(HUGE)}x`)).code).toBe('too_long');
    expect(readLength(` 1h30${' '.repeat(DURATION_MAX_CHARS - 6)}`)).toBe(90);
  });

  it('refuses 100k of links before cleaning them, and one 100k link before parsing it', () => {
    expect(refusal(() => parseLinks('https://example.org '.repeat(HUGE / 20))).code).toBe('too_long');
    expect(refusal(() => checkWebLink(`https://example.org/${'a'.repeat(HUGE)}`, 300)).code).toBe('too_long');
    // White space is collapsed before the count: a short list with generous spacing is still read.
    expect(parseLinks(`https://example.org${' \n'.repeat(500)}https://example.com`)).toEqual([
      'https://example.org',
      'https://example.com',
    ]);
  });
});
