/**
 * Calendar feeds over HTTP, as a calendar app fetches them from the process's own web server: a member's private
 * feed holds the meetups they answered and their resource bookings, always current (a new booking appears, a
 * cancelled one is gone), in the community's time zone, as valid iCalendar; `reset` replaces the address; the
 * community feed (managers only) holds every upcoming meetup and nobody's bookings; forget-me ends the feed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type DashboardWeb, serveDashboard } from '../support/dashboard-web.ts';
import { readCalendar } from '../support/ics-reader.ts';
import { bookingId, stockLibrary } from './resources-support.ts';

/** Monday 16 November 2026, 09:00 in Paris (UTC+1). */
const START = '2026-11-16T08:00:00Z';
let web: DashboardWeb;

async function community(): Promise<DashboardWeb> {
  web = await serveDashboard({ start: START, timezone: 'Europe/Paris' });
  const { bot } = web;
  await bot.repos.communities.ensure(bot.community, bot.clock.now());
  await bot.repos.communities.saveSettings(bot.community, {
    'meetup-channel': 'events',
    'resources-channel': 'library',
  });
  for (const user of ['emma', 'lucas', 'mia'])
    await bot.repos.members.touch(bot.community, user, user, bot.clock.now());
  await stockLibrary(bot);
  return web;
}

afterEach(async () => {
  await web?.close();
});

/** The feed address in a `/meetup calendar feed` reply, moved to where the test's server listens. */
async function feedAddress(line: string, as: string): Promise<string> {
  const text = web.bot.text(await web.bot.run(line, { as }));
  const path = /\/calendar\/[\w-]+\.ics/.exec(text)?.[0];
  if (!path) throw new Error(`no feed address in: ${text}`);
  return `${web.url}${path}`;
}

async function fetchFeed(address: string) {
  const response = await fetch(address);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  return readCalendar(await response.text());
}

const titles = (cal: Awaited<ReturnType<typeof fetchFeed>>) => cal.events.map((e) => e.props.SUMMARY);

async function zineNight(as = 'host'): Promise<number> {
  const reply = await web.bot.run('/meetup create title:"Zine night" when:"fri 19:00" where:"Print shop"', { as });
  return Number(/Created #(\d+)/.exec(web.bot.text(reply))![1]);
}

describe('a member’s calendar feed', () => {
  it('holds their meetups and bookings in the community’s zone, and stays current', async () => {
    const { bot } = await community();
    const first = bookingId(bot, await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' }));
    await bot.run('/resource book Risograph when:"sat 10:00" for:1h', { as: 'lucas' });
    const meetup = await zineNight();
    await bot.click({ action: 'meetup.rsvp', value: `${meetup}:going` }, { as: 'emma' });
    const address = await feedAddress('/meetup calendar feed', 'emma');

    const cal = await fetchFeed(address);
    expect(cal.props['X-WR-TIMEZONE']).toBe('Europe/Paris');
    expect(titles(cal)).toEqual(['Risograph', 'Zine night']);
    const [booking, night] = cal.events;
    expect(booking!.raw.DTSTART).toBe('DTSTART;TZID=Europe/Paris:20261120T140000');
    expect(booking!.raw.DTEND).toBe('DTEND;TZID=Europe/Paris:20261120T160000');
    expect(booking!.startsAt).toEqual(new Date('2026-11-20T13:00:00Z'));
    expect(booking!.props.LOCATION).toBe('Print room');
    expect(booking!.props.UID).toBe(`resource-booking-${first}.shell-loft@hallway`);
    expect(night!.raw.DTSTART).toBe('DTSTART;TZID=Europe/Paris:20261120T190000');

    // A new booking appears at the next fetch; a cancelled one is gone; Lucas's never shows.
    await bot.run('/resource book "Photo studio" when:"wed 25 nov 10:00" for:3h', { as: 'emma' });
    await bot.run(`/resource cancel ${first}`, { as: 'emma' });
    const later = await fetchFeed(address);
    expect(titles(later)).toEqual(['Zine night', 'Photo studio']);
    expect(later.events[1]!.props.LOCATION).toBe('Second floor');
    expect(JSON.stringify(later)).not.toContain(`booking-${first}`);
  });

  it('keeps a booking a month back, and drops older ones and those of a removed resource', async () => {
    const { bot } = await community();
    await bot.run('/resource book Risograph when:"tue 17 nov 10:00" for:1h', { as: 'emma' });
    await bot.run('/resource book "Photo studio" when:"tue 17 nov 14:00" for:1h', { as: 'emma' });
    const address = await feedAddress('/meetup calendar feed', 'emma');
    bot.clock.advance(29 * 86_400_000);
    expect(titles(await fetchFeed(address))).toEqual(['Risograph', 'Photo studio']);
    expect(bot.text(await bot.run('/resource remove Risograph', { as: 'host' }))).toMatch(/Removed|removed/);
    expect(titles(await fetchFeed(address))).toEqual(['Photo studio']);
    bot.clock.advance(3 * 86_400_000);
    expect(titles(await fetchFeed(address))).toEqual([]);
  });

  it('reset replaces the address: the old one is unknown, the new one serves the same feed', async () => {
    const { bot } = await community();
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    const old = await feedAddress('/meetup calendar feed', 'emma');
    expect(bot.text(await bot.run('/meetup calendar feed', { as: 'emma' }))).toMatch(/cannot show it again/);
    const fresh = await feedAddress('/meetup calendar feed reset', 'emma');
    expect(fresh).not.toBe(old);
    const gone = await fetch(old);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toMatch(/it may have been reset.*\/meetup calendar feed/);
    expect(titles(await fetchFeed(fresh))).toEqual(['Risograph']);
  });

  it('ends with forget-me, and knows nothing of a made-up address', async () => {
    const { bot } = await community();
    const address = await feedAddress('/meetup calendar feed', 'emma');
    const ask = await bot.run('/hallway forget-me', { as: 'emma' });
    await bot.click(ask.buttons![0]!, { as: 'emma' });
    expect((await fetch(address)).status).toBe(404);
    expect((await fetch(`${web.url}/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${web.url}/calendar/nope.ics`)).status).toBe(404);
  });
});

describe('the community feed', () => {
  it('holds every upcoming meetup and nobody’s bookings, for managers to hand out', async () => {
    const { bot } = await community();
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    const meetup = await zineNight();
    const cancelled = Number(
      /Created #(\d+)/.exec(
        bot.text(await bot.run('/meetup create title:"Riso jam" when:"thu 18:00"', { as: 'host' })),
      )![1],
    );
    expect(bot.text(await bot.run('/meetup calendar feed community', { as: 'emma' }))).toMatch(
      /Only community managers/,
    );
    const address = await feedAddress('/meetup calendar feed community', 'host');
    expect(titles(await fetchFeed(address))).toEqual(['Riso jam', 'Zine night']);
    await bot.run(`/meetup cancel ${cancelled}`, { as: 'host' });
    const cal = await fetchFeed(address);
    expect(titles(cal)).toEqual(['Zine night']);
    expect(cal.props['X-WR-CALNAME']).toBe('Hallway meetups');
    expect(cal.events[0]!.props.UID).toContain(`meetup-${meetup}.`);
  });
});
