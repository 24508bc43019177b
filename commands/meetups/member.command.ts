/** What every member can do: list, rsvp, calendar files, reminder settings. */
import { z } from 'zod';
import { defineSubcommand } from './kit.ts';
import { opt } from '#core/options.ts';
import type { Section } from '#core/reply.ts';
import { calendarFile } from './calendar.ts';
import { answerText, countsText, type MeetupEnv, summaryLine, tally } from './format.ts';
import { feedReply, parseFeedWords } from './feed.ts';
import { findMeetup, meetupOption } from './lookup.ts';
import { UserError } from '#core/errors.ts';
import { respond } from './rsvp.ts';
import { rsvpReply } from './rsvp-reply.ts';

const LIST_LIMIT = 10;

/** One section per upcoming meetup, with the counts and the viewer's answer. */
export async function upcomingSections(env: MeetupEnv, userId: string): Promise<Section[]> {
  const repo = env.store;
  const sections: Section[] = [];
  for (const m of await repo.listUpcoming(env.community.id, env.now, LIST_LIMIT)) {
    const t = tally(await repo.listRsvps(env.community.id, m.id));
    const mine = answerText(await repo.getRsvp(env.community.id, m.id, userId));
    sections.push({ text: `${summaryLine(m, env.community.timezone)}\n${countsText(m, t)} · You: ${mine}` });
  }
  return sections;
}

export const listSubcommand = defineSubcommand({
  description: 'Upcoming meetups, with your answer',
  examples: ['list'],
  args: z.object({}),
  async run(_args, ctx) {
    const sections = await upcomingSections(ctx, ctx.actor.userId);
    if (sections.length === 0) return { text: 'No meetups planned yet. Plan one with `/meetup create`!' };
    return {
      title: 'Upcoming meetups',
      text: `${sections.length} upcoming meetup(s).`,
      sections,
      context: 'Answer with `/meetup rsvp <number> going|maybe|no` or the buttons on each card.',
    };
  },
});

export const rsvpSubcommand = defineSubcommand({
  description: 'Answer a meetup: going, maybe or no',
  examples: ['rsvp 12 going', 'rsvp meetup:12 answer:maybe'],
  args: z.object({
    meetup: meetupOption(),
    answer: opt.choice('Your answer', ['going', 'maybe', 'no']),
  }),
  async run(args, ctx) {
    const meetup = await findMeetup(ctx, args.meetup);
    return rsvpReply(ctx, meetup, ctx.actor.userId, await respond(ctx, meetup, ctx.actor.userId, args.answer));
  },
});

export const calendarSubcommand = defineSubcommand({
  description: 'A calendar file (.ics) for a meetup or its series, or "feed": your calendar subscription',
  examples: ['calendar 12', 'calendar 12 series:true', 'calendar feed', 'calendar feed reset'],
  args: z.object({
    meetup: opt.string('A meetup number (e.g. 12), or "feed" for your calendar subscription', {
      max: 40,
      autocomplete: 'calendar',
    }),
    series: opt.boolean('The whole series instead of one date').optional(),
  }),
  async run(args, ctx) {
    const feed = parseFeedWords(args.meetup);
    if (feed) {
      if (args.series !== undefined) throw new UserError('invalid_input', '`series` is for one meetup, not a feed.');
      return feedReply(ctx, feed);
    }
    const meetup = await findMeetup(ctx, args.meetup);
    const file = await calendarFile(ctx, meetup, args.series ?? false);
    return { text: `Here is ${file.name}: open it to add it to your calendar.`, files: [file] };
  },
});

export const remindersSubcommand = defineSubcommand({
  description: 'Turn your meetup reminders on or off',
  examples: ['reminders off', 'reminders on'],
  args: z.object({ enabled: opt.boolean('on or off') }),
  async run(args, ctx) {
    await ctx.store.setRemindersEnabled(ctx.community.id, ctx.actor.userId, args.enabled, ctx.now);
    return {
      text: args.enabled
        ? "Reminders are on: I'll DM you the day before and an hour before meetups you're going to."
        : "Reminders are off: I won't DM you before meetups. Turn them back on with `/meetup reminders on`.",
    };
  },
});
