/**
 * Calendar feeds: a private address (`<public url>/calendar/<token>.ics`) a member subscribes to in their calendar
 * app, always current with the meetups they said going or maybe to (and what other features add through their
 * `calendarEvents` hook, such as resource bookings); and the community feed of every upcoming
 * meetup, which managers hand out. Only the hash of an address's token is stored, so an address is shown once, when
 * it is made; `reset` makes a new one and the old one stops working.
 */
import type { CalendarEvent } from '#core/calendar.ts';
import type { CalendarContext } from '#core/command.ts';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { newSecret } from '#core/secrets.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { meetupEvent } from './calendar.ts';
import type { Context } from './kit.ts';
import type { MeetupsStore } from './store.ts';

/** How far back a member's feed reaches, and how many meetups a feed holds. */
const FEED_PAST_MS = 30 * 86_400_000;
const FEED_LIMIT = 200;

/** What `/meetup calendar feed [community] [reset]` asks for; undefined when the words are not about a feed. */
export interface FeedRequest {
  readonly community: boolean;
  readonly reset: boolean;
}

export function parseFeedWords(words: string): FeedRequest | undefined {
  const parts = words.trim().toLowerCase().split(/\s+/);
  if (parts[0] !== 'feed') return undefined;
  const rest = new Set(parts.slice(1));
  const known = ['community', 'reset'];
  if ([...rest].some((w) => !known.includes(w)) || rest.size !== parts.length - 1) {
    throw new UserError(
      'invalid_input',
      'A calendar feed is `/meetup calendar feed`, `/meetup calendar feed reset`, or for managers `/meetup calendar feed community [reset]`.',
    );
  }
  return { community: rest.has('community'), reset: rest.has('reset') };
}

const HOW_TO =
  'Add it in your calendar app as a subscription ("From URL" in Google Calendar, "New Calendar Subscription" in Apple Calendar, "Subscribe from web" in Outlook). Keep it to yourself: anyone with the address can read it.';

/** `/meetup calendar feed …`: makes the address when there is none (or on reset), else says how to get a new one. */
export async function feedReply(ctx: Context, request: FeedRequest): Promise<Reply> {
  if (request.community && !ctx.actor.isAdmin) {
    throw new UserError('not_allowed', 'Only community managers can hand out the community calendar feed.');
  }
  const owner = request.community ? undefined : ctx.actor.userId;
  const what = request.community
    ? 'community calendar feed (every upcoming meetup)'
    : 'calendar feed (your meetups and bookings)';
  const since = await ctx.store.calendarFeedSince(ctx.community.id, owner);
  if (since && !request.reset) {
    const words = request.community ? 'feed community reset' : 'feed reset';
    return {
      text: `There is already a ${what}, made ${formatInZone(since, ctx.community.timezone, 'date')}. I keep only a fingerprint of its address, so I cannot show it again. Lost it? ${fmt.code(`/meetup calendar ${words}`)} makes a new one (the old one stops working).`,
    };
  }
  const { token, hash } = newSecret();
  await ctx.store.saveCalendarFeed(ctx.community.id, owner, hash, ctx.now);
  const url = `${ctx.publicUrl}/calendar/${token}.ics`;
  const replaced = since ? ' The old address no longer works.' : '';
  return {
    title: request.community ? 'Community calendar feed' : 'Your calendar feed',
    text: `Here is your ${what}:\n${fmt.link(url)}\nSave it now: I will not show it again.${replaced}`,
    context: HOW_TO,
  };
}

/** A member's feed: the meetups they answered going or maybe, from 30 days back (the `calendarEvents` hook). */
export async function memberMeetupEvents(ctx: CalendarContext<MeetupsStore>, userId: string): Promise<CalendarEvent[]> {
  const since = new Date(ctx.now.getTime() - FEED_PAST_MS);
  const meetups = await ctx.store.listMemberCalendar(ctx.community.id, userId, since, FEED_LIMIT);
  return meetups.map(meetupEvent);
}

/** The community feed: every upcoming meetup. */
export async function communityMeetupEvents(ctx: CalendarContext<MeetupsStore>): Promise<CalendarEvent[]> {
  return (await ctx.store.listUpcoming(ctx.community.id, ctx.now, FEED_LIMIT)).map(meetupEvent);
}
