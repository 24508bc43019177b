import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dailyPeriod, lastDaily, lastWeekly, slotPeriod, weeklyPeriod } from '#core/schedule.ts';
import { WEEKDAYS } from '#core/settings.ts';

const PARIS = 'Europe/Paris';
const z = (iso: string) => new Date(iso);

/** The keys seen scanning [from, to) every `stepMinutes`, in order of first appearance. */
function keysOver(from: string, to: string, stepMinutes: number, key: (now: Date) => string): string[] {
  const keys: string[] = [];
  for (let t = z(from).getTime(); t < z(to).getTime(); t += stepMinutes * 60_000) {
    const k = key(new Date(t));
    if (keys.at(-1) !== k) keys.push(k);
  }
  return keys;
}

describe('weeklyPeriod', () => {
  it('names the latest occurrence at or before now, in local wall time', () => {
    // Monday 16 Nov 2026, 09:00 in Paris is 08:00 UTC (CET, +01:00).
    expect(weeklyPeriod(z('2026-11-16T07:59:59Z'), PARIS, 'monday', '09:00')).toBe('2026-11-09T09:00');
    expect(weeklyPeriod(z('2026-11-16T08:00:00Z'), PARIS, 'monday', '09:00')).toBe('2026-11-16T09:00');
    expect(weeklyPeriod(z('2026-11-22T22:59:59Z'), PARIS, 'monday', '09:00')).toBe('2026-11-16T09:00');
    expect(weeklyPeriod(z('2026-11-23T08:00:00Z'), PARIS, 'monday', '09:00')).toBe('2026-11-23T09:00');
    expect(lastWeekly(z('2026-11-18T12:00:00Z'), PARIS, 'monday', '09:00').at).toEqual(z('2026-11-16T08:00:00Z'));
  });

  it('uses the local date, not the UTC one', () => {
    // 23:30 UTC on Sunday is already Monday 00:30 in Paris; in New York it is still Sunday.
    expect(weeklyPeriod(z('2026-11-15T23:30:00Z'), PARIS, 'monday', '00:15')).toBe('2026-11-16T00:15');
    expect(weeklyPeriod(z('2026-11-16T03:00:00Z'), 'America/New_York', 'sunday', '21:00')).toBe('2026-11-15T21:00');
  });

  it('keeps 09:00 local across the spring change (Paris, last Sunday of March)', () => {
    // 29 March 2026: clocks go 02:00 CET → 03:00 CEST. Monday 30 March 09:00 is 07:00 UTC, a week before 08:00 UTC.
    const monday = (now: string) => lastWeekly(z(now), PARIS, 'monday', '09:00');
    expect(monday('2026-03-30T06:59:00Z')).toEqual({ key: '2026-03-23T09:00', at: z('2026-03-23T08:00:00Z') });
    expect(monday('2026-03-30T07:00:00Z')).toEqual({ key: '2026-03-30T09:00', at: z('2026-03-30T07:00:00Z') });
    expect(
      keysOver('2026-03-20T00:00Z', '2026-04-07T00:00Z', 30, (n) => weeklyPeriod(n, PARIS, 'monday', '09:00')),
    ).toEqual(['2026-03-16T09:00', '2026-03-23T09:00', '2026-03-30T09:00', '2026-04-06T09:00']);
  });

  it('runs a skipped wall time (02:30 on the spring-forward night) once, shifted by the gap', () => {
    const sunday = (now: string) => lastWeekly(z(now), PARIS, 'sunday', '02:30');
    expect(sunday('2026-03-29T01:00:00Z').key).toBe('2026-03-22T02:30'); // 03:00 CEST: not yet
    expect(sunday('2026-03-29T01:30:00Z')).toEqual({ key: '2026-03-29T02:30', at: z('2026-03-29T01:30:00Z') });
    expect(
      keysOver('2026-03-28T00:00Z', '2026-03-30T00:00Z', 5, (n) => weeklyPeriod(n, PARIS, 'sunday', '02:30')),
    ).toEqual(['2026-03-22T02:30', '2026-03-29T02:30']);
  });

  it('runs a repeated wall time (02:30 on the fall-back night) once', () => {
    // 25 October 2026: 03:00 CEST → 02:00 CET, so 02:30 happens at 00:30 UTC and again at 01:30 UTC.
    expect(
      keysOver('2026-10-24T00:00Z', '2026-10-26T00:00Z', 5, (n) => weeklyPeriod(n, PARIS, 'sunday', '02:30')),
    ).toEqual(['2026-10-18T02:30', '2026-10-25T02:30']);
    expect(
      keysOver('2026-10-20T00:00Z', '2026-11-03T00:00Z', 30, (n) => weeklyPeriod(n, PARIS, 'monday', '09:00')),
    ).toEqual(['2026-10-19T09:00', '2026-10-26T09:00', '2026-11-02T09:00']);
    // Monday 26 October 09:00 is now CET: 08:00 UTC.
    expect(lastWeekly(z('2026-10-26T08:00:00Z'), PARIS, 'monday', '09:00').at).toEqual(z('2026-10-26T08:00:00Z'));
  });

  it('property: the occurrence is at or before now, less than a week (plus a DST hour) ago, on the right weekday', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({ min: z('2020-01-01T00:00:00Z'), max: z('2035-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom(...WEEKDAYS),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        (now, zone, weekday, hour, minute) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const { key, at } = lastWeekly(now, zone, weekday, time);
          expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(now.getTime() - at.getTime()).toBeLessThan(7 * 86_400_000 + 3_600_000);
          const nominal = DateTime.fromISO(key, { zone: 'UTC' });
          expect(nominal.weekday).toBe(WEEKDAYS.indexOf(weekday) + 1);
          expect(nominal.toFormat('HH:mm')).toBe(time);
        },
      ),
    );
  });

  it('refuses a bad zone or time', () => {
    expect(() => weeklyPeriod(z('2026-11-16T08:00:00Z'), 'Mars/Olympus', 'monday', '09:00')).toThrow(/time zone/);
    expect(() => weeklyPeriod(z('2026-11-16T08:00:00Z'), PARIS, 'monday', '9:00')).toThrow(/HH:mm/);
    expect(() => weeklyPeriod(z('2026-11-16T08:00:00Z'), PARIS, 'monday', '24:00')).toThrow(/HH:mm/);
  });
});

describe('dailyPeriod', () => {
  it('names today once the time has passed, else yesterday', () => {
    expect(dailyPeriod(z('2026-11-16T07:29:00Z'), PARIS, '08:30')).toBe('2026-11-15T08:30');
    expect(dailyPeriod(z('2026-11-16T07:30:00Z'), PARIS, '08:30')).toBe('2026-11-16T08:30');
    expect(lastDaily(z('2026-11-16T20:00:00Z'), PARIS, '08:30').at).toEqual(z('2026-11-16T07:30:00Z'));
  });

  it('has exactly one period per local day across both DST changes', () => {
    const days = (from: string, to: string) => keysOver(from, to, 15, (n) => dailyPeriod(n, PARIS, '02:30'));
    expect(days('2026-03-28T12:00Z', '2026-03-31T12:00Z')).toEqual([
      '2026-03-28T02:30',
      '2026-03-29T02:30',
      '2026-03-30T02:30',
      '2026-03-31T02:30',
    ]);
    expect(days('2026-10-24T12:00Z', '2026-10-27T12:00Z')).toEqual([
      '2026-10-24T02:30',
      '2026-10-25T02:30',
      '2026-10-26T02:30',
      '2026-10-27T02:30',
    ]);
  });
});

describe('slotPeriod', () => {
  it('names the UTC slot holding now', () => {
    expect(slotPeriod(z('2026-11-16T09:07:12Z'), 5)).toBe('2026-11-16T09:05Z');
    expect(slotPeriod(z('2026-11-16T09:05:00Z'), 5)).toBe('2026-11-16T09:05Z');
    expect(slotPeriod(z('2026-11-16T09:04:59.999Z'), 5)).toBe('2026-11-16T09:00Z');
    expect(slotPeriod(z('2026-11-16T09:59:00Z'), 60)).toBe('2026-11-16T09:00Z');
    expect(slotPeriod(z('2026-11-16T09:59:00Z'), 1)).toBe('2026-11-16T09:59Z');
  });

  it('gives one key per slot over an hour', () => {
    expect(keysOver('2026-11-16T09:00Z', '2026-11-16T10:00Z', 1, (n) => slotPeriod(n, 5))).toHaveLength(12);
  });

  it('refuses a slot that is not a whole positive number of minutes', () => {
    expect(() => slotPeriod(z('2026-11-16T09:00:00Z'), 0)).toThrow();
    expect(() => slotPeriod(z('2026-11-16T09:00:00Z'), 2.5)).toThrow();
  });
});
