/**
 * `/calendar/<token>.ics`: a calendar feed, fetched by calendar apps (Google's servers, Apple Calendar, Outlook) with
 * no cookie and no sign-in: the secret address is the credential. Always current: built on each request. A member's
 * feed holds what every feature puts in it (`calendarEvents`: their meetups, their bookings); the community's feed,
 * every upcoming meetup. Times are in the community's zone.
 */
import type { Hono } from 'hono';
import { communityMeetupEvents } from '../../../commands/meetups/index.ts';
import { calendarFeed } from '#core/calendar.ts';
import { hashSecret, isSecretShaped } from '#core/secrets.ts';
import { reading, type WebDeps } from './deps.ts';

const NOT_KNOWN =
  'This calendar feed address is not known: it may have been reset. Ask for a new one with /meetup calendar feed.';

export function calendarRoutes(app: Hono, deps: WebDeps): void {
  app.get('/calendar/:file', async (c) => {
    const token = /^(.+)\.ics$/.exec(c.req.param('file'))?.[1] ?? '';
    const now = deps.clock.now();
    const ics = !isSecretShaped(token)
      ? undefined
      : await reading(deps, async (r) => {
          const feed = await r.meetups.findCalendarFeed(hashSecret(token));
          if (!feed) return undefined;
          const community = await r.community(feed.community);
          const owner = feed.userId;
          const events =
            owner === undefined
              ? await communityMeetupEvents({ community, now, store: r.meetups })
              : await r.memberCalendar(community, owner, now);
          const name = owner === undefined ? 'Hallway meetups' : 'My Hallway calendar';
          return calendarFeed({ name, timezone: community.timezone, now, events });
        });
    if (ics === undefined) return c.text(NOT_KNOWN, 404);
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="hallway.ics"',
      'Cache-Control': 'private, no-cache',
    });
  });
}
