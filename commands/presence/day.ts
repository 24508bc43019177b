/**
 * The community's day: presence lives within it. Pure. `until` is read in words by the shared date parser (today
 * the meetups parser: the one call is here, so it is easy to repoint) and must fall later today.
 */
import { DateTime } from 'luxon';
import { UserError } from '#core/errors.ts';
import { formatInZone } from '#core/time.ts';
import { readWhen, type WhenRules } from '../when/index.ts';

export interface Day {
  /** yyyy-MM-dd in the zone. */
  readonly key: string;
  /** Midnight at the end of the day: when presence is forgotten. */
  readonly end: Date;
  /** Noon: morning nudges go out before it. */
  readonly noon: Date;
}

/** The day holding `now` in `zone`. */
export function dayOf(now: Date, zone: string): Day {
  const start = DateTime.fromJSDate(now, { zone }).startOf('day');
  return {
    key: start.toFormat('yyyy-MM-dd'),
    end: start.plus({ days: 1 }).toJSDate(),
    noon: start.set({ hour: 12 }).toJSDate(),
  };
}

/** `until:` — a moment (a time of day is enough); the checks below keep it to today. */
const PRESENCE_END: WhenRules = { reads: 'moment', withoutTime: 'refuse', option: 'until' };

/** `until:"17:00"` (or "5pm", "in 2 hours"): an instant later today; refused when past or on another day. */
export function parseUntil(text: string, now: Date, zone: string): Date {
  const day = dayOf(now, zone);
  let at: Date;
  try {
    at = readWhen(text, now, zone, PRESENCE_END);
  } catch (error) {
    if (error instanceof UserError) {
      throw new UserError(
        'invalid_input',
        `I couldn't read "${text.trim()}" as a time today. Try until:17:00 or until:5pm.`,
      );
    }
    throw error;
  }
  if (at.getTime() >= day.end.getTime()) {
    // The parser reads a time already past today as tomorrow's: for presence that is a time in the past.
    const dayBefore = DateTime.fromJSDate(at, { zone }).minus({ days: 1 });
    throw new UserError(
      'invalid_input',
      dayBefore.toFormat('yyyy-MM-dd') === day.key && dayBefore.toJSDate().getTime() <= now.getTime()
        ? `${formatInZone(dayBefore.toJSDate(), zone, 'time')} has already passed today. Give a time still to come, e.g. until:17:00.`
        : 'Presence lasts for today only: give a time later today, e.g. until:17:00.',
    );
  }
  return at;
}
