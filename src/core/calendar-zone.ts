/**
 * The time-zone side of every calendar Hallway writes (RFC 5545 §3.6.5; the feeds and the .ics files): events written
 * in the community's wall time (`DTSTART;TZID=Europe/Paris:…`), and the VTIMEZONE block that tells calendar apps that
 * zone's offsets over the span of the calendar, from the zone's real changes in that span. The offsets come from the IANA database the runtime carries (through luxon), read once per feed
 * week by week (no zone changes its offset twice within a week), each change found to the minute; every wall time
 * is then plain arithmetic on that table, since asking the runtime costs tens of microseconds a time and a feed is
 * built at every fetch. Each change is listed as its own observance (no RRULE): exact for past and future rules.
 */
import { DateTime, IANAZone } from 'luxon';
import { floatingStamp, icalText, utcOffset } from './ical.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** From `at` on, the zone is `to` minutes ahead of UTC (it was `from` before). */
interface Observance {
  readonly at: number;
  readonly from: number;
  readonly to: number;
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

/** A zone's offsets over [from, until], for writing the events of one feed. */
export interface ZoneTable {
  /**
   * `at` as a wall time of the zone, and whether a reader takes that wall time back for `at`: RFC 5545 reads the
   * repeated hour of a fall-back night as its first passage, so the second passage must be written otherwise.
   */
  wallTimeOf(at: number): { readonly wall: string; readonly readsBack: boolean };
  /** The VTIMEZONE block. */
  lines(): string[];
}

export function zoneTable(zone: string, from: number, until: number): ZoneTable {
  const z = IANAZone.create(zone);
  const start = Math.floor(from / DAY_MS) * DAY_MS - DAY_MS;
  let offset = z.offset(start);
  const table: Observance[] = [{ at: start, from: offset, to: offset }];
  for (let week = start; week < until + DAY_MS; week += WEEK_MS) {
    const next = z.offset(week + WEEK_MS);
    if (next === offset) continue;
    const at = changeBetween(z, week, week + WEEK_MS);
    table.push({ at, from: offset, to: next });
    offset = next;
  }
  const offsetAt = (t: number) => table.findLast((o) => o.at <= t)?.to ?? table[0]!.to;
  const offsets = [...new Set(table.map((o) => o.to))];
  return {
    wallTimeOf(at) {
      const wallMs = at + offsetAt(at) * MINUTE_MS;
      const passages = offsets.map((o) => wallMs - o * MINUTE_MS).filter((t) => t + offsetAt(t) * MINUTE_MS === wallMs);
      return { wall: floatingStamp(wallMs), readsBack: Math.min(...passages) === at };
    },
    lines() {
      const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
      for (const o of table) {
        const after = DateTime.fromMillis(o.at, { zone });
        const kind = after.isInDST ? 'DAYLIGHT' : 'STANDARD';
        lines.push(
          `BEGIN:${kind}`,
          // The onset is written in the wall time in force just before it (RFC 5545: "using TZOFFSETFROM").
          `DTSTART:${floatingStamp(o.at + o.from * MINUTE_MS)}`,
          `TZOFFSETFROM:${utcOffset(o.from)}`,
          `TZOFFSETTO:${utcOffset(o.to)}`,
          // Optional, but some apps show it; the runtime's short name ("GMT+1" or "CET", as its ICU data has it).
          `TZNAME:${icalText(after.offsetNameShort ?? utcOffset(o.to))}`,
          `END:${kind}`,
        );
      }
      lines.push('END:VTIMEZONE');
      return lines;
    },
  };
}
