/**
 * The one parser of dates in words (commands/when), under the meetups' rules (a date and a time, at most two years
 * ahead): what members type, read in the community zone, and every refusal with its reason.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MEETUP_START } from '../../commands/meetups/create.ts';
import { readWhen } from '../../commands/when/index.ts';
import { isUserError, type UserErrorCode } from '#core/errors.ts';

const readMeetupStart = (text: string, now: Date, zone: string) => readWhen(text, now, zone, MEETUP_START);

/** Local wall time of an instant, to compare with what a member meant. */
const local = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

function refusal(text: string, now: Date, zone: string): { code: string; message: string } {
  try {
    readMeetupStart(text, now, zone);
  } catch (error) {
    if (isUserError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
}

// Wednesday 25 March 2026, 11:00 in Paris (10:00 UTC): Europe springs forward on Sunday 29 March.
const BEFORE_EU_DST = new Date('2026-03-25T10:00:00Z');
// Wednesday 4 March 2026, 10:00 in New York: the US springs forward on Sunday 8 March.
const BEFORE_US_DST = new Date('2026-03-04T15:00:00Z');
// Thursday 22 October 2026, 09:00 in Paris: Europe falls back on Sunday 25 October.
const BEFORE_EU_FALLBACK = new Date('2026-10-22T07:00:00Z');

describe('readWhen (a meetup): what members type, read in the community zone', () => {
  const cases: [string, Date, string, string][] = [
    ['fri 19:00', BEFORE_EU_DST, 'Europe/Paris', 'Fri 2026-03-27T19:00'],
    ['next tuesday 6pm', BEFORE_EU_DST, 'Europe/Paris', 'Tue 2026-03-31T18:00'],
    ['2026-12-04 19:00', BEFORE_EU_DST, 'Europe/Paris', 'Fri 2026-12-04T19:00'],
    ['tomorrow at noon', BEFORE_EU_DST, 'Europe/Paris', 'Thu 2026-03-26T12:00'],
    ['4 dec 7pm', BEFORE_EU_DST, 'Europe/Paris', 'Fri 2026-12-04T19:00'],
    ['13/04/2027 19:00', BEFORE_EU_DST, 'Europe/Paris', 'Tue 2027-04-13T19:00'],
    // Across the change: the local time typed is kept, whatever the offset then.
    ['monday 19:00', BEFORE_EU_DST, 'Europe/Paris', 'Mon 2026-03-30T19:00'],
    ['sunday 19:00', BEFORE_EU_FALLBACK, 'Europe/Paris', 'Sun 2026-10-25T19:00'],
    ['monday 18:30', BEFORE_US_DST, 'America/New_York', 'Mon 2026-03-09T18:30'],
    ['fri 19:00', BEFORE_US_DST, 'America/New_York', 'Fri 2026-03-06T19:00'],
    ['fri 19:00', BEFORE_EU_DST, 'Asia/Tokyo', 'Fri 2026-03-27T19:00'],
    ['fri 19:00', BEFORE_EU_DST, 'UTC', 'Fri 2026-03-27T19:00'],
  ];
  it.each(cases)('"%s" (now %s, %s) is %s', (text, now, zone, expected) => {
    expect(local(readMeetupStart(text, now, zone), zone)).toBe(expected);
  });

  it('reads the weekday in the community zone, not in UTC', () => {
    // Thursday 23:30 in New York is already Friday in UTC: "fri" is still tomorrow for the community.
    const now = new Date('2026-03-27T03:30:00Z');
    expect(local(readMeetupStart('fri 19:00', now, 'America/New_York'), 'America/New_York')).toBe(
      'Fri 2026-03-27T19:00',
    );
    // Just after midnight in Paris it is Thursday: "tomorrow" is Friday although UTC is still on Wednesday.
    const lateWednesday = new Date('2026-03-25T23:30:00Z');
    expect(local(readMeetupStart('tomorrow 19:00', lateWednesday, 'Europe/Paris'), 'Europe/Paris')).toBe(
      'Fri 2026-03-27T19:00',
    );
  });

  it('keeps an explicit instant ("in 2 hours", "19:00 UTC") as that instant', () => {
    expect(readMeetupStart('in 2 hours', BEFORE_EU_DST, 'Europe/Paris').toISOString()).toBe('2026-03-25T12:00:00.000Z');
  });
});

describe('readWhen (a meetup) refusals', () => {
  const cases: [string, Date, string, UserErrorCode, RegExp][] = [
    ['feb 30', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /February has no day 30/],
    ['30 feb 2027 19:00', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /February 2027 has no day 30/],
    ['2026-04-31 19:00', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /April 2026 has no day 31/],
    ['feb 29 19:00', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /leap years/],
    ['2026-02-29 19:00', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /February 2026 has no day 29/],
    [
      'today 9:00',
      BEFORE_EU_DST,
      'Europe/Paris',
      'invalid_input',
      /Wed 25 Mar 2026, 09:00 \(Europe\/Paris\) is in the past/,
    ],
    ['2025-12-04 19:00', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /in the past/],
    ['fri', BEFORE_EU_DST, 'Europe/Paris', 'ambiguous', /Fri 27 Mar 2026 but no time/],
    ['fri 7', BEFORE_EU_DST, 'Europe/Paris', 'ambiguous', /no time/],
    ['03/04/2027 19:00', BEFORE_EU_DST, 'Europe/Paris', 'ambiguous', /could be 3 Apr or 4 Mar/],
    ['fri 19:00 or sat 18:00', BEFORE_EU_DST, 'Europe/Paris', 'ambiguous', /more than one date/],
    ['banana bread', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /couldn't read "banana bread"/],
    ['', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /Tell me when/],
    ['2029-01-01 10:00', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /more than two years away/],
    // 02:30 on the night clocks jump from 02:00 to 03:00 does not exist.
    ['sunday 2:30', BEFORE_EU_DST, 'Europe/Paris', 'invalid_input', /02:30 does not exist on Sun 29 Mar 2026/],
    ['sunday 2:30', BEFORE_US_DST, 'America/New_York', 'invalid_input', /does not exist on Sun 8 Mar 2026/],
  ];
  it.each(cases)('"%s" is refused (%s, %s): %s', (text, now, zone, code, message) => {
    const error = refusal(text, now, zone);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('does not depend on the machine time zone', () => {
    // The reference and the zone are explicit; the result is an instant, so TZ of the process cannot leak in.
    const at = readMeetupStart('fri 19:00', BEFORE_EU_DST, 'Europe/Paris');
    expect(at.toISOString()).toBe('2026-03-27T18:00:00.000Z');
  });
});

describe('readWhen: two readings are refused with both', () => {
  // Monday 16 November 2026, 10:00 in Paris.
  const MONDAY = new Date('2026-11-16T09:00:00Z');

  it('"next tuesday" said on a Monday: tomorrow or in eight days', () => {
    const error = refusal('next tuesday 6pm', MONDAY, 'Europe/Paris');
    expect(error.code).toBe('ambiguous');
    expect(error.message).toMatch(/"next tuesday" could be Tue 17 Nov \(tomorrow\) or Tue 24 Nov \(in 8 days\)/);
    // Both suggestions are accepted as they are written.
    expect(local(readMeetupStart('17 nov 6pm', MONDAY, 'Europe/Paris'), 'Europe/Paris')).toBe('Tue 2026-11-17T18:00');
    expect(local(readMeetupStart('24 nov 6pm', MONDAY, 'Europe/Paris'), 'Europe/Paris')).toBe('Tue 2026-11-24T18:00');
  });

  it('"next <day>" for a day already past this week, or today, has one reading', () => {
    const thursday = new Date('2026-11-19T09:00:00Z');
    expect(local(readMeetupStart('next tuesday 6pm', thursday, 'Europe/Paris'), 'Europe/Paris')).toBe(
      'Tue 2026-11-24T18:00',
    );
    expect(local(readMeetupStart('next monday 18:00', MONDAY, 'Europe/Paris'), 'Europe/Paris')).toBe(
      'Mon 2026-11-23T18:00',
    );
    expect(local(readMeetupStart('tuesday 6pm', MONDAY, 'Europe/Paris'), 'Europe/Paris')).toBe('Tue 2026-11-17T18:00');
  });

  it('asks for the year when a date without one has passed and would land months ahead', () => {
    const december7 = new Date('2026-12-07T09:00:00Z');
    const error = refusal('dec 3 18:00', december7, 'Europe/Paris');
    expect(error.code).toBe('ambiguous');
    expect(error.message).toMatch(
      /"dec 3 18:00" has no year: Thu 3 Dec 2026 has passed, and Fri 3 Dec 2027 is 52 weeks/,
    );
    expect(error.message).toContain('3 dec 2027 18:00');
    expect(local(readMeetupStart('3 dec 2027 18:00', december7, 'Europe/Paris'), 'Europe/Paris')).toBe(
      'Fri 2027-12-03T18:00',
    );
    // Early next year is what anyone means in December; a date still to come this year is clear.
    expect(local(readMeetupStart('jan 5 19:00', december7, 'Europe/Paris'), 'Europe/Paris')).toBe(
      'Tue 2027-01-05T19:00',
    );
    expect(local(readMeetupStart('dec 24 19:00', december7, 'Europe/Paris'), 'Europe/Paris')).toBe(
      'Thu 2026-12-24T19:00',
    );
  });
});
