/**
 * Lengths of time in words ("2h", "90m", "1h30", "1:30", "an hour"), shared by every feature that takes one (a
 * meetup's `duration`, a booking's `for`). Each caller says what it is reading and its bounds (`DurationRules`); a
 * refusal names the unit and gives examples that this parser itself accepts (test/unit/shown-examples.test.ts).
 */
import { UserError } from '#core/errors.ts';

/** What a caller accepts: `what` names the thing in refusals ("A booking lasts at least 15 minutes"). */
export interface DurationRules {
  /** "A booking", "A meetup". */
  readonly what: string;
  /** Fewer minutes are refused (shorter lengths are typos more often than plans). */
  readonly minMinutes: number;
  /** More minutes are refused; undefined: the caller checks its own limit (e.g. a community setting). */
  readonly maxMinutes?: number;
}

/** The longest length of time read: "1 hour 30 minutes" is 17 characters; nothing longer is a length of time. */
export const DURATION_MAX_CHARS = 40;
/** The examples refusals and placeholders show: each is read back by the parser in a test. */
export const DURATION_EXAMPLES = ['2h', '90m', '1h30', '1:30'] as const;

const HOURS = '(?:h|hrs?|hours?)';
const MINUTES = '(?:m|mins?|minutes?)';
const DURATION = new RegExp(`^(?:(\\d{1,4}(?:[.,]\\d{1,2})?)\\s*${HOURS})?\\s*(?:(\\d{1,5})\\s*(${MINUTES})?)?$`);
const TRY = `Try ${DURATION_EXAMPLES.slice(0, -1)
  .map((e) => `\`${e}\``)
  .join(', ')} or \`${DURATION_EXAMPLES.at(-1)}\``;

/** "1 hour", "90 minutes", "2 hours 30 minutes". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? '' : `${h} hour${h === 1 ? '' : 's'}`;
  const mins = m === 0 ? '' : `${m} minute${m === 1 ? '' : 's'}`;
  return [hours, mins].filter(Boolean).join(' ') || '0 minutes';
}

/** Whole minutes as the shortest words the parser reads back: 120 → "2h", 90 → "1h30", 45 → "45m". */
export function durationWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}`;
}

const within = (minutes: number, rules: DurationRules) =>
  minutes >= rules.minMinutes && (rules.maxMinutes === undefined || minutes <= rules.maxMinutes);

/** A length the caller accepts, to show after a refusal: two hours, or the nearest bound. */
function suggestion(rules: DurationRules): string {
  return durationWords(Math.min(Math.max(120, rules.minMinutes), rules.maxMinutes ?? 120));
}

/** "90" alone: hours or minutes? Only the readings the caller accepts are offered (a meetup never lasts 90h). */
function unitMissing(typed: string, n: number, rules: DurationRules): UserError {
  const readings = [
    { words: `${n}h`, minutes: n * 60 },
    { words: `${n}m`, minutes: n },
  ].filter((r) => within(r.minutes, rules));
  if (readings.length === 2) {
    return new UserError('ambiguous', `"${typed}" — hours or minutes? Write \`${n}h\` or \`${n}m\`.`);
  }
  if (readings.length === 1) {
    const r = readings[0]!;
    return new UserError(
      'invalid_input',
      `"${typed}" needs a unit: write \`${r.words}\` for ${durationText(r.minutes)}.`,
    );
  }
  return new UserError('invalid_input', `"${typed}" needs a unit, in hours or minutes. ${TRY}.`);
}

/** The minutes written, or a refusal for what is not a length of time (before any bounds are checked). */
function read(text: string, rules: DurationRules): number {
  const t = text.trim().toLowerCase();
  if (t === '') throw new UserError('invalid_input', `Tell me for how long, in hours or minutes. ${TRY}.`);
  if (/^[-−]/.test(t)) throw new UserError('invalid_input', `${rules.what} cannot last "${text.trim()}". ${TRY}.`);
  if (/^(an?|one) hour$/.test(t)) return 60;
  if (/^half (an )?hour$/.test(t)) return 30;
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const m = DURATION.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined)) {
    throw new UserError('invalid_input', `I couldn't read "${text.trim()}" as a length of time. ${TRY}.`);
  }
  if (m[1] === undefined && m[3] === undefined) throw unitMissing(text.trim(), Number(m[2]), rules);
  return Math.round(Number((m[1] ?? '0').replace(',', '.')) * 60) + Number(m[2] ?? 0);
}

/** How long, in whole minutes, within the caller's bounds: "2h", "1.5 hours", "90m", "1h30", "1:30", "an hour". */
export function parseDuration(text: string, rules: DurationRules): number {
  // Before the patterns, so that no answer can make the regular expression slow.
  if (text.length > DURATION_MAX_CHARS) {
    throw new UserError('too_long', `A length of time needs at most ${DURATION_MAX_CHARS} characters. ${TRY}.`);
  }
  const minutes = read(text, rules);
  if (minutes < rules.minMinutes) {
    throw new UserError(
      'invalid_input',
      `${rules.what} lasts at least ${durationText(rules.minMinutes)}, not "${text.trim()}". Try \`${suggestion(rules)}\`.`,
    );
  }
  if (rules.maxMinutes !== undefined && minutes > rules.maxMinutes) {
    throw new UserError(
      'invalid_input',
      `${rules.what} lasts at most ${durationText(rules.maxMinutes)}, not "${text.trim()}". Try \`${suggestion(rules)}\`.`,
    );
  }
  return minutes;
}
