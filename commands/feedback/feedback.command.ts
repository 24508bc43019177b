/** `/feedback`: ask for feedback, see what is open, cancel, mark feedback given, turn prompts on or off. */
import { z } from 'zod';
import { type Context, defineCommand, defineSubcommand } from './kit.ts';
import { opt } from '#core/options.ts';
import type { FeedbackPromptKind } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { markGiven } from './answers.ts';
import { cancelRequest } from './cancel.ts';
import { listFeedback } from './list.ts';
import { ABOUT_MAX, submitRequest } from './request.ts';
import { handOffExpiredAsks } from './timeouts.ts';

const requestNumber = opt.integer('The request number (see /feedback list)', { min: 1 });

/** Commands see asks that timed out already moved on (see timeouts.ts). */
function fresh<A>(run: (args: A, ctx: Context) => Promise<Reply>): (args: A, ctx: Context) => Promise<Reply> {
  return async (args, ctx) => {
    await handOffExpiredAsks(ctx);
    return run(args, ctx);
  };
}

const request = defineSubcommand({
  description: 'Ask neighbours whose skills fit for feedback on your work in progress',
  examples: [
    'about:"Zine layout draft" skills:"layout, illustration" by:friday',
    'about:"Pitch deck for the grant" link:https://example.org/deck',
  ],
  args: z.object({
    about: opt.string('What you are working on and what feedback would help', { max: ABOUT_MAX }).optional(),
    link: opt.string('A link to the work (https://…)', { max: 500 }).optional(),
    skills: opt
      .string('Skills that would help, comma-separated (default: from your profile)', { autocomplete: 'skills' })
      .optional(),
    by: opt.string('Deadline, e.g. "friday" or "in 3 days"', { max: 60 }).optional(),
  }),
  run: fresh((args, ctx) => submitRequest(args, ctx)),
});

const list = defineSubcommand({
  description: 'Your open feedback requests and the asks waiting for you',
  examples: [''],
  args: z.object({}),
  run: fresh((_args, ctx) => listFeedback(ctx)),
});

const cancel = defineSubcommand({
  description: 'Cancel one of your feedback requests',
  examples: ['12'],
  args: z.object({ request: requestNumber }),
  run: fresh(({ request: id }, ctx) => cancelRequest(ctx, id)),
});

const given = defineSubcommand({
  description: 'Mark the feedback you gave on a request as given',
  examples: ['12'],
  args: z.object({ request: requestNumber }),
  run: fresh(async ({ request: id }, ctx) => ({ ...(await markGiven(ctx, id)), replaceOriginal: undefined })),
});

const prompts = defineSubcommand({
  description: 'Turn feedback prompts for you on or off: review asks, "was this helpful?", or both',
  examples: ['off', 'on asks', 'off helpful'],
  args: z.object({
    state: opt.choice('on or off', ['on', 'off']),
    which: opt.choice('Which prompts (default: all)', ['all', 'asks', 'helpful']).optional(),
  }),
  run: async ({ state, which }, ctx) => setPrompts(ctx, state === 'off', which ?? 'all'),
});

export const feedbackCommand = defineCommand({
  name: 'feedback',
  description: 'Feedback on work in progress from neighbours whose skills fit',
  subcommands: { request, list, cancel, given, prompts },
  default: 'request',
});

const KINDS: Record<'all' | FeedbackPromptKind, FeedbackPromptKind[]> = {
  all: ['asks', 'helpful'],
  asks: ['asks'],
  helpful: ['helpful'],
};

async function setPrompts(ctx: Context, off: boolean, which: 'all' | FeedbackPromptKind): Promise<Reply> {
  for (const kind of KINDS[which]) await ctx.store.setOptOut(ctx.community.id, ctx.actor.userId, kind, off, ctx.now);
  const what = { all: 'Feedback prompts', asks: 'Review asks', helpful: '"Was this helpful?" questions' }[which];
  return {
    text: off
      ? `${what} are off for you. Turn them back on any time with /feedback prompts on.`
      : `${what} are on for you.`,
  };
}
