/**
 * The meetup card: posted once to the meetup channel under the ref `meetup-card:<id>`, then replaced in place after
 * every change (RSVP, edit, cancel). Each update gets a fresh outbox key from the meetup's card version, since the
 * outbox drops a second message with the same key.
 */
import { meetupSettings } from './settings.ts';
import type { MeetupRecord } from './store.ts';
import type { Button, Field, Reply, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { countsText, label, type MeetupEnv, names, type Tally, tally, when } from './format.ts';
import { describeRepeat } from './recurrence.ts';

export const cardRef = (meetupId: number) => `meetup-card:${meetupId}`;

export function rsvpButtons(meetupId: number): Button[] {
  return [
    { label: 'Going', action: 'meetup.rsvp', value: `${meetupId}:going`, style: 'primary' },
    { label: 'Maybe', action: 'meetup.rsvp', value: `${meetupId}:maybe` },
    { label: "Can't go", action: 'meetup.rsvp', value: `${meetupId}:no` },
  ];
}

function fields(meetup: MeetupRecord, zone: string, t: Tally): Field[] {
  const out: Field[] = [{ label: 'When', value: when(meetup.startsAt, zone) }];
  if (meetup.location) out.push({ label: 'Where', value: meetup.location });
  if (meetup.hostUserId) out.push({ label: 'Host', value: fmt.user(meetup.hostUserId) });
  out.push({ label: 'Answers', value: countsText(meetup, t) });
  return out;
}

/** The card as it stands. Pure apart from the reads; mentions stay empty so names never ping the channel. */
export async function buildCard(env: MeetupEnv, meetup: MeetupRecord): Promise<Reply> {
  const zone = env.community.timezone;
  if (meetup.status === 'cancelled') {
    return {
      title: `Cancelled: ${meetup.title}`,
      text: `${label(meetup)} on ${when(meetup.startsAt, zone)} is cancelled.`,
      mentions: [],
    };
  }
  const t = tally(await env.store.listRsvps(env.community.id, meetup.id));
  const sections: Section[] = [{ fields: fields(meetup, zone, t) }];
  if (meetup.description) sections.unshift({ text: meetup.description });
  sections.push({ text: `${fmt.bold('Going')}: ${names(t.seated)}` });
  if (t.waitlist.length) sections.push({ text: `${fmt.bold('Waitlist')}: ${names(t.waitlist)}` });
  if (t.maybe.length) sections.push({ text: `${fmt.bold('Maybe')}: ${names(t.maybe)}` });
  const series = meetup.seriesId ? await env.store.getSeries(env.community.id, meetup.seriesId) : undefined;
  const repeat = series ? ` · Repeats ${describeRepeat(series.repeat, series.firstStartsAt, series.timezone)}` : '';
  return {
    title: meetup.title,
    text: `${label(meetup)} — ${when(meetup.startsAt, zone)}`,
    sections,
    context: `Meetup #${meetup.id}${repeat} · ${fmt.code(`/meetup calendar ${meetup.id}`)} adds it to your calendar`,
    buttons: meetup.endsAt > env.now ? rsvpButtons(meetup.id) : [],
    mentions: [],
  };
}

/** Where a new card goes: the configured meetup channel, else the channel the command came from. */
export function cardChannel(env: MeetupEnv, fallback?: string): string | undefined {
  return meetupSettings(env.community)['meetup-channel'] || fallback || undefined;
}

/** Posts the card of a new meetup; returns the channel, or undefined when there is nowhere to post. */
export async function postCard(
  env: MeetupEnv,
  meetup: MeetupRecord,
  channelId: string | undefined,
): Promise<string | undefined> {
  if (!channelId) return undefined;
  await env.store.setCardChannel(env.community.id, meetup.id, channelId);
  const ref = cardRef(meetup.id);
  env.notify.post(env.community.id, channelId, await buildCard(env, meetup), { key: ref, ref });
  return channelId;
}

/**
 * Replaces the card with its current state (a no-op for meetups that never had one). Given the meetup's record
 * read in this unit (and unchanged since), it is not read again.
 */
export async function refreshCard(env: MeetupEnv, meetupOrId: MeetupRecord | number): Promise<void> {
  const meetup = typeof meetupOrId === 'number' ? await env.store.get(env.community.id, meetupOrId) : meetupOrId;
  if (!meetup?.cardChannelId) return;
  const meetupId = meetup.id;
  const version = await env.store.bumpCardVersion(env.community.id, meetupId);
  const ref = cardRef(meetupId);
  env.notify.update(env.community.id, ref, await buildCard(env, meetup), { key: `${ref}:v${version}` });
}
