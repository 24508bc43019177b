/**
 * A series' .ics is one event with a repeat rule (issue 19: it held 12 separate events), valid per RFC 5545 and read
 * back with rrule's own parser: DTSTART in the community's zone with its VTIMEZONE, an EXDATE per cancelled date, an
 * override per moved date, UNTIL once the series ended. And a series cancel counts what it did.
 */
import { DateTime } from 'luxon';
import rrule from 'rrule';
import { describe, expect, it } from 'vitest';
import { occurrencesFrom } from '../../commands/meetups/recurrence.ts';
import { readCalendar } from '../support/ics-reader.ts';
import type { TestBot } from '../support/test-bot.ts';
import { createdId, MINUTE, meetupBot } from './meetups-support.ts';

const { rrulestr } = rrule;

/** The content lines of a calendar file, unfolded (RFC 5545 3.1), after checking the line ends and the fold width. */
function contentLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
  return ics.slice(0, -2).replace(/\r\n /g, '').split('\r\n');
}

/** The components of one kind, as their lines. */
function components(lines: string[], kind: string): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === `BEGIN:${kind}`) current = [];
    else if (line === `END:${kind}`) {
      found.push(current!);
      current = undefined;
    } else current?.push(line);
  }
  return found;
}

/** The series file of meetup `id`, as kim asks for it. */
async function seriesFile(bot: TestBot, id: number): Promise<string[]> {
  const reply = await bot.run(`/meetup calendar ${id} series:true`, { as: 'kim' });
  expect(reply.files?.[0]?.mimeType).toBe('text/calendar');
  return contentLines(reply.files![0]!.content);
}

/**
 * The dates the master event's DTSTART, RRULE and EXDATE lines give, expanded by rrule, as real instants. rrule's
 * own TZID support answers in the system's zone, so the rule is expanded on floating wall times (the zone's stamps
 * read as UTC, UNTIL turned into the zone's wall time) and each result is placed in the zone with luxon.
 */
function expand(master: string[], zone: string, count: number): string[] {
  const wall = (utc: string) =>
    DateTime.fromFormat(utc, "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' }).setZone(zone).toFormat("yyyyMMdd'T'HHmmss'Z'");
  const rule = master
    .filter((l) => /^(DTSTART|RRULE|EXDATE)[:;]/.test(l))
    .map((l) => l.replace(`;TZID=${zone}:`, ':').replace(/^(DTSTART|EXDATE):(\d{8}T\d{6})$/, '$1:$2Z'))
    .map((l) => l.replace(/UNTIL=(\d{8}T\d{6}Z)/, (_m, utc: string) => `UNTIL=${wall(utc)}`))
    .join('\n');
  return rrulestr(rule, { forceset: true })
    .all((_d, i) => i < count)
    .map((d) => DateTime.fromISO(d.toISOString().slice(0, 19), { zone }).toUTC().toISO()!)
    .map((iso) => new Date(iso).toISOString());
}

describe('meetups: a series as one calendar event', () => {
  it('New York across the March change: one VEVENT, RRULE in the zone, EXDATE for a cancelled date', async () => {
    // Monday 2 March 2026, 10:00 in New York; clocks spring forward on Sunday 8 March.
    const bot = await meetupBot('2026-03-02T15:00:00Z', 'America/New_York');
    const id = createdId(bot, await bot.run('/meetup create title:Crit when:"wed 18:30" repeat:weekly', { as: 'ana' }));
    // Once the first has started, the second date (11 March) is created; then it is cancelled.
    bot.clock.set('2026-03-04T23:35:00Z');
    await bot.runJob('meetup-reminders');
    const second = (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10)).at(-1)!;
    await bot.run(`/meetup cancel ${second.id}`, { as: 'ana' });

    const lines = await seriesFile(bot, id);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    const [zone] = components(lines, 'VTIMEZONE');
    expect(zone).toContain('TZID:America/New_York');
    expect(zone!.join('\n')).toMatch(/DTSTART:20260308T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400/);
    const events = components(lines, 'VEVENT');
    expect(events).toHaveLength(1);
    const master = events[0]!;
    expect(master).toContain('DTSTART;TZID=America/New_York:20260304T183000');
    expect(master).toContain('DTEND;TZID=America/New_York:20260304T203000');
    expect(master.find((l) => l.startsWith('RRULE:'))).toMatch(/^RRULE:FREQ=WEEKLY;(INTERVAL=1;)?BYDAY=WE$/);
    expect(master).toContain('EXDATE;TZID=America/New_York:20260311T183000');
    expect(master.filter((l) => l.startsWith('UID:'))).toHaveLength(1);
    expect(master.filter((l) => l.startsWith('DTSTAMP:'))).toEqual(['DTSTAMP:20260304T233500Z']);

    // Read back: 18:30 local every Wednesday (23:30 UTC before the change, 22:30 after), without 11 March.
    const expected = occurrencesFrom('weekly', new Date('2026-03-04T23:30:00Z'), 'America/New_York', new Date(0), 5)
      .map((d) => d.toISOString())
      .filter((d) => d !== '2026-03-11T22:30:00.000Z');
    expect(expand(master, 'America/New_York', 4)).toEqual(expected);
    expect(expected.slice(0, 2)).toEqual(['2026-03-04T23:30:00.000Z', '2026-03-18T22:30:00.000Z']);
  });

  it('a moved date is an override of the same event; an ended series stops with UNTIL', async () => {
    // Monday 16 November 2026, 09:00 in Paris.
    const bot = await meetupBot('2026-11-16T08:00:00Z', 'Europe/Paris');
    const id = createdId(
      bot,
      await bot.run('/meetup create title:"Life drawing; nudes, charcoal" when:"fri 19:00" repeat:weekly', {
        as: 'ana',
      }),
    );
    bot.clock.set(new Date(Date.parse('2026-11-20T18:00:00Z') + 5 * MINUTE));
    await bot.runJob('meetup-reminders');
    const second = (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10)).at(-1)!;
    await bot.run(`/meetup edit ${second.id} when:"2026-11-27 20:00"`, { as: 'ana' });

    const events = components(await seriesFile(bot, id), 'VEVENT');
    expect(events).toHaveLength(2);
    const [master, moved] = events as [string[], string[]];
    expect(master).toContain('SUMMARY:Life drawing\\; nudes\\, charcoal');
    expect(master.find((l) => l.startsWith('RRULE:'))).toMatch(/^RRULE:FREQ=WEEKLY;(INTERVAL=1;)?BYDAY=FR$/);
    expect(moved).toContain('RECURRENCE-ID;TZID=Europe/Paris:20261127T190000');
    expect(moved).toContain('DTSTART;TZID=Europe/Paris:20261127T200000');
    expect(moved.find((l) => l.startsWith('UID:'))).toBe(master.find((l) => l.startsWith('UID:')));

    const cancel = await bot.run(`/meetup cancel ${id} series:true`, { as: 'ana' });
    expect(bot.text(cancel)).toContain('1 upcoming date is cancelled.');
    const ended = components(await seriesFile(bot, id), 'VEVENT')[0]!;
    const rule = ended.find((l) => l.startsWith('RRULE:'))!;
    expect(rule).toMatch(/UNTIL=20261127T180000Z/);
    expect(ended).toContain('EXDATE;TZID=Europe/Paris:20261127T190000');
    expect(expand(ended, 'Europe/Paris', 10)).toEqual(['2026-11-20T18:00:00.000Z']);
  });

  it('one date’s file is that date of the series (its UID, a RECURRENCE-ID), so a calendar with both shows it once', async () => {
    // Monday 16 November 2026, 09:00 in Paris; the 27 November date is created once the first has started.
    const bot = await meetupBot('2026-11-16T08:00:00Z', 'Europe/Paris');
    const id = createdId(bot, await bot.run('/meetup create title:Crit when:"fri 19:00" repeat:weekly', { as: 'ana' }));
    bot.clock.set(new Date(Date.parse('2026-11-20T18:00:00Z') + 5 * MINUTE));
    await bot.runJob('meetup-reminders');
    const second = (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10)).at(-1)!;
    const single = await bot.run(`/meetup calendar ${second.id}`, { as: 'kim' });
    expect(single.files?.[0]?.name).toBe(`meetup-${second.id}.ics`);
    const date = readCalendar(single.files![0]!.content);
    expect(date.events).toHaveLength(1);
    const [event] = date.events;
    expect(event!.raw.DTSTART).toBe('DTSTART;TZID=Europe/Paris:20261127T190000');
    expect(event!.startsAt).toEqual(new Date('2026-11-27T18:00:00Z'));

    // The same UID as the series' event, and a RECURRENCE-ID naming one of the dates its rule gives.
    const master = components(await seriesFile(bot, id), 'VEVENT')[0]!;
    expect(event!.props.UID).toBe(master.find((l) => l.startsWith('UID:'))!.slice(4));
    const recurrence = contentLines(single.files![0]!.content).find((l) => l.startsWith('RECURRENCE-ID'));
    expect(recurrence).toBe('RECURRENCE-ID;TZID=Europe/Paris:20261127T190000');
    expect(expand(master, 'Europe/Paris', 3)).toContain('2026-11-27T18:00:00.000Z');

    // A meetup that does not repeat keeps a UID of its own and no RECURRENCE-ID.
    const once = createdId(bot, await bot.run('/meetup create title:Jam when:"sat 15:00"', { as: 'ana' }));
    const alone = (await bot.run(`/meetup calendar ${once}`, { as: 'kim' })).files![0]!.content;
    expect(readCalendar(alone).events[0]!.props.UID).toMatch(new RegExp(`^meetup-${once}\\.`));
    expect(alone).not.toContain('RECURRENCE-ID');
  });

  it('cancelling a series whose only date was already cancelled says so, and a second cancel is refused', async () => {
    const bot = await meetupBot('2026-11-16T08:00:00Z', 'Europe/Paris');
    const id = createdId(
      bot,
      await bot.run('/meetup create title:Crit when:"fri 19:00" repeat:biweekly', { as: 'ana' }),
    );
    await bot.run(`/meetup cancel ${id}`, { as: 'ana' });
    const reply = await bot.run(`/meetup cancel ${id} series:true`, { as: 'ana' });
    expect(bot.text(reply)).toBe(
      'Cancelled the series of #1 Crit: no new dates will be planned. Its only upcoming date was already cancelled.',
    );
    expect(bot.text(reply)).not.toMatch(/\(0 /);
    const again = await bot.run(`/meetup cancel ${id} series:true`, { as: 'ana' });
    expect(bot.text(again)).toContain('The series of #1 Crit was already cancelled.');
  });
});
