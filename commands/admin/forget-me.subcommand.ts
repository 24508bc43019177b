/** `/hallway forget-me`: deletes everything Hallway keeps about the member, after a confirmation button. */
import { z } from 'zod';
import type { Deleted } from '#core/command.ts';
import { type Context, defineAction, defineSubcommand } from './kit.ts';
import { UserError } from '#core/errors.ts';

export const forgetMeSubcommand = defineSubcommand({
  description: 'Delete everything Hallway keeps about you (asks to confirm)',
  examples: [''],
  args: z.object({}),
  async run(_args, ctx) {
    return {
      text: 'This deletes your profile, skills, RSVPs, pairings, feedback and everything else Hallway keeps about you. It cannot be undone.',
      buttons: [
        { label: 'Yes, delete my data', action: 'hallway.forget', value: ctx.actor.userId, style: 'danger' },
        { label: 'Keep it', action: 'hallway.keep', value: ctx.actor.userId },
      ],
    };
  },
});

/**
 * Deletes the member everywhere: each feature's own rows, then the messages to or about them (sent or queued: a
 * sent row keeps their id in its key and text, and its key would block a welcome if they come back), the refs
 * named after them, then the member row. Features run first, so the updates they queue to redraw cards without
 * the member survive.
 */
export async function forgetMember(ctx: Context, userId: string): Promise<Deleted> {
  const deleted: Deleted = await ctx.features.forget(userId);
  deleted['messages to or about you'] =
    (await ctx.core.outbox.deleteForMember(ctx.community.id, userId)) +
    (await ctx.core.messageRefs.deleteForMember(ctx.community.id, userId));
  deleted['member record'] = await ctx.core.members.delete(ctx.community.id, userId);
  // What the features queued while forgetting them (a freed seat offered to the next member) no longer names them.
  ctx.notify.forgetSender(userId);
  return deleted;
}

/** The buttons carry the member's id and only that member may press them. */
const ownId = z.string().min(1).max(40);

export const forgetActions = [
  defineAction({
    id: 'hallway.forget',
    value: ownId,
    async run(userId, ctx) {
      if (userId !== ctx.actor.userId) throw new UserError('not_allowed', 'You can only delete your own data.');
      const deleted = await forgetMember(ctx, userId);
      const lines = Object.entries(deleted)
        .filter(([, n]) => n > 0)
        .map(([what, n]) => `• ${what}: ${n}`);
      return {
        text: `Done. Hallway has forgotten you${lines.length ? ':\n' + lines.join('\n') : ' (there was nothing stored).'}`,
        replaceOriginal: true,
      };
    },
  }),
  defineAction({
    id: 'hallway.keep',
    value: ownId,
    async run(userId, ctx) {
      if (userId !== ctx.actor.userId) throw new UserError('not_allowed', "This button isn't for you.");
      return { text: 'Nothing was deleted.', replaceOriginal: true };
    },
  }),
];
