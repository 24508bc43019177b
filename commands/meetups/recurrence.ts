/**
 * Recurring meetups. rrule works on "floating" wall-clock times here: the first start's local date and time in the
 * series' zone is written as if it were UTC, rrule steps through those, and each result is read back as a local
 * time in the zone with luxon. So a weekly 19:00 stays 19:00 local across daylight-saving changes instead of
 * drifting by an hour, which is what stepping real instants would do.
 */
import { DateTime } from 'luxon';
import rrule, { type Weekday } from 'rrule';
import type { Repeat } from './store.ts';

export const REPEATS = ['weekly', 'biweekly', 'monthly'] as const satisfies readonly Repeat[];

// rrule ships CommonJS to Node: its named exports are reachable through the default export only.
const { Frequency, RRule } = rrule;

const WEEKDAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
const ORDINALS = ['first', 'second', 'third', 'fourth'];

/** Which weekday of its month a date is: 1-4, or -1 for a fifth one (read as "the last", which every month has). */
export function nthWeekdayOf(day: number): number {
  const nth = Math.ceil(day / 7);
  return nth >= 5 ? -1 : nth;
}

function floating(at: Date, zone: string): Date {
  const dt = DateTime.fromJSDate(at, { zone });
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute));
}

function unfloat(wall: Date, zone: string): Date {
  return DateTime.fromObject(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
    },
    { zone },
  ).toJSDate();
}

/** The rrule of a series that starts at `first` (local wall time in `zone`). */
export function ruleFor(repeat: Repeat, first: Date, zone: string): InstanceType<typeof RRule> {
  const dtstart = floating(first, zone);
  const weekday: Weekday = WEEKDAYS[(dtstart.getUTCDay() + 6) % 7]!;
  if (repeat === 'monthly') {
    return new RRule({
      freq: Frequency.MONTHLY,
      dtstart,
      byweekday: [weekday.nth(nthWeekdayOf(dtstart.getUTCDate()))],
    });
  }
  return new RRule({ freq: Frequency.WEEKLY, interval: repeat === 'biweekly' ? 2 : 1, dtstart, byweekday: [weekday] });
}

/**
 * The series' RRULE value for a calendar file whose DTSTART carries the zone (`FREQ=WEEKLY;BYDAY=FR`), ending at
 * `until` (a real instant, written in UTC as RFC 5545 requires with a zoned DTSTART) when the series has ended.
 */
export function rruleValue(repeat: Repeat, first: Date, zone: string, until?: Date): string {
  const { dtstart: _floating, ...rule } = ruleFor(repeat, first, zone).origOptions;
  return RRule.optionsToString({ ...rule, ...(until && { until }) }).replace(/^RRULE:/, '');
}

/** The first occurrence strictly after `after` (a real instant), as a real instant. */
export function nextOccurrence(repeat: Repeat, first: Date, zone: string, after: Date): Date | undefined {
  const next = ruleFor(repeat, first, zone).after(floating(after, zone), false);
  if (!next) return undefined;
  const at = unfloat(next, zone);
  // Within the hour that repeats when clocks go back, wall-time order and real order can differ by an hour.
  return at.getTime() > after.getTime()
    ? at
    : nextOccurrence(repeat, first, zone, new Date(after.getTime() + 3_600_000));
}

/** Up to `count` occurrences starting at or after `from`. */
export function occurrencesFrom(repeat: Repeat, first: Date, zone: string, from: Date, count: number): Date[] {
  const out: Date[] = [];
  const rule = ruleFor(repeat, first, zone);
  rule.all((date, i) => {
    if (i >= count + 1000) return false;
    const at = unfloat(date, zone);
    if (at.getTime() >= from.getTime()) out.push(at);
    return out.length < count;
  });
  return out;
}

/** "every Friday at 19:00", "every other Tuesday at 18:30", "the first Friday of every month at 19:00". */
export function describeRepeat(repeat: Repeat, first: Date, zone: string): string {
  const dt = DateTime.fromJSDate(first, { zone }).setLocale('en');
  const day = dt.toFormat('cccc');
  const time = dt.toFormat('HH:mm');
  if (repeat === 'weekly') return `every ${day} at ${time}`;
  if (repeat === 'biweekly') return `every other ${day} at ${time}`;
  const nth = nthWeekdayOf(dt.day);
  return `the ${nth === -1 ? 'last' : ORDINALS[nth - 1]} ${day} of every month at ${time}`;
}

/** Reads "weekly", "every week", "biweekly", "every other week", "fortnightly", "monthly", "every month". */
export function parseRepeat(text: string): Repeat | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(weekly|every week)$/.test(t)) return 'weekly';
  if (/^(biweekly|bi-weekly|fortnightly|every other week|every 2 weeks|every two weeks)$/.test(t)) return 'biweekly';
  if (/^(monthly|every month)$/.test(t)) return 'monthly';
  return undefined;
}

/** Splits a trailing repeat ("fri 19:00 weekly") off a `when` text, so the form's one field can carry both. */
export function splitRepeat(when: string): { when: string; repeat?: Repeat } {
  const m =
    /^(.*?)[\s,]+(weekly|every week|bi-?weekly|fortnightly|every other week|every 2 weeks|monthly|every month)\s*$/i.exec(
      when.trim(),
    );
  if (!m) return { when };
  return { when: m[1]!, repeat: parseRepeat(m[2]!) };
}
