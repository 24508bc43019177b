/** The end of a pause as members write it ("2026-12-01", "jan 5", "next monday", "in 3 weeks"), in the zone. */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { UserError } from '#core/errors.ts';
import { fmt } from '#core/text.ts';

const MAX_DAYS = 366;
const EXAMPLES = `${fmt.code('until:2027-01-05')}, ${fmt.code('until:next monday')} or ${fmt.code('until:in 3 weeks')}`;

/**
 * Reads `text` as a day (the pause ends at its start, local time) relative to `now` in `zone`. Throws a UserError
 * for anything unreadable, past, or more than a year ahead.
 */
export function parseUntil(text: string, now: Date, zone: string): Date {
  const input = text.trim().replace(/^(\d+)\s*(day|week|month)s?$/i, 'in $1 $2s');
  const offset = DateTime.fromJSDate(now, { zone }).offset;
  const found = chrono.parse(input, { instant: now, timezone: offset }, { forwardDate: true });
  if (found.length !== 1)
    throw new UserError('invalid_input', `I couldn't read "${input}" as a date. Try ${EXAMPLES}.`);
  const start = found[0]!.start;
  const day = DateTime.fromObject(
    {
      year: start.get('year') ?? undefined,
      month: start.get('month') ?? undefined,
      day: start.get('day') ?? undefined,
    },
    { zone },
  ).startOf('day');
  if (!day.isValid) throw new UserError('invalid_input', `I couldn't read "${input}" as a date. Try ${EXAMPLES}.`);
  const until = day.toJSDate();
  if (until <= now) throw new UserError('invalid_input', 'That day has already started: pick a day in the future.');
  if (until.getTime() - now.getTime() > MAX_DAYS * 86_400_000) {
    throw new UserError(
      'invalid_input',
      `A pause can last a year at most. Use ${fmt.code('/match pause')} alone to pause until you resume.`,
    );
  }
  return until;
}
