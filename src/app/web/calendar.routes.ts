/**
 * `/calendar/<token>.ics`: a calendar feed, fetched by calendar apps (Google's servers, Apple Calendar, Outlook) with
 * no cookie and no sign-in: the secret address is the credential. Always current: built on each request.
 */
import type { Hono } from 'hono';
import { feedCalendar } from '../../../commands/meetups/index.ts';
import { hashSecret, isSecretShaped } from '#core/secrets.ts';
import { reading, type WebDeps } from './deps.ts';

export function calendarRoutes(app: Hono, deps: WebDeps): void {
  app.get('/calendar/:file', async (c) => {
    const token = /^(.+)\.ics$/.exec(c.req.param('file'))?.[1] ?? '';
    const now = deps.clock.now();
    const ics = !isSecretShaped(token)
      ? undefined
      : await reading(deps, async (r) => {
          const feed = await r.meetups.findCalendarFeed(hashSecret(token));
          if (!feed) return undefined;
          return feedCalendar({ store: r.meetups, community: await r.community(feed.community), now }, feed);
        });
    if (ics === undefined) {
      return c.text(
        'This calendar feed address is not known: it may have been reset. Ask for a new one with /meetup calendar feed.',
        404,
      );
    }
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="hallway.ics"',
      'Cache-Control': 'private, no-cache',
    });
  });
}
