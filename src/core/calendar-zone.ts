/**
 * The VTIMEZONE block of a calendar feed (RFC 5545 §3.6.5): the zone's offsets and their changes over the span of
 * the feed's events, computed from the IANA database the runtime carries (through luxon), so that events can be
 * written in the community's wall time (`DTSTART;TZID=Europe/Paris:…`). Each change is listed once as its own
 * observance (no RRULE): exact for past and future rule changes alike, and short for the weeks a feed covers.
 */
import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** `+0100`, `-0430`: an offset in minutes as iCalendar writes it. */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** A wall time as iCalendar's local DATE-TIME: `20261208T190000`. */
export function wallTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat("yyyyMMdd'T'HHmmss");
}

/**
 * The instant a reader takes a wall time for: RFC 5545 reads the repeated hour of a fall-back night as its first
 * passage (luxon takes the second, so it cannot be asked). Undefined for a time the zone skips.
 */
export function firstInstantOf(wall: string, zone: string): number | undefined {
  const z = IANAZone.create(zone);
  const asUtc = DateTime.fromFormat(wall, "yyyyMMdd'T'HHmmss", { zone: 'utc' }).toMillis();
  const offsets = new Set([asUtc - DAY_MS, asUtc, asUtc + DAY_MS].map((at) => z.offset(at)));
  const passages = [...offsets].map((o) => asUtc - o * MINUTE_MS).filter((at) => wallTime(at, zone) === wall);
  return passages.length === 0 ? undefined : Math.min(...passages);
}

/** The first minute in (from, to] at which the offset differs from the one at `from` (one change in between). */
function changeBetween(z: IANAZone, from: number, to: number): number {
  const before = z.offset(from);
  let [low, high] = [from, to];
  while (high - low > MINUTE_MS) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (z.offset(mid) === before) low = mid;
    else high = mid;
  }
  return high;
}

interface Observance {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/** The offset in force a year before `from`, then every change up to `until`, found day by day. */
function observances(zone: string, from: number, until: number): Observance[] {
  const z = IANAZone.create(zone);
  const start = from - 366 * DAY_MS;
  const found: Observance[] = [{ at: start, from: z.offset(start), to: z.offset(start) }];
  for (let day = start; day < until; day += DAY_MS) {
    const next = Math.min(day + DAY_MS, until);
    if (z.offset(next) === z.offset(day)) continue;
    const at = changeBetween(z, day, next);
    found.push({ at, from: z.offset(day), to: z.offset(at) });
  }
  return found;
}

/** The VTIMEZONE lines for `zone`, covering the instants in [from, until]. */
export function timezoneLines(zone: string, from: number, until: number): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  for (const o of observances(zone, from, until)) {
    const kind = DateTime.fromMillis(o.at, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
    // The onset is written in the wall time that was in force just before it (RFC 5545: "using TZOFFSETFROM").
    const onset = DateTime.fromMillis(o.at + o.from * MINUTE_MS, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss");
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${onset}`,
      `TZOFFSETFROM:${utcOffset(o.from)}`,
      `TZOFFSETTO:${utcOffset(o.to)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
