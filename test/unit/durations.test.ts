/** Lengths of time in words (commands/when/duration.ts): one parser, each caller with its own bounds. */
import { describe, expect, it } from 'vitest';
import { MEETUP_LENGTH } from '../../commands/meetups/create.ts';
import { BOOKING_LENGTH } from '../../commands/resources/when.ts';
import { durationWords, parseDuration } from '../../commands/when/index.ts';

describe('parseDuration (a booking)', () => {
  it.each([
    ['2h', 120],
    ['2 hours', 120],
    ['1.5h', 90],
    ['1,5 h', 90],
    ['90m', 90],
    ['45 minutes', 45],
    ['1h30', 90],
    ['1h 30m', 90],
    ['1:30', 90],
    ['an hour', 60],
    ['half an hour', 30],
    ['HALF HOUR', 30],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseDuration(text, BOOKING_LENGTH)).toBe(minutes);
  });

  it.each([
    ['0h', /at least 15 minutes/],
    ['10m', /at least 15 minutes/],
    ['-2h', /A booking cannot last "-2h". Try `2h`/],
    ['90', /hours or minutes\? Write `90h` or `90m`/],
    ['two hours', /couldn't read/],
    ['', /for how long, in hours or minutes/],
  ])('refuses %j', (text, message) => {
    expect(() => parseDuration(text, BOOKING_LENGTH)).toThrow(message);
  });
});

describe('parseDuration (a meetup)', () => {
  it('reads a meetup of two hours, and refuses one over a day with the unit and an example', () => {
    expect(parseDuration('2h', MEETUP_LENGTH)).toBe(120);
    expect(() => parseDuration('25h', MEETUP_LENGTH)).toThrow('A meetup lasts at most 24 hours, not "25h". Try `2h`.');
  });

  it('offers only the reading of a bare number that a meetup may have', () => {
    expect(() => parseDuration('90', MEETUP_LENGTH)).toThrow('"90" needs a unit: write `90m` for 1 hour 30 minutes.');
    expect(() => parseDuration('2', MEETUP_LENGTH)).toThrow('"2" needs a unit: write `2h` for 2 hours.');
  });
});

describe('durationWords', () => {
  it.each([
    [120, '2h'],
    [90, '1h30'],
    [45, '45m'],
    [65, '1h05'],
  ])('writes %i minutes as %s, which reads back', (minutes, words) => {
    expect(durationWords(minutes)).toBe(words);
    expect(parseDuration(words, BOOKING_LENGTH)).toBe(minutes);
  });
});
