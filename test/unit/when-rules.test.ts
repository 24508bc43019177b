/**
 * The one parser under each command's own rules: a deadline (feedback `by:`; a day alone is the end of that day), a
 * pause's end (matching `until:`; a day, at its start, at most a year ahead), and the examples every refusal shows,
 * which must be accepted at the moment they are shown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEADLINE } from '../../commands/feedback/request.ts';
import { PAUSE_END } from '../../commands/matching/match.command.ts';
import { MEETUP_START } from '../../commands/meetups/create.ts';
import { readWhen, type WhenRules, whenExamples } from '../../commands/when/index.ts';
import { UserError } from '#core/errors.ts';
import { segments } from '#core/text.ts';

const readDeadline = (text: string, now: Date, zone: string) => readWhen(text, now, zone, DEADLINE);
const readPauseEnd = (text: string, now: Date, zone: string) => readWhen(text, now, zone, PAUSE_END);

// Wednesday 18 November 2026, 09:00 in Paris (UTC+1).
const now = new Date('2026-11-18T08:00:00Z');

describe('readWhen (a deadline)', () => {
  it('reads a day without a time as the end of that day in the community zone', () => {
    expect(readDeadline('friday', now, 'Europe/Paris').toISOString()).toBe('2026-11-20T22:59:00.000Z');
    expect(readDeadline('friday', now, 'America/New_York').toISOString()).toBe('2026-11-21T04:59:00.000Z');
  });

  it('reads a time in the community zone', () => {
    expect(readDeadline('fri 18:00', now, 'Europe/Paris').toISOString()).toBe('2026-11-20T17:00:00.000Z');
    expect(readDeadline('tomorrow 9am', now, 'Asia/Tokyo').toISOString()).toBe('2026-11-19T00:00:00.000Z');
  });

  it('reads relative days', () => {
    expect(readDeadline('in 3 days', now, 'Europe/Paris').toISOString()).toBe('2026-11-21T22:59:00.000Z');
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const march = new Date('2026-03-27T09:00:00Z'); // Friday, still UTC+1 in Paris; Sunday the 29th is UTC+2.
    expect(readDeadline('monday 10:00', march, 'Europe/Paris').toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('refuses a time the clocks skip, as every command does', () => {
    const march = new Date('2026-03-27T09:00:00Z');
    expect(() => readDeadline('sunday 2:30', march, 'Europe/Paris')).toThrow(/02:30 does not exist on Sun 29 Mar/);
  });

  it('refuses text that names no date, and dates already past', () => {
    expect(() => readDeadline('whenever', now, 'Europe/Paris')).toThrow(UserError);
    expect(() => readDeadline('yesterday', now, 'Europe/Paris')).toThrow(/past/);
    expect(() => readDeadline('today 08:00', now, 'Europe/Paris')).toThrow(/past/);
    expect(() => readDeadline('feb 30', now, 'Europe/Paris')).toThrow(/February has no day 30/);
  });
});

describe('readWhen (the end of a pause)', () => {
  it('reads a day, at its start in the community zone, whatever time comes with it', () => {
    expect(readPauseEnd('2026-12-01', now, 'Europe/Paris').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(readPauseEnd('next monday 10:00', now, 'Europe/Paris').toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(readPauseEnd('3 weeks', now, 'Europe/Paris').toISOString()).toBe('2026-12-08T23:00:00.000Z');
  });

  it('starts a day whose midnight the clocks skip at the first minute it has', () => {
    // Santiago springs forward at midnight: Sunday 6 September 2026 begins at 01:00.
    const before = new Date('2026-09-01T12:00:00Z');
    expect(readPauseEnd('2026-09-06', before, 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('reads a weekday named on that very day as the next one, for a day and at the minute itself', () => {
    const friday = new Date('2026-11-20T13:00:00Z'); // Friday 14:00 in Paris.
    expect(readPauseEnd('friday', friday, 'Europe/Paris').toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(readWhen('fri 14:00', friday, 'Europe/Paris', MEETUP_START).toISOString()).toBe('2026-11-27T13:00:00.000Z');
    expect(readWhen('fri 14:30', friday, 'Europe/Paris', MEETUP_START).toISOString()).toBe('2026-11-20T13:30:00.000Z');
    expect(() => readWhen('today 14:00', friday, 'Europe/Paris', MEETUP_START)).toThrow(/past/);
  });

  it('refuses a day already begun and one more than a year ahead', () => {
    expect(() => readPauseEnd('today', now, 'Europe/Paris')).toThrow(/Wed 18 Nov 2026 has already begun/);
    expect(() => readPauseEnd('2028-01-05', now, 'Europe/Paris')).toThrow(/more than a year away/);
  });
});

describe('whenExamples', () => {
  const zones = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland', 'UTC'];
  const examples = (at: Date, zone: string, rules: WhenRules) =>
    segments(whenExamples(at, zone, rules)).flatMap((s) =>
      s.kind === 'code' ? [s.text.replace(/^until:/, '').replace(/^"|"$/g, '')] : [],
    );

  it('offers only examples that are accepted at that moment, under each rule, every day of the year', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom(MEETUP_START, DEADLINE, PAUSE_END),
        (at, zone, rules) => {
          const offered = examples(at, zone, rules);
          expect(offered).toHaveLength(3);
          for (const typed of offered) expect(readWhen(typed, at, zone, rules).getTime()).toBeGreaterThan(at.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
