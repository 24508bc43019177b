import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  describeRepeat,
  nextOccurrence,
  nthWeekdayOf,
  occurrencesFrom,
  parseRepeat,
  splitRepeat,
} from '../../commands/meetups/recurrence.ts';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const locals = (dates: Date[], zone: string) =>
  dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm"));
const offsets = (dates: Date[], zone: string) => dates.map((d) => DateTime.fromJSDate(d, { zone }).offset);

describe('weekly series keep their local time across daylight-saving changes', () => {
  it('Europe/Paris, end of March: 19:00 stays 19:00 (UTC 18:00 → 17:00)', () => {
    const zone = 'Europe/Paris';
    const dates = occurrencesFrom('weekly', at('2026-03-20T19:00', zone), zone, at('2026-03-20T00:00', zone), 3);
    expect(locals(dates, zone)).toEqual(['Fri 2026-03-20T19:00', 'Fri 2026-03-27T19:00', 'Fri 2026-04-03T19:00']);
    expect(offsets(dates, zone)).toEqual([60, 60, 120]);
    expect(dates.map((d) => d.toISOString().slice(11, 16))).toEqual(['18:00', '18:00', '17:00']);
  });

  it('Europe/Paris, end of October: 19:00 stays 19:00', () => {
    const zone = 'Europe/Paris';
    const dates = occurrencesFrom('weekly', at('2026-10-21T19:00', zone), zone, at('2026-10-21T00:00', zone), 2);
    expect(locals(dates, zone)).toEqual(['Wed 2026-10-21T19:00', 'Wed 2026-10-28T19:00']);
    expect(offsets(dates, zone)).toEqual([120, 60]);
  });

  it('America/New_York, both changes', () => {
    const zone = 'America/New_York';
    const spring = occurrencesFrom('weekly', at('2026-03-02T18:30', zone), zone, at('2026-03-01T00:00', zone), 2);
    expect(locals(spring, zone)).toEqual(['Mon 2026-03-02T18:30', 'Mon 2026-03-09T18:30']);
    const fall = occurrencesFrom('weekly', at('2026-10-30T19:00', zone), zone, at('2026-10-30T00:00', zone), 2);
    expect(locals(fall, zone)).toEqual(['Fri 2026-10-30T19:00', 'Fri 2026-11-06T19:00']);
    expect(offsets(fall, zone)).toEqual([-240, -300]);
  });

  it('the next occurrence after an instant, in real time', () => {
    const zone = 'Europe/Paris';
    const first = at('2026-03-20T19:00', zone);
    expect(nextOccurrence('weekly', first, zone, first)?.toISOString()).toBe('2026-03-27T18:00:00.000Z');
    expect(nextOccurrence('weekly', first, zone, new Date('2026-03-27T18:00:00Z'))?.toISOString()).toBe(
      '2026-04-03T17:00:00.000Z',
    );
  });
});

describe('biweekly and monthly', () => {
  it('biweekly skips a week', () => {
    const zone = 'Europe/Paris';
    const dates = occurrencesFrom('biweekly', at('2026-03-20T19:00', zone), zone, at('2026-03-20T00:00', zone), 3);
    expect(locals(dates, zone)).toEqual(['Fri 2026-03-20T19:00', 'Fri 2026-04-03T19:00', 'Fri 2026-04-17T19:00']);
  });

  it('monthly keeps the nth weekday (third Friday)', () => {
    const zone = 'Europe/Paris';
    const dates = occurrencesFrom('monthly', at('2026-03-20T19:00', zone), zone, at('2026-03-01T00:00', zone), 3);
    expect(locals(dates, zone)).toEqual(['Fri 2026-03-20T19:00', 'Fri 2026-04-17T19:00', 'Fri 2026-05-15T19:00']);
  });

  it('a fifth weekday becomes "the last" one, which every month has', () => {
    const zone = 'America/New_York';
    // Thursday 29 October 2026 is the fifth Thursday; November has four.
    const dates = occurrencesFrom('monthly', at('2026-10-29T19:00', zone), zone, at('2026-10-01T00:00', zone), 3);
    expect(locals(dates, zone)).toEqual(['Thu 2026-10-29T19:00', 'Thu 2026-11-26T19:00', 'Thu 2026-12-31T19:00']);
    expect(nthWeekdayOf(29)).toBe(-1);
    expect(nthWeekdayOf(28)).toBe(4);
    expect(nthWeekdayOf(1)).toBe(1);
  });
});

describe('repeat words', () => {
  it('describes a series in words', () => {
    const zone = 'Europe/Paris';
    const first = at('2026-03-20T19:00', zone);
    expect(describeRepeat('weekly', first, zone)).toBe('every Friday at 19:00');
    expect(describeRepeat('biweekly', first, zone)).toBe('every other Friday at 19:00');
    expect(describeRepeat('monthly', first, zone)).toBe('the third Friday of every month at 19:00');
  });

  it.each([
    ['weekly', 'weekly'],
    ['Every week', 'weekly'],
    ['fortnightly', 'biweekly'],
    ['every other week', 'biweekly'],
    ['monthly', 'monthly'],
    ['daily', undefined],
  ])('parseRepeat(%s) = %s', (text, expected) => {
    expect(parseRepeat(text)).toBe(expected);
  });

  it('splits a trailing repeat off a when text (the form has one field for both)', () => {
    expect(splitRepeat('fri 19:00 weekly')).toEqual({ when: 'fri 19:00', repeat: 'weekly' });
    expect(splitRepeat('next tuesday 6pm, every other week')).toEqual({ when: 'next tuesday 6pm', repeat: 'biweekly' });
    expect(splitRepeat('fri 19:00')).toEqual({ when: 'fri 19:00' });
  });
});
