import { beforeEach, describe, expect, it } from 'vitest';
import type { TestBot } from '../support/test-bot.ts';
import { readCalendar } from '../support/ics-reader.ts';
import { bookingId, HOUR, LIBRARY, MINUTE, resourceBot, resourceId, stockLibrary } from './resources-support.ts';

// Monday 16 November 2026, 09:00 in Paris. "fri 14:00" is Friday 20 November, 13:00 UTC.
const FRIDAY_1400 = new Date('2026-11-20T13:00:00Z');

let bot: TestBot;
beforeEach(async () => {
  bot = await resourceBot();
  await stockLibrary(bot);
});

const bookings = async (name = 'Risograph') =>
  (await bot.repos.resources.listBookings(bot.community, await resourceId(bot, name), new Date(0), new Date(8.64e15)))
    .map((b) => `${b.userId} ${b.startsAt.toISOString()}–${b.endsAt.toISOString().slice(11, 16)}`)
    .sort();

describe('resources: booking a slot', () => {
  it('books in the community zone, echoes the date understood, and attaches an .ics file', async () => {
    const reply = await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    const text = bot.text(reply);
    expect(text).toContain('Booked Risograph (Print room) for Fri 20 Nov 2026, 14:00–16:00 (Europe/Paris).');
    expect(text).toContain('I read "fri 14:00" as Fri 20 Nov 2026, 14:00 (Europe/Paris).');
    expect(reply.files?.[0]?.name).toBe(`booking-${bookingId(bot, reply)}.ics`);
    // In the community's zone, and read back (strictly, with the file's own VTIMEZONE) as the booked instants.
    const [event] = readCalendar(reply.files![0]!.content).events;
    expect(event!.raw.DTSTART).toBe('DTSTART;TZID=Europe/Paris:20261120T140000');
    expect([event!.startsAt, event!.endsAt]).toEqual([
      new Date('2026-11-20T13:00:00Z'),
      new Date('2026-11-20T15:00:00Z'),
    ]);
    expect(event!.props.SUMMARY).toBe('Risograph');
    expect(await bookings()).toEqual(['emma 2026-11-20T13:00:00.000Z–15:00']);
  });

  it('refuses a clash, changes nothing, and offers the nearest free slots as buttons that book', async () => {
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    const clash = await bot.run('/resource book risograph when:"fri 15:00" for:2h', { as: 'lucas' });
    expect(bot.text(clash)).toContain(
      'Risograph is already booked then: Fri 20 Nov 2026, 14:00–16:00 (Europe/Paris) by @emma.',
    );
    expect(bot.text(clash)).toContain('Nothing was booked.');
    expect(clash.buttons?.map((b) => b.label)).toEqual([
      'Fri 20 Nov 16:00–18:00',
      'Fri 20 Nov 12:00–14:00',
      'Thu 19 Nov 15:00–17:00',
    ]);
    expect(await bookings()).toHaveLength(1);
    const booked = await bot.click(clash.buttons![0]!, { as: 'lucas' });
    expect(bot.text(booked)).toContain('Booked Risograph (Print room) for Fri 20 Nov 2026, 16:00–18:00');
    // A second press of the same button is the same slot, already theirs.
    expect(bot.text(await bot.click(clash.buttons![0]!, { as: 'lucas' }))).toContain('You already booked Risograph');
    expect(await bookings()).toEqual(['emma 2026-11-20T13:00:00.000Z–15:00', 'lucas 2026-11-20T15:00:00.000Z–17:00']);
  });

  it('books back to back: a slot may start when the previous one ends', async () => {
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    expect(bot.text(await bot.run('/resource book Risograph when:"fri 16:00" for:1h', { as: 'mia' }))).toContain(
      'Booked',
    );
    expect(bot.text(await bot.run('/resource book Risograph when:"fri 13:00" for:1h', { as: 'raj' }))).toContain(
      'Booked',
    );
    expect(await bookings()).toHaveLength(3);
  });

  it('lets exactly one of two members pressing for the same slot at the same moment have it', async () => {
    const [a, b] = await Promise.all([
      bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' }),
      bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'lucas' }),
    ]);
    const texts = [bot.text(a), bot.text(b)];
    expect(texts.filter((t) => t.startsWith('Booked'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('is already booked then'))).toHaveLength(1);
    expect(await bookings()).toHaveLength(1);
    // Overlapping slots with different starts race the same way.
    const [c, d] = await Promise.all([
      bot.run('/resource book "Photo studio" when:"sat 10:00" for:3h', { as: 'mia' }),
      bot.run('/resource book "Photo studio" when:"sat 12:00" for:2h', { as: 'raj' }),
    ]);
    expect([bot.text(c), bot.text(d)].filter((t) => t.startsWith('Booked'))).toHaveLength(1);
    expect(await bookings('Photo studio')).toHaveLength(1);
  });

  it('opens the booking form for a bare /resource book and for the Book button, and books from it', async () => {
    const opened = await bot.run('/resource book Risograph', { as: 'emma' });
    expect(opened.form?.fields.map((f) => [f.id, f.kind])).toEqual([
      ['when', 'datetime'],
      ['for', 'short'],
    ]);
    const card = bot.postsIn(LIBRARY)[0]!;
    expect(card.buttons?.map((b) => b.label)).toEqual(['Book', 'Details']);
    const fromCard = await bot.click(card.buttons![0]!, { as: 'mia' });
    expect(fromCard?.form?.meta).toBe(opened.form?.meta);
    const submitted = await bot.submit(fromCard!.form!, { when: 'fri 10:00', for: '90m' }, { as: 'mia' });
    expect(bot.text(submitted)).toContain('Fri 20 Nov 2026, 10:00–11:30 (Europe/Paris)');
    // A date-time picker (Slack) submits an instant.
    const picked = await bot.submit(
      opened.form!,
      { when: `at:${FRIDAY_1400.getTime() / 1000}`, for: '' },
      { as: 'emma' },
    );
    expect(bot.text(picked)).toContain('Set for Fri 20 Nov 2026, 14:00 (Europe/Paris).');
    expect(bot.text(picked)).toContain('14:00–15:00');
  });

  it('keeps the community limits: length, days ahead, bookings per member', async () => {
    await bot.run('/hallway config booking-max-hours:4 booking-max-days-ahead:30 booking-max-per-member:2');
    const refuse = async (line: string, pattern: RegExp) => {
      const reply = await bot.run(line, { as: 'emma' });
      expect(bot.text(reply)).toMatch(pattern);
      expect(reply.files).toBeUndefined();
    };
    await refuse('/resource book Risograph when:"fri 14:00" for:5h', /at most 4 hours, not 5 hours/);
    await refuse('/resource book Risograph when:"2027-01-20 10:00" for:1h', /more than 30 days ahead/);
    await bot.run('/resource book Risograph when:"fri 14:00" for:1h', { as: 'emma' });
    await bot.run('/resource book "Photo studio" when:"sat 14:00" for:1h', { as: 'emma' });
    await refuse('/resource book Risograph when:"sun 14:00" for:1h', /already hold 2 upcoming booking/);
    expect(await bookings()).toHaveLength(1);
    // A booking that has ended no longer counts.
    bot.clock.set(new Date(FRIDAY_1400.getTime() + 2 * HOUR));
    expect(bot.text(await bot.run('/resource book Risograph when:"sun 14:00" for:1h', { as: 'emma' }))).toContain(
      'Booked',
    );
  });

  it('refuses bad slots with a clear reason and books nothing', async () => {
    const cases: [string, RegExp][] = [
      ['when:"today 8:00" for:1h', /is in the past/],
      ['when:"fri 14:00" for:0h', /at least 15 minutes/],
      ['when:"fri 14:00" for:-2h', /cannot last "-2h"/],
      ['when:"fri 14:00" for:90', /hours or minutes\?/],
      ['when:"fri 14:00" for:"a while"', /couldn't read "a while" as a length of time/],
      ['when:"2027-03-28 02:30" for:1h', /does not exist on Sun 28 Mar 2027 in Europe\/Paris/],
      ['when:"feb 30 10:00" for:1h', /February has no day 30/],
      ['when:"someday" for:1h', /couldn't read "someday" as a date/],
      ['for:2h', /Tell me `when` too/],
    ];
    await bot.run('/hallway config booking-max-days-ahead:365');
    for (const [args, pattern] of cases) {
      const reply = await bot.run(`/resource book Risograph ${args}`, { as: 'emma' });
      expect(bot.text(reply), args).toMatch(pattern);
    }
    expect(bot.text(await bot.run('/resource book Tripod when:"fri 14:00"', { as: 'emma' }))).toMatch(
      /Tripod is lent, not booked by the hour: borrow it with `\/resource borrow Tripod`/,
    );
    expect(bot.text(await bot.run('/resource book Risgraph when:"fri 14:00"', { as: 'emma' }))).toContain(
      'There is no resource called "Risgraph" here. Did you mean "Risograph"?',
    );
    expect(await bookings()).toEqual([]);
  });

  it('reminds the member about an hour before, once; never for a slot booked within the hour', async () => {
    const id = bookingId(bot, await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' }));
    bot.clock.set(new Date(FRIDAY_1400.getTime() - 55 * MINUTE));
    await bot.run('/resource book "Photo studio" when:"fri 14:00" for:1h', { as: 'mia' });
    bot.clearSent();
    expect(await bot.runJob('resource-reminders')).toBe('ran');
    const dms = bot.sent.filter((d) => d.kind === 'dm');
    expect(dms.map((d) => d.to)).toEqual([['emma']]);
    expect(bot.text(dms[0]!.reply)).toContain('Coming up: Risograph (Print room), Fri 20 Nov 2026, 14:00–16:00');
    expect(dms[0]!.reply.buttons?.map((b) => [b.label, b.value])).toEqual([['Cancel booking', String(id)]]);
    bot.clock.advance(5 * MINUTE);
    await bot.runJob('resource-reminders');
    bot.clock.advance(5 * MINUTE);
    await bot.tick();
    expect(bot.sent.filter((d) => d.kind === 'dm')).toHaveLength(1);
  });

  it('cancels: the member, or a manager (who tells them); someone else is refused; twice is harmless', async () => {
    const id = bookingId(bot, await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' }));
    expect(bot.text(await bot.run(`/resource cancel ${id}`, { as: 'lucas' }))).toMatch(/someone else's/);
    expect(await bookings()).toHaveLength(1);
    expect(bot.text(await bot.run(`/resource cancel ${id}`, { as: 'emma' }))).toContain(`Cancelled booking #${id}`);
    expect(bot.text(await bot.run(`/resource cancel ${id}`, { as: 'emma' }))).toContain('was already cancelled');
    expect(await bookings()).toEqual([]);
    // The slot is free again.
    const again = bookingId(bot, await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'mia' }));
    bot.clearSent();
    expect(bot.text(await bot.run(`/resource cancel ${again}`))).toContain(`Cancelled booking #${again}`);
    expect(bot.text(bot.dmsTo('mia')[0])).toContain(`A community manager cancelled your booking #${again}`);
    expect(bot.text(await bot.run('/resource cancel 999', { as: 'mia' }))).toContain('There is no booking #999');
  });

  it('shows the week ahead and what is free now or at a time', async () => {
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    await bot.run('/resource book Risograph when:"in 3 weeks 10:00" for:1h', { as: 'emma' });
    const shown = bot.text(await bot.run('/resource show risograph', { as: 'mia' }));
    expect(shown).toContain('Right now: free');
    expect(shown).toContain('• Fri 20 Nov 2026, 14:00–16:00 (Europe/Paris) · @emma');
    expect(shown).not.toContain('Dec 2026');
    const free = bot.text(await bot.run('/resource list free:"fri 15:00"', { as: 'mia' }));
    expect(free).toContain('Photo studio');
    expect(free).not.toContain('Risograph');
    bot.clock.set(new Date(FRIDAY_1400.getTime() + 30 * MINUTE));
    expect(bot.text(await bot.run('/resource show Risograph', { as: 'mia' }))).toContain(
      'Right now: booked until 16:00',
    );
    expect(bot.text(await bot.run('/resource list kind:space', { as: 'mia' }))).not.toContain('Risograph');
    const mine = await bot.run('/resource mine', { as: 'emma' });
    expect(bot.text(mine)).toContain('Your bookings');
    expect(mine.buttons?.[0]?.action).toBe('resource.calendar');
    const file = await bot.click(mine.buttons![0]!, { as: 'emma' });
    expect(file?.files?.[0]?.mimeType).toBe('text/calendar');
    expect(bot.text(await bot.click(mine.buttons![0]!, { as: 'mia' }))).toMatch(/someone else/);
  });
});
