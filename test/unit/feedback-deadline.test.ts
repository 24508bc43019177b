import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../commands/feedback/deadline.ts';
import { UserError } from '#core/errors.ts';

// Wednesday 18 November 2026, 09:00 in Paris (UTC+1).
const now = new Date('2026-11-18T08:00:00Z');

describe('parseDeadline', () => {
  it('reads a day without a time as the end of that day in the community zone', () => {
    expect(parseDeadline('friday', now, 'Europe/Paris').toISOString()).toBe('2026-11-20T22:59:00.000Z');
    expect(parseDeadline('friday', now, 'America/New_York').toISOString()).toBe('2026-11-21T04:59:00.000Z');
  });

  it('reads a time in the community zone', () => {
    expect(parseDeadline('fri 18:00', now, 'Europe/Paris').toISOString()).toBe('2026-11-20T17:00:00.000Z');
    expect(parseDeadline('tomorrow 9am', now, 'Asia/Tokyo').toISOString()).toBe('2026-11-19T00:00:00.000Z');
  });

  it('reads relative days', () => {
    expect(parseDeadline('in 3 days', now, 'Europe/Paris').toISOString()).toBe('2026-11-21T22:59:00.000Z');
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const march = new Date('2026-03-27T09:00:00Z'); // Friday, still UTC+1 in Paris; Sunday the 29th is UTC+2.
    expect(parseDeadline('monday 10:00', march, 'Europe/Paris').toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('refuses text that names no date, and dates already past', () => {
    expect(() => parseDeadline('whenever', now, 'Europe/Paris')).toThrow(UserError);
    expect(() => parseDeadline('yesterday', now, 'Europe/Paris')).toThrow(/past/);
    expect(() => parseDeadline('today 08:00', now, 'Europe/Paris')).toThrow(/past/);
  });
});
