/** `/hallway stats`: community figures, counts only (managers). */
import { z } from 'zod';
import { defineSubcommand, type Feature } from '#core/command.ts';

export function statsSubcommand(features: () => readonly Feature[]) {
  return defineSubcommand({
    description: 'Community figures: members, intros, matches, meetups, feedback (managers)',
    examples: [''],
    admin: true,
    args: z.object({}),
    run(_args, ctx) {
      const active = ctx.repos.members.listActive(ctx.community.id).length;
      const outbox = ctx.repos.outbox.counts(ctx.community.id);
      const fields = [
        { label: 'Members', value: String(active) },
        ...features().flatMap((f) => f.stats?.(ctx) ?? []),
        { label: 'Messages sent', value: String(outbox.sent) },
        { label: 'Messages waiting', value: String(outbox.pending + outbox.sending) },
        { label: 'Messages undeliverable', value: String(outbox.failed) },
      ];
      return { title: 'Community stats', text: 'Counts only — no single member’s answers.', sections: [{ fields }] };
    },
  });
}
