import { describe, expect, it } from 'vitest';
import { cleanLine, cleanParagraph, LIMITS, parseLinks } from '../../commands/introductions/clean.ts';
import { readAbout, readMore } from '../../commands/introductions/submit.ts';
import { isUserError } from '#core/errors.ts';

/** The UserError message `fn` throws (fails the test if it does not throw one). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('cleanLine', () => {
  it.each([
    ['  Illustrator  ', 'Illustrator'],
    ['Sound\ndesigner', 'Sound designer'],
    ['tabs\t\tand   spaces', 'tabs and spaces'],
    ['bell\u0007 and null\u0000', 'bell and null'],
    ['zero\u200Bwidth', 'zerowidth'],
    ['fake \uE000user\uE002U1\uE001 token', 'fake userU1 token'],
    ['@everyone <!channel>', '@everyone <!channel>'],
  ])('%j → %j', (raw, clean) => {
    expect(cleanLine(raw, 100, 'Role')).toBe(clean);
  });

  it('refuses an empty required answer, even one made of spaces and control characters', () => {
    expect(refusal(() => cleanLine(' \u0001 \n ', 100, 'What you do', true))).toBe("“What you do” can't be empty.");
  });

  it('refuses over-long text with its length and the limit', () => {
    expect(refusal(() => cleanLine('x'.repeat(101), 100, 'What you do'))).toMatch(
      /101 characters long; the most is 100/,
    );
  });

  it('counts characters, not UTF-16 units', () => {
    expect(cleanLine('🎨'.repeat(100), 100, 'Role')).toHaveLength(200);
  });
});

describe('cleanParagraph', () => {
  it('keeps lines, drops trailing spaces and collapses blank runs', () => {
    expect(cleanParagraph('one  \n\n\n\n two\r\nthree', 500, 'x')).toBe('one\n\ntwo\nthree');
  });
});

describe('parseLinks', () => {
  it('accepts http(s) links separated by spaces, commas or lines, deduplicated', () => {
    expect(parseLinks('https://ana.example, http://b.example/x\nhttps://ana.example')).toEqual([
      'https://ana.example',
      'http://b.example/x',
    ]);
  });

  it('is empty for no text', () => {
    expect(parseLinks('  ')).toEqual([]);
    expect(parseLinks(undefined)).toEqual([]);
  });

  it.each([
    'ftp://files.example',
    'javascript:alert(1)',
    'ana.example',
    'https://portfolio',
    'https://u:p@x.example',
  ])('refuses %j with a clear message', (link) => {
    expect(refusal(() => parseLinks(link))).toMatch(/is not a web link: links must start with http:\/\/ or https:\/\//);
  });

  it('refuses more than five links and over-long ones', () => {
    const six = Array.from({ length: 6 }, (_, i) => `https://s${i}.example`).join(' ');
    expect(refusal(() => parseLinks(six))).toMatch(/Up to 5 links/);
    expect(refusal(() => parseLinks(`https://a.example/${'x'.repeat(LIMITS.linkLength)}`))).toMatch(/longer than/);
  });
});

describe('readAbout / readMore', () => {
  const about = { role: 'Illustrator', working_on: 'A zine', offers: 'photos, Photography', needs: '', links: '' };

  it('cleans and normalises a good form', () => {
    const read = readAbout(about);
    expect(read.role).toBe('Illustrator');
    expect(read.offers.skills.map((s) => s.skill)).toEqual(['photography']);
    expect(read.needs.skills).toEqual([]);
  });

  it.each([
    [{ ...about, role: '' }, /What you do/],
    [{ ...about, working_on: '   ' }, /working on/],
    [{ ...about, links: 'my site' }, /not a web link/],
    [{ ...about, working_on: 'y'.repeat(LIMITS.workingOn + 1) }, /the most is 500/],
  ])('refuses %#', (values, message) => {
    expect(refusal(() => readAbout(values))).toMatch(message);
  });

  it('keeps answers to the questions asked, dropping empty ones', () => {
    const questions = [
      { id: 'q1', question: 'Favourite tool?' },
      { id: 'q2', question: 'Dream collab?' },
    ];
    const more = readMore({ pronouns: ' they/them ', fun_fact: '', q1: 'A 0.3 pencil', q2: ' ' }, questions);
    expect(more).toEqual({
      pronouns: 'they/them',
      funFact: undefined,
      answers: [{ question: 'Favourite tool?', answer: 'A 0.3 pencil' }],
    });
  });
});
