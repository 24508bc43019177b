/**
 * The primitives of writing iCalendar (RFC 5545) by hand, in one place for every calendar Hallway writes (the feeds
 * in calendar.ts, the meetups' .ics downloads): TEXT values, folded content lines, a document's framing, and
 * DATE-TIME stamps in UTC or in a zone's wall time. The zone's definition (VTIMEZONE) is in calendar-zone.ts.
 */
import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;

/**
 * A TEXT value (RFC 5545 3.3.11): member text is data, so `\`, `;` and `,` are escaped and every line break
 * (CRLF, CR or LF) becomes `\n`. Tabs are kept: the grammar allows HTAB in TEXT (TSAFE-CHAR includes WSP, and
 * 3.1's VALUE-CHAR does too), and a tab in a description is the member's own formatting. Every other control
 * character (U+0000-U+0008, U+000B-U+001F, U+007F) is dropped: 3.1 allows none of them anywhere in a content line
 * and TEXT has no escape for them, so a strict reader would refuse the whole calendar over one stray byte.
 */
export function icalText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545 3.1): no physical line longer than 75 octets, continuations starting with one
 * space (so 74 octets of content each), and never a break inside a character's UTF-8 sequence.
 */
export function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A calendar's text: every content line folded, each ended by CRLF (the last one too). */
export function icalDocument(lines: readonly string[]): string {
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** The UTC fields of `ms` as a DATE-TIME without a zone: `20261208T190000` (seconds kept, milliseconds dropped). */
export function floatingStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** `20261208T180000Z`: an instant in UTC (RFC 5545 3.3.5, form 2). */
export function utcStamp(at: Date): string {
  return `${floatingStamp(at.getTime())}Z`;
}

/**
 * `20261208T190000`: the wall-clock time of `at` in `zone`, for a `;TZID=zone:` property (3.3.5, form 3). The
 * calendar must carry that zone's VTIMEZONE.
 */
export function localStamp(at: Date, zone: string): string {
  return floatingStamp(at.getTime() + IANAZone.create(zone).offset(at.getTime()) * MINUTE_MS);
}

/** `+0100`, `-0430`: an offset in minutes as a UTC-OFFSET value (3.3.14). */
export function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
