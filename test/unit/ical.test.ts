/**
 * The iCalendar primitives every calendar of Hallway is written with (src/core/ical.ts, src/core/calendar-zone.ts):
 * TEXT escaping (RFC 5545 3.3.11), folding at 75 octets without splitting a UTF-8 sequence (3.1), DATE-TIME stamps,
 * and a VTIMEZONE built from the zone's real changes over the span it covers.
 */
import { describe, expect, it } from 'vitest';
import { zoneTable } from '#core/calendar-zone.ts';
import { fold, icalDocument, icalText, localStamp, utcStamp } from '#core/ical.ts';

describe('icalText', () => {
  it('escapes backslash, semicolon and comma, and writes every kind of line break as \\n', () => {
    expect(icalText('a,b;c\\d')).toBe('a\\,b\\;c\\\\d');
    expect(icalText('one\r\ntwo\rthree\nfour')).toBe('one\\ntwo\\nthree\\nfour');
    expect(icalText('\\n is not a newline')).toBe('\\\\n is not a newline');
  });

  it('keeps tabs (HTAB is allowed in TEXT) and drops the control characters no content line may hold', () => {
    expect(icalText('Name\tRole')).toBe('Name\tRole');
    expect(icalText('bell\u0007 nul\u0000 esc\u001b del\u007f vt\u000b ff\u000c')).toBe('bell nul esc del vt ff');
    expect(icalText('Zoë — 📷')).toBe('Zoë — 📷');
  });
});

/** The physical lines of a folded line, each checked to be whole UTF-8 and at most 75 octets. */
function physical(folded: string): string[] {
  const lines = folded.split('\r\n');
  for (const line of lines) {
    expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    // A split inside a character leaves half a surrogate pair, which UTF-8 can only write as U+FFFD.
    expect(Buffer.from(line).toString('utf8')).not.toContain('\ufffd');
  }
  for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
  return lines;
}

const unfold = (folded: string) => folded.replace(/\r\n /g, '');

describe('fold', () => {
  it('leaves a line of exactly 75 octets alone, and folds one of 76', () => {
    expect(fold('x'.repeat(75))).toBe('x'.repeat(75));
    expect(physical(fold('x'.repeat(76)))).toEqual(['x'.repeat(75), ' x']);
    // 37 two-octet letters and one more octet: 75 octets in 38 characters, still one line.
    expect(fold(`${'é'.repeat(37)}x`)).toBe(`${'é'.repeat(37)}x`);
  });

  it('moves a character to the next line whole when its octets would cross the 75th', () => {
    expect(physical(fold(`${'x'.repeat(74)}é`))).toEqual(['x'.repeat(74), ' é']);
    expect(physical(fold(`${'x'.repeat(73)}📷`))).toEqual(['x'.repeat(73), ' 📷']);
    expect(physical(fold(`${'x'.repeat(72)}€y`))).toEqual([`${'x'.repeat(72)}€`, ' y']);
  });

  it('folds a long line of mixed widths into lines of at most 75 octets that unfold to the original', () => {
    const line = `DESCRIPTION:${icalText(`Riso, zines; ${'é'.repeat(60)}\t${'📷'.repeat(40)} ${'汉字'.repeat(30)}`)}`;
    const lines = physical(fold(line));
    expect(lines.length).toBeGreaterThan(4);
    // Every line but the last is filled: it ends only where the next character (at most 4 octets) would not fit.
    for (const l of lines.slice(0, -1)) expect(Buffer.byteLength(l), l).toBeGreaterThanOrEqual(72);
    expect(unfold(fold(line))).toBe(line);
  });

  it('frames a document with CRLF after every line, the last one included', () => {
    expect(icalDocument(['BEGIN:VCALENDAR', 'END:VCALENDAR'])).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });
});

describe('date-time stamps', () => {
  it('writes UTC with a Z and a zone’s wall time without one, across its offsets', () => {
    expect(utcStamp(new Date('2026-12-08T18:00:05.900Z'))).toBe('20261208T180005Z');
    expect(localStamp(new Date('2026-12-08T18:00:00Z'), 'Europe/Berlin')).toBe('20261208T190000');
    expect(localStamp(new Date('2027-07-08T18:00:00Z'), 'Europe/Berlin')).toBe('20270708T200000');
    expect(localStamp(new Date('2026-12-08T18:00:00Z'), 'Asia/Tokyo')).toBe('20261209T030000');
    expect(localStamp(new Date('2026-12-08T18:00:00Z'), 'Asia/Kolkata')).toBe('20261208T233000');
  });
});

/** A VTIMEZONE's observances as [kind, DTSTART, TZOFFSETFROM, TZOFFSETTO]. */
function observances(lines: string[]): string[][] {
  expect(lines[0]).toBe('BEGIN:VTIMEZONE');
  expect(lines.at(-1)).toBe('END:VTIMEZONE');
  const found: string[][] = [];
  lines.forEach((line, i) => {
    const kind = /^BEGIN:(STANDARD|DAYLIGHT)$/.exec(line)?.[1];
    if (!kind) return;
    const value = (name: string) =>
      lines
        .slice(i)
        .find((l) => l.startsWith(`${name}:`))!
        .slice(name.length + 1);
    found.push([kind, value('DTSTART'), value('TZOFFSETFROM'), value('TZOFFSETTO')]);
  });
  return found;
}

describe('VTIMEZONE from the zone’s real changes', () => {
  const from = Date.parse('2026-09-01T10:00:00Z');
  const until = Date.parse('2027-05-01T10:00:00Z');

  it('Europe/Berlin over a span crossing both changes: a DAYLIGHT and a STANDARD observance at the real instants', () => {
    const lines = zoneTable('Europe/Berlin', from, until).lines();
    expect(lines[1]).toBe('TZID:Europe/Berlin');
    expect(observances(lines)).toEqual([
      ['DAYLIGHT', '20260831T020000', '+0200', '+0200'], // in force at the start of the span
      ['STANDARD', '20261025T030000', '+0200', '+0100'], // 01:00 UTC on 25 October 2026
      ['DAYLIGHT', '20270328T020000', '+0100', '+0200'], // 01:00 UTC on 28 March 2027
    ]);
    const offset = (at: string) =>
      new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).format(new Date(at));
    expect(offset('2026-10-25T00:59:00Z')).not.toBe(offset('2026-10-25T01:00:00Z'));
    expect(offset('2027-03-28T00:59:00Z')).not.toBe(offset('2027-03-28T01:00:00Z'));
  });

  it('Asia/Tokyo over the same span: one STANDARD observance, no DAYLIGHT', () => {
    const lines = zoneTable('Asia/Tokyo', from, until).lines();
    expect(observances(lines)).toEqual([['STANDARD', '20260831T090000', '+0900', '+0900']]);
    expect(lines.join('\n')).not.toContain('DAYLIGHT');
  });

  it('gives the wall time of an instant, and says when a fall-back night makes it name the earlier twin', () => {
    const table = zoneTable('Europe/Berlin', from, until);
    expect(table.wallTimeOf(Date.parse('2026-12-08T18:00:00Z'))).toEqual({ wall: '20261208T190000', readsBack: true });
    // 02:30 on 25 October happens at 00:30 UTC and again at 01:30 UTC.
    expect(table.wallTimeOf(Date.parse('2026-10-25T00:30:00Z'))).toEqual({ wall: '20261025T023000', readsBack: true });
    expect(table.wallTimeOf(Date.parse('2026-10-25T01:30:00Z'))).toEqual({ wall: '20261025T023000', readsBack: false });
  });
});
