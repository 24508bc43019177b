/** Creating a meetup (and its series), from the command or the form: one use case, two entry points. */
import type { Context } from './kit.ts';
import { inField, UserError } from '#core/errors.ts';
import type { Repeat } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { cardChannel, postCard } from './card.ts';
import { label, when as whenToken } from './format.ts';
import { askOrTellHost, hostOnCreate } from './hosts.ts';
import { type DurationRules, durationText, echoWhen, parseDuration, readWhen, type WhenRules } from '../when/index.ts';
import { describeRepeat, splitRepeat } from './recurrence.ts';

export const LIMITS = { title: 100, where: 200, description: 1000, capacity: 10_000 } as const;
export const DEFAULT_DURATION_MINUTES = 120;

export interface CreateInput {
  readonly title: string;
  /** Natural language; may end with a repeat ("fri 19:00 weekly") when `repeat` is not given. */
  readonly when: string;
  readonly where?: string;
  readonly capacity?: number;
  readonly repeat?: Repeat;
  readonly description?: string;
  readonly host?: string;
  /** In words ("2h", "90m", "1h30"); empty or absent: two hours. */
  readonly duration?: string;
}

/** Throws when a text is longer than allowed (forms may not enforce `maxLength` everywhere). */
export function checkLength(value: string | undefined, max: number, name: string): void {
  if (value !== undefined && Array.from(value).length > max) {
    throw new UserError('too_long', `The ${name} must be at most ${max} characters.`);
  }
}

/** A meetup's start, in words or from a picker: a date and a time, at most two years ahead. */
export const MEETUP_START: WhenRules = {
  reads: 'moment',
  withoutTime: 'refuse',
  maxAhead: { days: 2 * 366, words: 'two years' },
};

/** A meetup lasts from 15 minutes to a day: longer is a typo, or a festival. */
export const MEETUP_LENGTH: DurationRules = { what: 'A meetup', minMinutes: 15, maxMinutes: 24 * 60 };

/** The length typed (an option or a form field), or undefined when it was left empty. */
export function readLength(text: string | undefined): number | undefined {
  return text === undefined || text.trim() === '' ? undefined : parseDuration(text, MEETUP_LENGTH);
}

/** A host is named on the card (a ping on Slack): only members Hallway knows here, who have not left. */
async function checkHost(ctx: Context, host: string | undefined): Promise<void> {
  if (!host || host === ctx.actor.userId) return;
  const member = await ctx.core.members.get(ctx.community.id, host);
  if (!member || member.leftAt) {
    throw new UserError('not_found', 'I can only name a host who is a member here and has used Hallway before.');
  }
}

export async function createMeetup(ctx: Context, input: CreateInput): Promise<Reply> {
  checkLength(input.title, LIMITS.title, 'title');
  checkLength(input.where, LIMITS.where, 'place');
  checkLength(input.description, LIMITS.description, 'description');
  await checkHost(ctx, input.host);
  const split = input.repeat ? { when: input.when, repeat: input.repeat } : splitRepeat(input.when);
  const zone = ctx.community.timezone;
  const startsAt = readWhen(split.when, ctx.now, zone, MEETUP_START);
  const minutes = inField('duration', () => readLength(input.duration)) ?? DEFAULT_DURATION_MINUTES;
  const { id: community } = ctx.community;
  const series = split.repeat
    ? await ctx.store.createSeries({
        community,
        repeat: split.repeat,
        timezone: zone,
        firstStartsAt: startsAt,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
      })
    : undefined;
  const meetup = await ctx.store.create({
    community,
    seriesId: series?.id,
    title: input.title,
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    location: input.where || undefined,
    capacity: input.capacity,
    description: input.description || undefined,
    hostUserId: hostOnCreate(ctx, input.host),
    createdBy: ctx.actor.userId,
    now: ctx.now,
  });
  const channel = await postCard(ctx, meetup, cardChannel(ctx, ctx.channelId));
  const lines = [echoWhen(split.when, startsAt, zone, MEETUP_START)];
  if (input.duration?.trim()) lines.push(`It lasts ${durationText(minutes)}.`);
  if (series) lines.push(`It repeats ${describeRepeat(series.repeat, startsAt, zone)} (also across clock changes).`);
  const host = await askOrTellHost(ctx, meetup, input.host);
  if (host) lines.push(host);
  lines.push(
    channel
      ? `The card with RSVP buttons is in ${fmt.channel(channel)}.`
      : 'No meetup channel is set, so no card was posted: a manager can set one with `/hallway config`.',
  );
  return {
    text: `Created ${label(meetup)} for ${whenToken(startsAt, zone)}.`,
    sections: [{ text: lines.join('\n') }],
    context: `Change it with /meetup edit ${meetup.id} · cancel with /meetup cancel ${meetup.id}`,
  };
}
