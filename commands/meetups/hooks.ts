/** How meetups plug into the shared flows: home, members leaving, forget-me, export, Discord autocomplete. */
import type { Deleted } from '#core/command.ts';
import type { Context } from './kit.ts';
import type { Section } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { refreshCard } from './card.ts';
import { answerText, summaryLine } from './format.ts';
import { respond } from './rsvp.ts';

/** Gives up the member's seats and maybes in meetups still to come (promoting the waitlist). */
async function stepBack(ctx: Context, userId: string): Promise<void> {
  for (const { meetup, rsvp } of await ctx.store.listMemberRsvps(ctx.community.id, userId, ctx.now)) {
    if (rsvp.status !== 'no') await respond(ctx, meetup, userId, 'no');
  }
}

/** Home: the member's upcoming meetups and their answer to each. */
export async function meetupsHome(ctx: Context): Promise<Section[]> {
  const mine = (await ctx.store.listMemberRsvps(ctx.community.id, ctx.actor.userId, ctx.now)).filter(
    ({ rsvp }) => rsvp.status !== 'no',
  );
  if (mine.length === 0) {
    return [{ text: `${fmt.bold('Your meetups')}\nNothing on your list — see \`/meetup list\`.` }];
  }
  const lines = mine.map(
    ({ meetup, rsvp }) => `• ${summaryLine(meetup, ctx.community.timezone)} — ${answerText(rsvp)}`,
  );
  return [{ text: `${fmt.bold('Your meetups')}\n${lines.join('\n')}` }];
}

/** A member left the workspace: their seats go to the waitlist. */
export async function meetupsMemberLeft(ctx: Context): Promise<void> {
  await stepBack(ctx, ctx.actor.userId);
}

export async function forgetMeetups(ctx: Context, userId: string): Promise<Deleted> {
  await stepBack(ctx, userId);
  const { counts, meetupIds } = await ctx.store.forgetMember(ctx.community.id, userId);
  // Cards still showing their name (even of past meetups) are redrawn without it.
  for (const id of meetupIds) await refreshCard(ctx, id);
  return {
    'meetup answers': counts.rsvps,
    'meetup ratings': counts.ratings,
    'meetup reminder records': counts.reminders + counts.prefs,
    'calendar feeds': counts.feeds,
    'meetups hosted (host removed)': counts.hosted,
    'invitations to host': counts.invites,
  };
}

export async function exportMeetups(ctx: Context): Promise<Record<string, readonly Record<string, unknown>[]>> {
  return await ctx.store.exportRows(ctx.community.id);
}

/** Upcoming meetups whose number starts with, or whose title contains, what the member typed. */
export async function autocompleteMeetups(source: string, prefix: string, ctx: Context) {
  if (source !== 'meetups' && source !== 'calendar') return undefined;
  const typed = prefix.trim().replace(/^#/, '').toLowerCase();
  // `/meetup calendar` also takes "feed" (a calendar subscription) in place of a meetup number.
  const feeds = source === 'calendar' ? FEED_CHOICES.filter((c) => c.value.startsWith(typed) || typed === '') : [];
  const upcoming = (await ctx.store.listUpcoming(ctx.community.id, ctx.now, 100))
    .filter((m) => typed === '' || String(m.id).startsWith(typed) || m.title.toLowerCase().includes(typed))
    .slice(0, 25)
    .map((m) => ({
      name: truncate(`#${m.id} ${m.title} · ${formatInZone(m.startsAt, ctx.community.timezone)}`, 100),
      value: String(m.id),
    }));
  return [...feeds, ...upcoming].slice(0, 25);
}

const FEED_CHOICES = [
  { name: 'feed — my calendar subscription', value: 'feed' },
  { name: 'feed reset — a new subscription address', value: 'feed reset' },
];
