/** `/hallway stats`: community figures, counts only (managers). */
import { z } from 'zod';
import { defineSubcommand } from './kit.ts';

export const statsSubcommand = defineSubcommand({
  description: 'Community figures: members, intros, matches, meetups, feedback (managers)',
  examples: [''],
  admin: true,
  args: z.object({}),
  async run(_args, ctx) {
    const active = (await ctx.core.members.listActive(ctx.community.id)).length;
    const outbox = await ctx.core.outbox.counts(ctx.community.id);
    const fields = [
      { label: 'Members', value: String(active) },
      ...(await ctx.features.stats()),
      { label: 'Messages sent', value: String(outbox.sent) },
      { label: 'Messages waiting', value: String(outbox.pending + outbox.sending) },
      { label: 'Messages undeliverable', value: String(outbox.failed) },
    ];
    return { title: 'Community stats', text: 'Counts only — no single member’s answers.', sections: [{ fields }] };
  },
});
