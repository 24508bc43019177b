/** Reads a feedback deadline ("friday", "in 3 days", "dec 3 18:00") in the community's zone. */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { UserError } from '#core/errors.ts';

/**
 * The instant `text` names, read in `zone` relative to `now`. A day without a time means the end of that day
 * (a deadline of "friday" leaves all of Friday). Throws a UserError for text that names no time or a past one.
 */
export function parseDeadline(text: string, now: Date, zone: string): Date {
  // chrono takes the zone as an offset in minutes; it reads the wall clock there.
  const offset = DateTime.fromJSDate(now, { zone }).offset;
  const result = chrono.parse(text, { instant: now, timezone: offset }, { forwardDate: true })[0];
  if (!result) {
    throw new UserError(
      'invalid_input',
      `I can't read "${text}" as a date. Try "friday", "in 3 days" or "dec 3 18:00".`,
    );
  }
  const start = result.start;
  const timed = start.isCertain('hour');
  // Rebuilt with luxon so a deadline across a daylight-saving change keeps its wall-clock time.
  const local = DateTime.fromObject(
    {
      year: start.get('year') ?? undefined,
      month: start.get('month') ?? undefined,
      day: start.get('day') ?? undefined,
      hour: timed ? (start.get('hour') ?? 0) : 23,
      minute: timed ? (start.get('minute') ?? 0) : 59,
    },
    { zone },
  );
  const due = local.toJSDate();
  if (!local.isValid || due.getTime() <= now.getTime()) {
    throw new UserError('invalid_input', `"${text}" is already past. Give a deadline in the future.`);
  }
  return due;
}
