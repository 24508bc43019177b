import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { card, createdId, EVENTS, MINUTE, meetupBot } from './meetups-support.ts';

const local = (iso: Date, zone: string) => DateTime.fromJSDate(iso, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

describe('meetups: a weekly series across a daylight-saving change', () => {
  it('Europe/Paris, end of October: every Friday stays 19:00 local as UTC moves from 17:00 to 18:00', async () => {
    // Monday 19 October 2026, 10:00 in Paris (summer time). Clocks go back on Sunday 25 October.
    const bot = await meetupBot('2026-10-19T08:00:00Z', 'Europe/Paris');
    const reply = await bot.run('/meetup create title:"Life drawing" when:"fri 19:00" repeat:weekly capacity:8', {
      as: 'ana',
    });
    expect(bot.text(reply)).toContain('It repeats every Friday at 19:00');
    const first = createdId(bot, reply);
    await bot.click({ action: 'meetup.rsvp', value: `${first}:going` }, { as: 'kim' });
    const starts: Date[] = [(await bot.repos.meetups.get(bot.community, first))!.startsAt];
    for (let week = 0; week < 2; week++) {
      // Just after this week's session starts, the job creates next week's and posts its card.
      bot.clock.set(new Date(starts.at(-1)!.getTime() + 5 * MINUTE));
      await bot.runJob('meetup-reminders');
      const next = (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10)).at(-1)!;
      expect(next.seriesId).toBeDefined();
      expect(next.capacity).toBe(8);
      starts.push(next.startsAt);
    }
    expect(starts.map((d) => local(d, 'Europe/Paris'))).toEqual([
      'Fri 2026-10-23T19:00',
      'Fri 2026-10-30T19:00',
      'Fri 2026-11-06T19:00',
    ]);
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2026-10-23T17:00:00.000Z',
      '2026-10-30T18:00:00.000Z',
      '2026-11-06T18:00:00.000Z',
    ]);
    expect(bot.postsIn(EVENTS).filter((p) => p.title === 'Life drawing').length).toBeGreaterThanOrEqual(3);
    expect(bot.text(card(bot))).toContain('Fri 6 Nov 2026, 19:00 (Europe/Paris)');
    // A new occurrence starts with no answers.
    expect(
      await bot.repos.meetups.listRsvps(
        bot.community,
        (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 1))[0]!.id,
      ),
    ).toEqual([]);
  });

  it('America/New_York, March: the series keeps 18:30 local and the calendar file has the right UTC times', async () => {
    // Monday 2 March 2026, 10:00 in New York; clocks spring forward on Sunday 8 March.
    const bot = await meetupBot('2026-03-02T15:00:00Z', 'America/New_York');
    const id = createdId(bot, await bot.run('/meetup create title:Crit when:"wed 18:30" repeat:weekly', { as: 'ana' }));
    const reply = await bot.run(`/meetup calendar ${id} series:true`, { as: 'kim' });
    expect(reply.files?.[0]?.mimeType).toBe('text/calendar');
    const ics = reply.files![0]!.content;
    // 18:30 EST = 23:30 UTC; 18:30 EDT = 22:30 UTC.
    expect(ics).toContain('DTSTART:20260304T233000Z');
    expect(ics).toContain('DTSTART:20260311T223000Z');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(12);
    expect(ics).not.toContain('RRULE');
    // When the second date is created, it keeps the UID the series file gave it.
    bot.clock.set('2026-03-04T23:35:00Z');
    await bot.runJob('meetup-reminders');
    const second = (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 1))[0]!;
    const one = (await bot.run(`/meetup calendar ${second.id}`, { as: 'kim' })).files![0]!.content;
    const uid = /UID:(\S+)/.exec(one)![1]!;
    expect(ics).toContain(`UID:${uid}`);
  });

  it('cancelling the series cancels every upcoming date and stops new ones', async () => {
    const bot = await meetupBot('2026-11-16T08:00:00Z', 'Europe/Paris');
    const id = createdId(
      bot,
      await bot.run('/meetup create title:Crit when:"fri 19:00" repeat:biweekly', { as: 'ana' }),
    );
    const reply = await bot.run(`/meetup cancel ${id} series:true`, { as: 'ana' });
    expect(bot.text(reply)).toContain('Cancelled the series');
    bot.clock.set('2026-11-20T18:05:00Z');
    await bot.runJob('meetup-reminders');
    expect(await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10)).toEqual([]);
  });
});
