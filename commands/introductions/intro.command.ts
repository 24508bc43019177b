/** `/intro`: opens the intro form (prefilled: running it again edits); `/intro review` is the managers' queue. */
import { introSettings } from './settings.ts';
import { z } from 'zod';
import type { Context } from './kit.ts';
import { defineAction, defineCommand, defineSubcommand } from './kit.ts';
import { opt } from '#core/options.ts';
import type { Reply } from '#core/reply.ts';
import { reviewQueue } from './approval.ts';
import { aboutForm, moreForm } from './forms.ts';
import { noteManager } from './managers.ts';
import { ACTION_OPEN, currentIntro, skillsOf } from './publish.ts';

type Part = 'about' | 'more' | 'review';

/** The form for a part of the intro, prefilled with what the member said last. */
export async function openPart(ctx: Context, part: Part): Promise<Reply> {
  if (part === 'review') return await reviewQueue(ctx);
  await noteManager(ctx);
  const current = await currentIntro(ctx, ctx.actor.userId);
  if (part === 'more') {
    return { text: 'A bit more about you (all optional).', form: moreForm(current, introSettings(ctx.community)) };
  }
  const { offers, needs } = await skillsOf(ctx, ctx.actor.userId);
  return { text: 'Tell the community about yourself.', form: aboutForm(current, offers, needs) };
}

/** `/intro [about|more|review]`. */
export const introCommand = defineCommand({
  name: 'intro',
  ...defineSubcommand({
    description: 'Introduce yourself to the community (run it again to edit)',
    examples: ['', 'more', 'review'],
    args: z.object({
      part: opt
        .choice('about (default), more: pronouns and questions, review: managers', ['about', 'more', 'review'])
        .optional(),
    }),
    run: async (args, ctx) => openPart(ctx, args.part ?? 'about'),
  }),
});

/** The buttons in the welcome DM, the reminder and after the first form. */
export const openAction = defineAction({
  id: ACTION_OPEN,
  value: z.enum(['about', 'more']),
  run: async (part, ctx) => openPart(ctx, part),
});
