/**
 * Natural-language meetup dates ("fri 19:00", "next tuesday 6pm", "2026-12-04 19:00") read in the community's
 * time zone. chrono-node finds the date parts relative to `now`; luxon turns those wall-clock parts into an instant
 * in the zone, so a date on the other side of a daylight-saving change still means the local time typed.
 * Every refusal is a UserError a member can act on.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { UserError } from '#core/errors.ts';
import { pickedInstant } from '#core/reply.ts';
import { formatInZone } from '#core/time.ts';
import { checkCalendarDates, MONTH_NAMES } from './impossible-dates.ts';

/** How far ahead a meetup may be planned. */
const MAX_AHEAD_DAYS = 2 * 366;

const EXAMPLES = '`fri 19:00`, `next tuesday 6pm` or `2026-12-04 19:00`';

/**
 * Reads `text` as a date and time in `zone`, relative to `now`. Throws a UserError when it is unparseable,
 * ambiguous, impossible, in the past, or too far ahead.
 */
export function parseWhen(text: string, now: Date, zone: string): Date {
  const input = text.trim();
  if (input === '') throw new UserError('invalid_input', `Tell me when, e.g. ${EXAMPLES}.`);
  const picked = pickedInstant(input);
  if (picked) return checkRange(picked, now, zone);
  checkCalendarDates(input);
  checkDayMonthOrder(input);
  const offset = DateTime.fromJSDate(now, { zone }).offset;
  const results = chrono.parse(input, { instant: now, timezone: offset }, { forwardDate: true });
  if (results.length === 0) {
    throw new UserError('invalid_input', `I couldn't read "${input}" as a date. Try ${EXAMPLES}.`);
  }
  if (results.length > 1) {
    const found = results.map((r) => `"${r.text}"`).join(' and ');
    throw new UserError('ambiguous', `I found more than one date in "${input}" (${found}). Give just one.`);
  }
  const start = results[0]!.start;
  if (!start.isCertain('hour')) {
    const day = formatInZone(instantOf(start, zone, input), zone, 'date');
    throw new UserError('ambiguous', `I read ${day} but no time. Add one, e.g. \`fri 19:00\` or \`fri 7pm\`.`);
  }
  return checkRange(instantOf(start, zone, input), now, zone);
}

/** Still to come, and not absurdly far: the same rule for words and for a platform's date-time picker. */
function checkRange(at: Date, now: Date, zone: string): Date {
  if (at.getTime() <= now.getTime()) {
    throw new UserError('invalid_input', `${formatInZone(at, zone)} is in the past. Pick a time still to come.`);
  }
  if (at.getTime() - now.getTime() > MAX_AHEAD_DAYS * 86_400_000) {
    throw new UserError('invalid_input', `${formatInZone(at, zone)} is more than two years away. Pick a nearer date.`);
  }
  return at;
}

/** The instant chrono's components mean in `zone`. */
function instantOf(start: chrono.ParsedComponents, zone: string, input: string): Date {
  // "in 2 hours" or "19:00 UTC" name an instant, not a wall-clock time in the community's zone.
  if (start.isCertain('timezoneOffset')) return start.date();
  const wall = {
    year: start.get('year')!,
    month: start.get('month')!,
    day: start.get('day')!,
    hour: start.get('hour') ?? 12,
    minute: start.get('minute') ?? 0,
  };
  const dt = DateTime.fromObject(wall, { zone });
  if (!dt.isValid) throw new UserError('invalid_input', `"${input}" is not a date that exists.`);
  if (dt.hour !== wall.hour || dt.minute !== wall.minute) {
    // luxon moved a time that falls in a spring-forward gap; say so rather than silently shift it.
    const hm = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
    throw new UserError(
      'invalid_input',
      `${hm} does not exist on ${dt.toFormat('ccc d LLL yyyy')} in ${zone}: the clocks go forward then. Pick another time.`,
    );
  }
  return dt.toJSDate();
}

/** "03/04" could be 3 April or March 4: refuse rather than guess. "13/04" and "04/13" are clear. */
function checkDayMonthOrder(input: string): void {
  const m = /(?<![\d-])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d:])/.exec(input);
  if (!m) return;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a !== b && a >= 1 && b >= 1 && a <= 12 && b <= 12) {
    const name = (month: number) => MONTH_NAMES[month - 1]!.slice(0, 3);
    throw new UserError(
      'ambiguous',
      `"${m[0]}" could be ${a} ${name(b)} or ${b} ${name(a)}. Write the month as a word, e.g. \`${a} ${name(b)} 19:00\`.`,
    );
  }
}
