/**
 * Dates with two readings, refused with both (the README promises that ambiguous dates are refused with a reason):
 * "next tuesday" said earlier in the same week (tomorrow, or the Tuesday after?), and a date typed without a year
 * that has already passed this year — read as next year's, it lands months away, more likely a slip than a plan.
 */
import type { ParsedComponents } from 'chrono-node';
import { DateTime } from 'luxon';
import { UserError } from '#core/errors.ts';
import { fmt } from '#core/text.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const NEXT_WEEKDAY = /\bnext\s+(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?/i;
const WEEK_MS = 7 * 86_400_000;
/** A date typed without a year that was moved to next year is asked about when it lands more weeks ahead than this. */
export const GUESSED_YEAR_WEEKS = 8;

const inDays = (n: number) => (n === 1 ? 'tomorrow' : `in ${n} days`);
const day = (at: DateTime) => at.toFormat('d LLL').toLowerCase();

/**
 * "next <weekday>" for a weekday still ahead in this Monday-to-Sunday week: this week's or next week's? Said on a
 * Monday, "next tuesday" is tomorrow or in eight days. A weekday already past this week has one reading.
 */
export function checkNextWeekday(input: string, now: Date, zone: string): void {
  const match = NEXT_WEEKDAY.exec(input);
  if (!match) return;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const ahead = WEEKDAYS.indexOf(match[1]!.toLowerCase()) + 1 - today.weekday;
  if (ahead <= 0) return;
  const first = today.plus({ days: ahead });
  const second = first.plus({ days: 7 });
  const said = (at: DateTime) => fmt.code(input.replace(match[0], day(at)));
  throw new UserError(
    'ambiguous',
    `"${match[0]}" could be ${first.toFormat('ccc d LLL')} (${inDays(ahead)}) or ${second.toFormat('ccc d LLL')} ` +
      `(${inDays(ahead + 7)}). Say which with the date: ${said(first)} or ${said(second)}.`,
  );
}

/**
 * A date typed without a year ("dec 3 18:00") that has passed this year: chrono reads it as next year's. Within a
 * few weeks that is what anyone means ("jan 5" typed in late December); further, the member is asked for the year.
 */
export function checkGuessedYear(input: string, start: ParsedComponents, at: Date, now: Date, zone: string): void {
  if (start.isCertain('year') || !start.isCertain('month')) return;
  const today = DateTime.fromJSDate(now, { zone });
  const read = DateTime.fromJSDate(at, { zone });
  if (read.year <= today.year || at.getTime() - now.getTime() <= GUESSED_YEAR_WEEKS * WEEK_MS) return;
  const passed = read.set({ year: today.year });
  const example = read.toFormat(start.isCertain('hour') ? 'd LLL yyyy HH:mm' : 'd LLL yyyy').toLowerCase();
  throw new UserError(
    'ambiguous',
    `"${input}" has no year: ${passed.toFormat('ccc d LLL yyyy')} has passed, and ${read.toFormat('ccc d LLL yyyy')} ` +
      `is ${Math.round((at.getTime() - now.getTime()) / WEEK_MS)} weeks away. If you mean that, add the year: ` +
      `${fmt.code(example)}.`,
  );
}
