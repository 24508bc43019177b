/**
 * Dates and durations as members write them. Every date goes through `readWhen`, the one call to the shared date
 * parser (today the meetups one, exported from its feature; when the parsers are merged, only this import moves).
 */
import { UserError } from '#core/errors.ts';
import { pickedInstant } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { parseWhen } from '../meetups/index.ts';

/** Reads a date and time in words in `zone` (or a picker's instant); refuses past, impossible and ambiguous ones. */
export function readWhen(text: string, now: Date, zone: string): Date {
  return parseWhen(text, now, zone);
}

/** The hour a due date given as a day alone ("next monday") means: the end of a working day. */
const DUE_HOUR = '18:00';

/** A due date: a day alone ("next monday", "2026-12-01") means that day at 18:00. */
export function readUntil(text: string, now: Date, zone: string): Date {
  try {
    return readWhen(text, now, zone);
  } catch (error) {
    // "I read Mon 23 Nov but no time": the one refusal a day alone gets. Anything else stays refused as it was.
    if (!(error instanceof UserError) || error.code !== 'ambiguous' || pickedInstant(text)) throw error;
    try {
      return readWhen(`${text.trim()} ${DUE_HOUR}`, now, zone);
    } catch (retried) {
      // "yesterday" read as a day is in the past: say that. Still ambiguous: the first answer says more.
      throw retried instanceof UserError && retried.code !== 'ambiguous' ? retried : error;
    }
  }
}

/** "I read "fri 14:00" as Fri 20 Nov 2026, 14:00 (Europe/Paris).", or "Set for …" for a picker. */
export function echo(typed: string, at: Date, zone: string): string {
  if (pickedInstant(typed)) return `Set for ${fmt.bold(formatInZone(at, zone))}.`;
  return `I read "${typed}" as ${fmt.bold(formatInZone(at, zone))}.`;
}

/** The shortest booking: shorter ones are typos more often than plans. */
export const MIN_MINUTES = 15;

const HOURS = '(?:h|hrs?|hours?)';
const MINUTES = '(?:m|mins?|minutes?)';
const DURATION = new RegExp(`^(?:(\\d{1,4}(?:[.,]\\d{1,2})?)\\s*${HOURS})?\\s*(?:(\\d{1,5})\\s*(${MINUTES})?)?$`);
const EXAMPLES = '`2h`, `90m`, `1h30` or `1:30`';

/** How long, in whole minutes: "2h", "1.5 hours", "90m", "1h30", "1:30", "an hour", "half an hour". */
export function parseDuration(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === '') throw new UserError('invalid_input', `Tell me for how long, e.g. ${EXAMPLES}.`);
  if (/^[-−]/.test(t)) throw new UserError('invalid_input', `A booking cannot last "${text.trim()}". Try ${EXAMPLES}.`);
  if (/^(an?|one) hour$/.test(t)) return 60;
  if (/^half (an )?hour$/.test(t)) return 30;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(t);
  const m = clock ? undefined : DURATION.exec(t);
  if (!clock && (!m || (m[1] === undefined && m[2] === undefined))) {
    throw new UserError('invalid_input', `I couldn't read "${text.trim()}" as a length of time. Try ${EXAMPLES}.`);
  }
  if (m && m[1] === undefined && m[3] === undefined) {
    throw new UserError('ambiguous', `"${text.trim()}" — hours or minutes? Write \`${m[2]}h\` or \`${m[2]}m\`.`);
  }
  const minutes = clock
    ? Number(clock[1]) * 60 + Number(clock[2])
    : Math.round(Number((m![1] ?? '0').replace(',', '.')) * 60) + Number(m![2] ?? 0);
  if (minutes < MIN_MINUTES) {
    throw new UserError('invalid_input', `A booking lasts at least ${MIN_MINUTES} minutes, not "${text.trim()}".`);
  }
  return minutes;
}
