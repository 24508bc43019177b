/**
 * What each command accepts, as options of the one parser (`readWhen`): a meetup needs a time, a deadline may be a
 * bare day (the end of it), a pause ends at the start of a day. Also the examples shown when a date is refused,
 * written from "now" so that every example offered is one the parser accepts at that moment.
 */
import { DateTime } from 'luxon';
import { fmt } from '#core/text.ts';

export interface WhenRules {
  /** `moment`: a date and a time (an instant); `day`: a day only, meaning its start (a time typed with it is ignored). */
  readonly reads: 'moment' | 'day';
  /**
   * A moment typed without a time: `refuse` (a meetup needs one), `end-of-day` (a deadline of "friday" leaves all
   * of Friday) or an hour of that day (a loan due "monday" is due at the end of a working day). Default `refuse`.
   */
  readonly withoutTime?: 'refuse' | 'end-of-day' | { readonly hour: number };
  /** How far ahead it may be (default: no limit): in days, in words for the refusal, and what to do instead. */
  readonly maxAhead?: { readonly days: number; readonly words: string; readonly instead?: string };
  /** The option the member typed it in (`until`), so that examples read as they would type them. */
  readonly option?: string;
}

/** Typed examples that the parser accepts at `now` for these rules, e.g. "`wed 19:00`, `tomorrow 18:00` or …". */
export function whenExamples(now: Date, zone: string, rules: WhenRules): string {
  const local = DateTime.fromJSDate(now, { zone });
  // Two days on: never today (maybe past already) and never "next <day>" (ambiguous on some days).
  const weekday = local.plus({ days: 2 }).toFormat('ccc').toLowerCase();
  const soon = local.plus({ days: 10 });
  const examples =
    rules.reads === 'day'
      ? [soon.toFormat('yyyy-MM-dd'), weekday, 'in 3 weeks']
      : rules.withoutTime !== undefined && rules.withoutTime !== 'refuse'
        ? [weekday, 'in 3 days', `${soon.toFormat('d LLL').toLowerCase()} 18:00`]
        : [`${weekday} 19:00`, 'tomorrow 18:00', `${soon.toFormat('yyyy-MM-dd')} 19:00`];
  const quoted = (e: string) => (e.includes(' ') ? `"${e}"` : e);
  const typed = examples.map((e) => fmt.code(rules.option ? `${rules.option}:${quoted(e)}` : e));
  return `${typed.slice(0, -1).join(', ')} or ${typed[typed.length - 1]}`;
}
