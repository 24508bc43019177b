/**
 * How long one calendar feed takes to write (`calendarFeed`: VTIMEZONE + events), as a member's feed is built at
 * every fetch by a calendar app. Events a day apart from 30 days back, in Europe/Paris (two daylight-saving changes
 * within 400 days). `npx tsx --conditions=hallway-source bench/tools/calendar-feed.ts`
 */
import { loadavg } from 'node:os';
import { type CalendarEvent, calendarFeed } from '#core/calendar.ts';

const NOW = new Date('2026-12-07T10:00:00Z');
const DAY = 86_400_000;

function events(count: number): CalendarEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const start = NOW.getTime() - 30 * DAY + i * DAY;
    return {
      uid: `booking-${i}.shell-loft@hallway`,
      title: `Risograph, slot ${i}`,
      startsAt: new Date(start),
      endsAt: new Date(start + 2 * 3_600_000),
      location: 'Print room',
      description: `Booking #${i} of Risograph, made with Hallway. To cancel it: /resource cancel ${i}`,
    };
  });
}

function medianMs(count: number, runs: number): number {
  const feed = { name: 'My Hallway calendar', timezone: 'Europe/Paris', now: NOW, events: events(count) };
  for (let i = 0; i < 3; i++) calendarFeed(feed);
  const times = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    calendarFeed(feed);
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

console.log(
  `load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const count of [10, 50, 400]) console.log(`${count} events: ${medianMs(count, 41).toFixed(2)} ms (median of 41)`);
