/**
 * Dates and durations as members write them. Dates go through the shared parser (`commands/when`) under the rules
 * of each resources command; durations are read here, since only bookings have them.
 */
import { UserError } from '#core/errors.ts';
import { echoWhen, readWhen, type WhenRules } from '../when/index.ts';

/** A booking's start (and `/resource browse free:`): a moment, with its time. */
export const BOOKING_START: WhenRules = { reads: 'moment', withoutTime: 'refuse' };
/** A loan's due date: a day alone ("next monday") means that day at 18:00, the end of a working day. */
export const LOAN_DUE: WhenRules = { reads: 'moment', withoutTime: { hour: 18 }, option: 'until' };

/** Reads a booking's start in words in `zone` (or a picker's instant); refuses past, impossible and ambiguous ones. */
export function readStart(text: string, now: Date, zone: string): Date {
  return readWhen(text, now, zone, BOOKING_START);
}

/** A loan's due date. */
export function readUntil(text: string, now: Date, zone: string): Date {
  return readWhen(text, now, zone, LOAN_DUE);
}

/** "I read "fri 14:00" as Fri 20 Nov 2026, 14:00 (Europe/Paris).", or "Set for …" for a picker. */
export function echo(typed: string, at: Date, zone: string): string {
  return echoWhen(typed, at, zone, BOOKING_START);
}

/** The shortest booking: shorter ones are typos more often than plans. */
export const MIN_MINUTES = 15;

const HOURS = '(?:h|hrs?|hours?)';
const MINUTES = '(?:m|mins?|minutes?)';
const DURATION = new RegExp(`^(?:(\\d{1,4}(?:[.,]\\d{1,2})?)\\s*${HOURS})?\\s*(?:(\\d{1,5})\\s*(${MINUTES})?)?$`);
/** The longest length of time read. */
export const DURATION_MAX_CHARS = 40;
const EXAMPLES = '`2h`, `90m`, `1h30` or `1:30`';

/** How long, in whole minutes: "2h", "1.5 hours", "90m", "1h30", "1:30", "an hour", "half an hour". */
export function parseDuration(text: string): number {
  // Before the patterns: "1 hour 30 minutes" is 17 characters; nothing longer is a length of time.
  if (text.length > DURATION_MAX_CHARS) {
    throw new UserError(
      'too_long',
      `A length of time needs at most ${DURATION_MAX_CHARS} characters. Try ${EXAMPLES}.`,
    );
  }
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
