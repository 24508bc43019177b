/**
 * The calendar feed writer (src/core/calendar.ts): valid iCalendar read back by an independent reader, times in the
 * community's wall time with a VTIMEZONE that covers daylight-saving changes, member text escaped and folded.
 */
import { describe, expect, it } from 'vitest';
import { type CalendarEvent, calendarFeed } from '#core/calendar.ts';
import { readCalendar } from '../support/ics-reader.ts';

const NOW = new Date('2026-12-07T10:00:00Z');

function event(startsAt: string, hours: number, more: Partial<CalendarEvent> = {}): CalendarEvent {
  const start = new Date(startsAt);
  return {
    uid: `e-${startsAt}@hallway`,
    title: 'Zine night',
    startsAt: start,
    endsAt: new Date(start.getTime() + hours * 3_600_000),
    ...more,
  };
}

describe('calendarFeed', () => {
  it('writes each time in the community’s wall time, and reads back as the same instants', () => {
    const events = [event('2026-12-08T18:00:00Z', 2), event('2027-04-02T17:00:00Z', 1)];
    const ics = calendarFeed({ name: 'My Hallway calendar', timezone: 'Europe/Paris', now: NOW, events });
    const cal = readCalendar(ics);
    expect(cal.props['X-WR-CALNAME']).toBe('My Hallway calendar');
    expect(cal.props['X-WR-TIMEZONE']).toBe('Europe/Paris');
    expect(cal.events.map((e) => e.raw.DTSTART)).toEqual([
      'DTSTART;TZID=Europe/Paris:20261208T190000', // winter: UTC+1
      'DTSTART;TZID=Europe/Paris:20270402T190000', // summer: UTC+2
    ]);
    expect(cal.events.map((e) => [e.startsAt, e.endsAt])).toEqual(events.map((e) => [e.startsAt, e.endsAt]));
    expect(cal.events[0]!.props.DTSTAMP).toBe('20261207T100000Z');
    // The spring change between them is in the VTIMEZONE, at 02:00 local (01:00 UTC) on 28 March 2027.
    expect(ics).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
  });

  it('writes the repeated hour of a fall-back night in UTC, so it is never read as its twin', () => {
    // 25 Oct 2026 in Paris: 02:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC (winter time).
    const first = event('2026-10-25T00:30:00Z', 0.5, { uid: 'first' });
    const second = event('2026-10-25T01:30:00Z', 0.5, { uid: 'second' });
    const cal = readCalendar(calendarFeed({ name: 'x', timezone: 'Europe/Paris', now: NOW, events: [second, first] }));
    expect(cal.events.map((e) => e.props.UID)).toEqual(['first', 'second']);
    expect(cal.events[0]!.raw.DTSTART).toBe('DTSTART;TZID=Europe/Paris:20261025T023000');
    expect(cal.events[1]!.raw.DTSTART).toBe('DTSTART:20261025T013000Z');
    expect(cal.events.map((e) => e.startsAt)).toEqual([first.startsAt, second.startsAt]);
  });

  it('covers zones without daylight saving and zones south of the equator', () => {
    for (const [zone, wall] of [
      ['Asia/Tokyo', '20261209T030000'],
      ['America/Sao_Paulo', '20261208T150000'],
      ['Australia/Sydney', '20261209T050000'],
      ['Asia/Kolkata', '20261208T233000'],
    ] as const) {
      const e = event('2026-12-08T18:00:00Z', 1);
      const cal = readCalendar(calendarFeed({ name: 'x', timezone: zone, now: NOW, events: [e] }));
      expect(cal.events[0]!.raw.DTSTART).toBe(`DTSTART;TZID=${zone}:${wall}`);
      expect(cal.events[0]!.startsAt).toEqual(e.startsAt);
    }
  });

  it('covers every change of a year-long feed, to the minute, in zones that shift by an hour or half an hour', () => {
    const events = ['2027-01-10T12:00:00Z', '2027-04-10T12:00:00Z', '2027-07-10T12:00:00Z', '2027-12-10T12:00:00Z'].map(
      (at) => event(at, 1, { uid: at }),
    );
    for (const zone of ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe']) {
      const cal = readCalendar(calendarFeed({ name: 'x', timezone: zone, now: NOW, events }));
      expect(
        cal.events.map((e) => e.startsAt),
        zone,
      ).toEqual(events.map((e) => e.startsAt));
      // Two changes a year, both listed, each as the instant the runtime knows.
      const onsets = cal.zones.get(zone)!.slice(1);
      expect(onsets, zone).toHaveLength(2);
      for (const o of onsets) {
        const before = new Date(o.onset - 60_000);
        const hour = (at: Date) =>
          new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).format(at);
        expect(hour(before), `${zone} changes at ${new Date(o.onset).toISOString()}`).not.toBe(hour(new Date(o.onset)));
      }
    }
  });

  it('escapes and folds member text, drops control characters but tabs, and marks cancelled events', () => {
    const title = 'Riso, zines; and \\ more\nsecond line\u0007\tkept tab — ' + 'é'.repeat(60) + ' 📷'.repeat(20);
    const e = event('2026-12-08T18:00:00Z', 1, { title, location: 'Loft; 2nd floor', cancelled: true });
    const cal = readCalendar(calendarFeed({ name: 'x', timezone: 'Europe/Paris', now: NOW, events: [e] }));
    expect(cal.events[0]!.props.SUMMARY).toBe(title.replace('\u0007', ''));
    expect(cal.events[0]!.props.LOCATION).toBe('Loft; 2nd floor');
    expect(cal.events[0]!.props.STATUS).toBe('CANCELLED');
  });

  it('writes an empty feed that calendar apps still accept', () => {
    const cal = readCalendar(calendarFeed({ name: 'x', timezone: 'Europe/Paris', now: NOW, events: [] }));
    expect(cal.events).toEqual([]);
    expect(cal.zones.size).toBe(0);
  });
});
