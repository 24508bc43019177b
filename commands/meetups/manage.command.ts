/** What hosts and managers do with a meetup: edit, cancel, see stats. */
import { z } from 'zod';
import { defineSubcommand } from './kit.ts';
import { opt } from '#core/options.ts';
import { cancelMeetup } from './cancel.ts';
import { LIMITS } from './create.ts';
import { editMeetup, whenText } from './edit.ts';
import { countsText, tally } from './format.ts';
import { editForm } from './forms.ts';
import { assertCanManage, findMeetup, meetupOption } from './lookup.ts';
import { statsReply } from './rating.ts';
import { DURATION_MAX_CHARS } from '../when/index.ts';

/** `where:none` / `description:none` remove the value. */
const clearable = (value: string | undefined) =>
  value === undefined ? undefined : /^none$/i.test(value) ? null : value;

export const editSubcommand = defineSubcommand({
  description: 'Change a meetup (with only its number: open a form)',
  examples: ['edit 12 when:"sat 18:00"', 'edit 12 capacity:20 where:"Room B" duration:3h', 'edit 12'],
  args: z.object({
    meetup: meetupOption(),
    title: opt.string('New title', { max: LIMITS.title }).optional(),
    when: opt.string('New date and time, e.g. sat 18:00', { max: 100 }).optional(),
    where: opt.string('New place ("none" to remove it)', { max: LIMITS.where }).optional(),
    capacity: opt.integer('Seats (0: no limit)', { min: 0, max: LIMITS.capacity }).optional(),
    description: opt.string('New description ("none" to remove it)', { max: LIMITS.description }).optional(),
    duration: opt.string('New length, e.g. 2h, 90m or 1h30', { max: DURATION_MAX_CHARS }).optional(),
  }),
  async run({ meetup: ref, ...changes }, ctx) {
    const meetup = await findMeetup(ctx, ref);
    if (Object.values(changes).every((v) => v === undefined)) {
      assertCanManage(ctx, meetup, 'edit');
      return {
        text: `Edit meetup #${meetup.id} in the form.`,
        form: editForm(meetup, whenText(meetup, ctx.community.timezone)),
      };
    }
    return editMeetup(ctx, meetup, {
      ...changes,
      where: clearable(changes.where),
      description: clearable(changes.description),
      capacity: changes.capacity === 0 ? null : changes.capacity,
    });
  },
});

export const cancelSubcommand = defineSubcommand({
  description: 'Cancel a meetup, or the rest of its series (host or manager)',
  examples: ['cancel 12', 'cancel 12 series:true'],
  args: z.object({
    meetup: meetupOption(),
    series: opt.boolean('Cancel every upcoming date of the series').optional(),
  }),
  run: async (args, ctx) => cancelMeetup(ctx, await findMeetup(ctx, args.meetup), args.series ?? false),
});

export const statsSubcommand = defineSubcommand({
  description: 'Answers and ratings of a meetup (host or manager)',
  examples: ['stats 12'],
  args: z.object({ meetup: meetupOption() }),
  async run(args, ctx) {
    const meetup = await findMeetup(ctx, args.meetup);
    assertCanManage(ctx, meetup, 'see the stats of');
    const t = tally(await ctx.store.listRsvps(ctx.community.id, meetup.id));
    return statsReply(ctx, meetup, `${countsText(meetup, t)} · ${t.no.length} can't go`);
  },
});
