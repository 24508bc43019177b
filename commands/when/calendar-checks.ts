/**
 * Checks on the text before chrono-node reads it. chrono silently skips dates that cannot exist ("feb 30",
 * "2026-04-31") and then reads whatever else it finds, or nothing, and it reads "03/04" one way without saying
 * that it could be the other: members deserve to hear what was wrong, so those are refused here, with a reason.
 */
import { UserError } from '#core/errors.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** English month names, for messages. */
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORD = '(?:st|nd|rd|th)?';

const PATTERNS: { re: RegExp; order: 'ymd' | 'dm' | 'md' }[] = [
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, order: 'ymd' },
  {
    re: new RegExp(`(?<![\\d:.])\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+(\\d{4}))?`, 'gi'),
    order: 'dm',
  },
  { re: new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})${ORD}(?![\\d:.])(?:,?\\s+(\\d{4}))?`, 'gi'), order: 'md' },
];

/** Days in a month; February has 29 when the year is unknown (chrono then picks a year, checked later). */
function daysInMonth(month: number, year?: number): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function monthNumber(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

/** Throws a UserError naming the first calendar date in `text` that does not exist. */
export function checkCalendarDates(text: string): void {
  for (const { re, order } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [, a = '', b = '', c] = m;
      let year: number | undefined;
      let month: number;
      let day: number;
      if (order === 'ymd') [year, month, day] = [Number(a), Number(b), Number(c)];
      else if (order === 'dm') [day, month, year] = [Number(a), monthNumber(b), c ? Number(c) : undefined];
      else [month, day, year] = [monthNumber(a), Number(b), c ? Number(c) : undefined];
      if (month < 1 || month > 12) {
        throw new UserError('invalid_input', `"${m[0]}" has no month ${month}.`);
      }
      if (month === 2 && day === 29 && year === undefined) {
        throw new UserError(
          'invalid_input',
          '29 February exists only in leap years: add the year, e.g. `29 feb 2028`.',
        );
      }
      if (day < 1 || day > daysInMonth(month, year)) {
        const name = MONTH_NAMES[month - 1]!;
        const when = year === undefined ? name : `${name} ${year}`;
        throw new UserError('invalid_input', `${when} has no day ${day}: "${m[0].trim()}" is not a real date.`);
      }
    }
  }
}

/** "03/04" could be 3 April or March 4: refuse rather than guess. "13/04" and "04/13" are clear. */
export function checkDayMonthOrder(input: string): void {
  const m = /(?<![\d-])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d:])/.exec(input);
  if (!m) return;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a !== b && a >= 1 && b >= 1 && a <= 12 && b <= 12) {
    const name = (month: number) => MONTH_NAMES[month - 1]!.slice(0, 3);
    throw new UserError(
      'ambiguous',
      `"${m[0]}" could be ${a} ${name(b)} or ${b} ${name(a)}. Write the month as a word, e.g. \`${a} ${name(b)}\`.`,
    );
  }
}
