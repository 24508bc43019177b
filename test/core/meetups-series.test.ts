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
