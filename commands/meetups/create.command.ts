/** `/meetup create`: typed options on Discord and in text; bare, it opens the form (Slack modal, Discord modal). */
import { z } from 'zod';
import { defineSubcommand } from './kit.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import { createMeetup, LIMITS } from './create.ts';
import { createForm } from './forms.ts';
import { REPEATS } from './recurrence.ts';
import { DURATION_MAX_CHARS } from '../when/index.ts';

export const createSubcommand = defineSubcommand({
  description: 'Plan a meetup (with no options: open a form)',
  examples: [
    'create title:"Zine night" when:"fri 19:00" where:"Print shop" capacity:12',
    'create title:"Life drawing" when:"tue 18:00" repeat:weekly duration:1h30',
    'create title:"Open studio" when:"in 2 weeks 19:00" repeat:monthly',
    'create',
  ],
  // title and when are optional only so that the bare command can open the form.
  args: z.object({
    title: opt.string('What it is, e.g. Zine night', { max: LIMITS.title }).optional(),
    when: opt.string('When, e.g. fri 19:00, tomorrow 6pm, in 2 weeks 19:00', { max: 100 }).optional(),
    where: opt.string('Where it takes place', { max: LIMITS.where }).optional(),
    capacity: opt.integer('Seats; more people join a waitlist', { min: 1, max: LIMITS.capacity }).optional(),
    repeat: opt.choice('Repeat it: weekly, biweekly or monthly (same weekday of the month)', REPEATS).optional(),
    description: opt.string('A few words about it', { max: LIMITS.description }).optional(),
    host: opt.user('Who hosts it (default: you)').optional(),
    duration: opt.string('How long, e.g. 2h, 90m or 1h30 (default 2h)', { max: DURATION_MAX_CHARS }).optional(),
  }),
  async run(args, ctx) {
    const { title, when } = args;
    if (title === undefined && when === undefined) {
      return { text: 'Fill in the form to plan a meetup.', form: createForm() };
    }
    if (title === undefined || when === undefined) {
      throw new UserError(
        'invalid_input',
        'A meetup needs both a `title` and a `when` (or run `/meetup create` alone for a form).',
      );
    }
    return createMeetup(ctx, { ...args, title, when });
  },
});
