/**
 * Dates in words ("fri 19:00", "tomorrow 6pm", "2026-12-04 19:00", "dec 3", "in 3 weeks") read in the community's
 * time zone, for every command that takes one. chrono-node finds the date parts relative to `now`; luxon turns those
 * wall-clock parts into an instant in the zone, so a date on the other side of a daylight-saving change still means
 * the local time typed. Every refusal is a UserError a member can act on, with examples that work now.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { UserError } from '#core/errors.ts';
import { pickedInstant } from '#core/reply.ts';
import { formatInZone } from '#core/time.ts';
import { checkGuessedYear, checkNextWeekday } from './ambiguity.ts';
import { checkCalendarDates, checkDayMonthOrder } from './calendar-checks.ts';
import { type WhenRules, whenExamples } from './rules.ts';

/** The longest date in words read: "next friday 19:00" is 17; the meetups form allows 100. */
export const WHEN_MAX_CHARS = 100;

/**
 * The instant `text` names, read in `zone` relative to `now` under `rules`. Throws a UserError when it is empty,
 * unreadable, impossible ("feb 30"), ambiguous (two dates, "03/04", "next tuesday" on a Monday, a passed date
 * without a year), at a time the clocks skip, in the past, or further ahead than the rules allow.
 */
export function readWhen(text: string, now: Date, zone: string, rules: WhenRules): Date {
  // Before any other work: chrono's time grows much faster than the text (a 100k-character answer took seconds).
  if (text.length > WHEN_MAX_CHARS) {
    throw new UserError(
      'too_long',
      `A date needs at most ${WHEN_MAX_CHARS} characters. For example ${whenExamples(now, zone, rules)}.`,
    );
  }
  // "3 weeks" alone means "in 3 weeks".
  const input = text.trim().replace(/^(\d+)\s*(day|week|month)s?$/i, 'in $1 $2s');
  const hint = `For example ${whenExamples(now, zone, rules)}.`;
  if (input === '') throw new UserError('invalid_input', 'Tell me when.', hint);
  const picked = pickedInstant(input);
  if (picked) return checkRange(rules.reads === 'day' ? startOfDay(picked, zone) : picked, now, zone, rules);
  checkCalendarDates(input);
  checkDayMonthOrder(input);
  checkNextWeekday(input, now, zone);
  const offset = DateTime.fromJSDate(now, { zone }).offset;
  const results = chrono.parse(input, { instant: now, timezone: offset }, { forwardDate: true });
  if (results.length === 0) throw new UserError('invalid_input', `I couldn't read "${input}" as a date.`, hint);
  if (results.length > 1) {
    const found = results.map((r) => `"${r.text}"`).join(' and ');
    throw new UserError('ambiguous', `I found more than one date in "${input}" (${found}). Give just one.`, hint);
  }
  const result = results[0]!;
  const at = checkRange(nextOfWeekday(result, input, now, zone, rules), now, zone, rules);
  checkGuessedYear(input, result.start, at, now, zone);
  return at;
}

/** Still to come, and not too far: the same rule for words and for a platform's date-time picker. */
function checkRange(at: Date, now: Date, zone: string, rules: WhenRules): Date {
  if (at.getTime() <= now.getTime()) {
    throw new UserError(
      'invalid_input',
      rules.reads === 'day'
        ? `${formatInZone(at, zone, 'date')} has already begun. Pick a day still to come.`
        : `${formatInZone(at, zone)} is in the past. Pick a time still to come.`,
    );
  }
  const max = rules.maxAhead;
  if (max && at.getTime() - now.getTime() > max.days * 86_400_000) {
    const shown = formatInZone(at, zone, rules.reads === 'day' ? 'date' : 'full');
    throw new UserError(
      'invalid_input',
      `${shown} is more than ${max.words} away. ${max.instead ?? 'Pick a nearer date.'}`,
    );
  }
  return at;
}

const startOfDay = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).startOf('day').toJSDate();

/**
 * A weekday names the nearest one still to come ("next friday" the one after). chrono is not consistent about
 * today's weekday: "fri 14:30" said on Friday at 14:00 in Paris is next week, "fri 14:00" said at 14:00 is today
 * (then refused as past), and "until:friday" said on a Friday is a day already begun. The rule here is one.
 */
function nextOfWeekday(result: chrono.ParsedResult, input: string, now: Date, zone: string, rules: WhenRules): Date {
  const at = instantOf(result, input, zone, rules);
  if (!result.start.isCertain('weekday') || result.start.isCertain('day')) return at;
  if (at.getTime() <= now.getTime()) return instantOf(result, input, zone, rules, 1);
  if (/\bnext\b/i.test(input)) return at;
  const weekEarlier = instantOf(result, input, zone, rules, -1);
  return weekEarlier.getTime() > now.getTime() ? weekEarlier : at;
}

/** The instant chrono's reading (moved `weeks` ahead) means in `zone`, under the rules for a missing time. */
function instantOf(result: chrono.ParsedResult, input: string, zone: string, rules: WhenRules, weeks = 0): Date {
  const { start } = result;
  // "in 2 hours" or "19:00 UTC" name an instant, not a wall-clock time in the community's zone.
  if (start.isCertain('timezoneOffset')) {
    const instant = new Date(start.date().getTime() + weeks * 7 * 86_400_000);
    return rules.reads === 'day' ? startOfDay(instant, zone) : instant;
  }
  const date = DateTime.fromObject(
    { year: start.get('year')!, month: start.get('month')!, day: start.get('day')! },
    { zone },
  ).plus({ weeks });
  if (!date.isValid) throw new UserError('invalid_input', `"${input}" is not a date that exists.`);
  // The first instant of the day: 01:00 where the clocks skip midnight.
  if (rules.reads === 'day') return date.startOf('day').toJSDate();
  if (!start.isCertain('hour')) {
    if (rules.withoutTime === 'end-of-day')
      return date.plus({ days: 1 }).startOf('day').minus({ minutes: 1 }).toJSDate();
    if (typeof rules.withoutTime === 'object') return wallClock(date, rules.withoutTime.hour, 0, zone);
    const example = result.text === input ? `${input} 19:00` : `${date.toFormat('yyyy-MM-dd')} 19:00`;
    throw new UserError(
      'ambiguous',
      `I read ${date.toFormat('ccc d LLL yyyy')} but no time. Add one, e.g. \`${example}\` or \`${example.replace(' 19:00', ' 7pm')}\`.`,
    );
  }
  return wallClock(date, start.get('hour')!, start.get('minute') ?? 0, zone);
}

/** `hour:minute` on `date` in `zone`; refused when the clocks skip it (spring forward) rather than shifted. */
function wallClock(date: DateTime, hour: number, minute: number, zone: string): Date {
  const at = date.set({ hour, minute, second: 0, millisecond: 0 });
  if (at.hour !== hour || at.minute !== minute) {
    const hm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    throw new UserError(
      'invalid_input',
      `${hm} does not exist on ${date.toFormat('ccc d LLL yyyy')} in ${zone}: the clocks go forward then. Pick another time.`,
    );
  }
  return at.toJSDate();
}
