/**
 * Calendar feeds (`/calendar/<token>.ics`) as neutral data and their iCalendar text (RFC 5545). Features give the
 * events of a member's feed through the `calendarEvents` hook; the web surface writes them with `calendarFeed`.
 * Times are written in the community's wall time with its VTIMEZONE, so a subscriber sees "19:00 Europe/Paris"
 * whatever their own zone; an instant its zone makes ambiguous (the repeated hour of a fall-back night) is written
 * in UTC instead, so it is never read as the other one.
 */
import { type ZoneTable, zoneTable } from './calendar-zone.ts';

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

/** TEXT as iCalendar escapes it; control characters (member text) dropped, newlines kept as `\n`. */
function text(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (continuations start with one space). */
export function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** `DTSTART;TZID=zone:wall time`, or in UTC when the wall time would name another instant. */
function dateLine(name: string, at: Date, zone: string, table: ZoneTable): string {
  const { wall, readsBack } = table.wallTimeOf(at.getTime());
  return readsBack ? `${name};TZID=${zone}:${wall}` : `${name}:${utc(at)}`;
}

function eventLines(event: CalendarEvent, feed: CalendarFeed, table: ZoneTable): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${text(event.uid)}`,
    `DTSTAMP:${utc(feed.now)}`,
    dateLine('DTSTART', event.startsAt, feed.timezone, table),
    dateLine('DTEND', event.endsAt, feed.timezone, table),
    `SUMMARY:${text(event.title)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${text(event.description)}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ];
}

/** The feed's .ics text: its events soonest first, with CRLF line ends and folded lines. */
export function calendarFeed(feed: CalendarFeed): string {
  const events = [...feed.events].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.uid < b.uid ? -1 : 1),
  );
  const first = Math.min(...events.map((e) => e.startsAt.getTime()));
  const last = Math.max(...events.map((e) => e.endsAt.getTime()));
  const table = events.length === 0 ? undefined : zoneTable(feed.timezone, first, last);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hallway//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(feed.name)}`,
    `X-WR-TIMEZONE:${feed.timezone}`,
    // Asks calendar apps to fetch again hourly (most choose their own pace; this is the hint they read).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...(table ? [...table.lines(), ...events.flatMap((e) => eventLines(e, feed, table))] : []),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
