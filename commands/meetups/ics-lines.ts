/**
 * The small parts of writing iCalendar (RFC 5545) by hand, for the series file (series-ics.ts) that the `ics`
 * package cannot write (a TZID on DTSTART, EXDATE, RECURRENCE-ID, a VTIMEZONE): escaped text, folded lines, local and
 * UTC date-times, and the zone's definition. Lines fold as the member's feed does (`fold` in the core's calendar).
 */
import { DateTime } from 'luxon';
import { fold } from '#core/calendar.ts';

/** A TEXT value: member text is data, so `\ ; ,` and line breaks are escaped (RFC 5545 3.3.11). */
export function icsText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A calendar: CRLF line ends, every line folded. */
export function icsDocument(lines: readonly string[]): string {
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** `20261120T190000`: the wall-clock time in `zone`, for a `;TZID=` property. */
export function localStamp(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyyMMdd'T'HHmmss");
}

/** `20261120T180000Z`. */
export function utcStamp(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** The instants in [from, to) where `zone` changes its offset, to the minute. */
function transitions(zone: string, from: Date, to: Date): Date[] {
  const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const found: Date[] = [];
  const DAY = 86_400_000;
  for (let t = from.getTime(); t < to.getTime(); t += DAY) {
    if (offset(t) === offset(t + DAY)) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push(new Date(hi));
  }
  return found;
}

/**
 * The VTIMEZONE of `zone` over [from, to): one STANDARD or DAYLIGHT part per change of offset (its DTSTART is the
 * wall time just before the change), or one STANDARD part for a zone that keeps its offset.
 */
export function vtimezone(zone: string, from: Date, to: Date): string[] {
  const changes = transitions(zone, from, to);
  const parts = changes.map((at) => {
    const before = DateTime.fromMillis(at.getTime() - 60_000, { zone });
    const after = DateTime.fromJSDate(at, { zone });
    const kind = after.isInDST ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      // The wall time just before the change, in the offset it had then.
      `DTSTART:${DateTime.fromMillis(at.getTime() + before.offset * 60_000, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss")}`,
      `TZOFFSETFROM:${offsetText(before.offset)}`,
      `TZOFFSETTO:${offsetText(after.offset)}`,
      `TZNAME:${icsText(after.offsetNameShort ?? offsetText(after.offset))}`,
      `END:${kind}`,
    ];
  });
  if (parts.length === 0) {
    const now = DateTime.fromJSDate(from, { zone });
    const offset = offsetText(now.offset);
    parts.push([
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      `TZNAME:${icsText(now.offsetNameShort ?? offset)}`,
      'END:STANDARD',
    ]);
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...parts.flat(), 'END:VTIMEZONE'];
}
