/** Using the library: book, cancel, mine, borrow, return, ask. */
import { z } from 'zod';
import { defineSubcommand } from './kit.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import { askForThing } from './asks.ts';
import { assertBookable, bookFromWords, cancelBooking } from './book.ts';
import { mineReply } from './browse.ts';
import { bookingForm } from './forms.ts';
import { borrow, giveBack } from './loans.ts';
import { findBooking, findResource, resourceOption } from './lookup.ts';
import { assertMayUse } from './training.ts';

export const bookSubcommand = defineSubcommand({
  description: 'Book a time slot (with only the resource: open a form)',
  examples: [
    'book Risograph when:"fri 14:00" for:2h',
    'book "Photo studio" when:"tomorrow 10am" for:90m',
    'book Risograph',
  ],
  args: z.object({
    resource: resourceOption(),
    when: opt.string('When, e.g. fri 14:00, tomorrow 10am, in 2 weeks 09:30', { max: 100 }).optional(),
    for: opt.string('How long, e.g. 2h, 90m, 1h30 (default 1 hour)', { max: 20 }).optional(),
  }),
  async run(args, ctx) {
    const resource = await findResource(ctx, args.resource);
    if (args.when === undefined) {
      if (args.for !== undefined) throw new UserError('invalid_input', 'Tell me `when` too, e.g. `when:"fri 14:00"`.');
      assertBookable(resource);
      await assertMayUse(ctx, resource, 'book');
      return { text: `Pick a time for ${resource.name} in the form.`, form: bookingForm(resource) };
    }
    return bookFromWords(ctx, resource, args.when, args.for);
  },
});

export const cancelSubcommand = defineSubcommand({
  description: 'Cancel one of your bookings (managers: any booking)',
  examples: ['cancel 7'],
  args: z.object({ booking: opt.string('Booking number, e.g. 7 (see /resource mine)', { max: 20 }) }),
  run: async (args, ctx) => cancelBooking(ctx, await findBooking(ctx, args.booking)),
});

export const mineSubcommand = defineSubcommand({
  description: 'Your bookings, loans and the things you lend',
  examples: ['mine'],
  args: z.object({}),
  run: async (_args, ctx) => mineReply(ctx),
});

export const borrowSubcommand = defineSubcommand({
  description: 'Ask to borrow something (its owner is asked; a line forms when it is out)',
  examples: ['borrow Tripod', 'borrow Tripod until:"next monday"'],
  args: z.object({
    resource: resourceOption(),
    until: opt.string('Until when, e.g. next monday, in 2 weeks', { max: 100 }).optional(),
  }),
  run: async (args, ctx) => borrow(ctx, await findResource(ctx, args.resource), args.until),
});

export const returnSubcommand = defineSubcommand({
  description: 'Say you gave something back (or leave the line for it)',
  examples: ['return Tripod'],
  args: z.object({ resource: resourceOption() }),
  run: async (args, ctx) => giveBack(ctx, await findResource(ctx, args.resource)),
});

export const askSubcommand = defineSubcommand({
  description: 'Nobody listed it? Ask the members most likely to have one',
  examples: ['ask what:"a tripod"', 'ask a sewing machine'],
  args: z.object({ what: opt.string('What you are looking for, e.g. a tripod', { max: 200 }) }),
  run: async (args, ctx) => askForThing(ctx, args.what),
});
