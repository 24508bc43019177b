/**
 * Calendar feeds (`/calendar/<token>.ics`) as neutral data and their iCalendar text (RFC 5545). Features give the
 * events of a member's feed through the `calendarEvents` hook; the web surface writes them with `calendarFeed`, and a
 * feature writes a one-off file of the same events with `calendarFile`. The primitives are in ical.ts.
 * Times are written in the community's wall time with its VTIMEZONE, so a subscriber sees "19:00 Europe/Paris"
 * whatever their own zone; an instant its zone makes ambiguous (the repeated hour of a fall-back night) is written
 * in UTC instead, so it is never read as the other one.
 */
import { type ZoneTable, zoneTable } from './calendar-zone.ts';
import { icalDocument, icalText, utcStamp } from './ical.ts';

/** One event of a feed. */
export interface CalendarEvent {
  /** Stable and unique across communities, so a calendar app updates the event instead of doubling it. */
  readonly uid: string;
  readonly title: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly location?: string;
  readonly description?: string;
  /** Kept in the feed, marked cancelled, for calendar apps to strike out (or drop). */
  readonly cancelled?: boolean;
  /**
   * For one date of a repeating event whose `uid` is the whole series': the date the rule gave it (RFC 5545
   * 3.8.4.4), so a calendar that has the series merges this date into it instead of showing it twice.
   */
  readonly recurrenceId?: Date;
}

export interface CalendarFeed {
  /** What calendar apps call the subscription. */
  readonly name: string;
  /** The community's IANA zone. */
  readonly timezone: string;
  /** DTSTAMP, from the injected clock. */
  readonly now: Date;
  readonly events: readonly CalendarEvent[];
}

/** `DTSTART;TZID=zone:wall time`, or in UTC when the wall time would name another instant. */
function dateLine(name: string, at: Date, zone: string, table: ZoneTable): string {
  const { wall, readsBack } = table.wallTimeOf(at.getTime());
  return readsBack ? `${name};TZID=${zone}:${wall}` : `${name}:${utcStamp(at)}`;
}

function eventLines(event: CalendarEvent, feed: CalendarFeed, table: ZoneTable): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${icalText(event.uid)}`,
    `DTSTAMP:${utcStamp(feed.now)}`,
    // Written as the series writes its rule's dates (always in the zone), so the two name the same instance.
    ...(event.recurrenceId
      ? [`RECURRENCE-ID;TZID=${feed.timezone}:${table.wallTimeOf(event.recurrenceId.getTime()).wall}`]
      : []),
    dateLine('DTSTART', event.startsAt, feed.timezone, table),
    dateLine('DTEND', event.endsAt, feed.timezone, table),
    `SUMMARY:${icalText(event.title)}`,
    ...(event.location ? [`LOCATION:${icalText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${icalText(event.description)}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ];
}

/** A calendar's text: its events soonest first in the zone they name, framed by `header`, folded, CRLF. */
function calendarText(calendar: CalendarFeed, header: readonly string[]): string {
  const events = [...calendar.events].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.uid < b.uid ? -1 : 1),
  );
  // The zone's definition covers every time written, a moved date's original one (its RECURRENCE-ID) included.
  const times = events.flatMap((e) => [e.startsAt, e.endsAt, ...(e.recurrenceId ? [e.recurrenceId] : [])]);
  const first = Math.min(...times.map((t) => t.getTime()));
  const last = Math.max(...times.map((t) => t.getTime()));
  const table = events.length === 0 ? undefined : zoneTable(calendar.timezone, first, last);
  return icalDocument([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    ...header,
    `X-WR-CALNAME:${icalText(calendar.name)}`,
    `X-WR-TIMEZONE:${calendar.timezone}`,
    ...(table ? [...table.lines(), ...events.flatMap((e) => eventLines(e, calendar, table))] : []),
    'END:VCALENDAR',
  ]);
}

/** The text of a subscribed feed (`/calendar/<token>.ics`). */
export function calendarFeed(feed: CalendarFeed): string {
  return calendarText(feed, [
    'PRODID:-//Hallway//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    // Asks calendar apps to fetch again hourly (most choose their own pace; this is the hint they read).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ]);
}

/** The text of a file to import once (a meetup's or a booking's `.ics`): the same events, without a subscription's refresh hints. */
export function calendarFile(file: CalendarFeed): string {
  return calendarText(file, ['PRODID:-//Hallway//Calendar file//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
}
