/**
 * A series as one calendar event: a VEVENT whose RRULE repeats it in the community's zone (DTSTART;TZID with the
 * zone's VTIMEZONE, so a weekly 19:00 stays 19:00 across daylight-saving changes, as recurrence.ts does), an EXDATE
 * for each cancelled date, an UNTIL once the series has ended, and an override (RECURRENCE-ID) for each date that
 * was moved or changed. One UID for the series: re-importing the file updates the event instead of doubling it.
 */
import type { MeetupRecord, SeriesRecord } from './store.ts';
import type { MeetupEnv } from './format.ts';
import { zoneTable } from '#core/calendar-zone.ts';
import { icalDocument, icalText, localStamp, utcStamp } from '#core/ical.ts';
import { rruleValue } from './recurrence.ts';

const YEAR = 366 * 86_400_000;
/** How far the zone's definition reaches past the last date shown: calendars extend the rule beyond it. */
const ZONE_YEARS_AHEAD = 5;

const slotOf = (m: MeetupRecord) => m.slotAt ?? m.startsAt;
const lengthOf = (m: MeetupRecord) => m.endsAt.getTime() - m.startsAt.getTime();

/** One UID for the series: its file's events, and the file of any one of its dates (calendar.ts), share it. */
export function seriesUid(series: Pick<SeriesRecord, 'id' | 'community'>): string {
  return `series-${series.id}.${series.community.replace(':', '-')}@hallway`;
}

/** SUMMARY, LOCATION and DESCRIPTION of an occurrence, and its times in the series' zone. */
function details(m: MeetupRecord, zone: string): string[] {
  return [
    `DTSTART;TZID=${zone}:${localStamp(m.startsAt, zone)}`,
    `DTEND;TZID=${zone}:${localStamp(m.endsAt, zone)}`,
    `SUMMARY:${icalText(m.title)}`,
    ...(m.location ? [`LOCATION:${icalText(m.location)}`] : []),
    ...(m.description ? [`DESCRIPTION:${icalText(m.description)}`] : []),
  ];
}

/** A date that no longer looks as the rule and the master say: moved, lengthened, renamed, or placed elsewhere. */
function differs(m: MeetupRecord, master: MeetupRecord): boolean {
  return (
    m.startsAt.getTime() !== slotOf(m).getTime() ||
    lengthOf(m) !== lengthOf(master) ||
    m.title !== master.title ||
    m.location !== master.location ||
    m.description !== master.description
  );
}

/**
 * The .ics text of a series. `created` are its occurrences created so far, by series date; the latest gives the
 * title, place and length the next ones will have (as extendSeries copies it).
 */
export function seriesCalendar(
  env: Pick<MeetupEnv, 'now'>,
  series: SeriesRecord,
  created: readonly MeetupRecord[],
): string {
  const zone = series.timezone;
  const sorted = [...created].sort((a, b) => slotOf(a).getTime() - slotOf(b).getTime());
  const master = sorted.at(-1)!;
  const first = {
    ...master,
    startsAt: series.firstStartsAt,
    endsAt: new Date(+series.firstStartsAt + lengthOf(master)),
  };
  const uid = seriesUid(series);
  const stamp = `DTSTAMP:${utcStamp(env.now)}`;
  const until = series.active ? undefined : slotOf(master);
  const cancelled = sorted.filter((m) => m.status === 'cancelled');
  const overrides = sorted.filter((m) => m.status !== 'cancelled' && differs(m, master));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hallway//Meetups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalText(master.title)}`,
    ...zoneTable(zone, +series.firstStartsAt - YEAR, +slotOf(master) + ZONE_YEARS_AHEAD * YEAR).lines(),
    'BEGIN:VEVENT',
    `UID:${uid}`,
    stamp,
    ...details(first, zone),
    `RRULE:${rruleValue(series.repeat, series.firstStartsAt, zone, until)}`,
    ...cancelled.map((m) => `EXDATE;TZID=${zone}:${localStamp(slotOf(m), zone)}`),
    'END:VEVENT',
    ...overrides.flatMap((m) => [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      stamp,
      `RECURRENCE-ID;TZID=${zone}:${localStamp(slotOf(m), zone)}`,
      ...details(m, zone),
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return icalDocument(lines);
}
