/**
 * `/hallway forget-community`: deletes everything Hallway keeps about this community at once (managers, after a
 * confirmation button), for a community about to remove the app that does not want its data kept for the retention
 * period. The app's installation (its token) stays until the app is uninstalled, so it keeps working meanwhile.
 */
import { z } from 'zod';
import { UserError } from '#core/errors.ts';
import { type Context, defineAction, defineSubcommand } from './kit.ts';

export const forgetCommunitySubcommand = defineSubcommand({
  description: 'Delete all of this community’s data now, before uninstalling (managers; asks to confirm)',
  examples: [''],
  admin: true,
  args: z.object({}),
  async run(_args, ctx) {
    return {
      text: [
        'This deletes everything Hallway keeps about this community: every profile, skill, pairing, meetup, feedback',
        'request, setting and queued message. It cannot be undone. Hallway itself stays installed until you remove it.',
      ].join(' '),
      buttons: [
        {
          label: 'Yes, delete everything',
          action: 'hallway.forget-community',
          value: ctx.community.id,
          style: 'danger',
        },
        { label: 'Keep it', action: 'hallway.keep-community', value: ctx.community.id },
      ],
    };
  },
});

/** The buttons carry the community's id: a button copied from another community does nothing here. */
const communityId = z.string().min(1).max(80);

function checkPress(value: string, ctx: Context): void {
  if (!ctx.actor.isAdmin) throw new UserError('not_allowed', 'Only a community manager can delete its data.');
  if (value !== ctx.community.id) throw new UserError('not_allowed', 'That button belongs to another community.');
}

export const forgetCommunityActions = [
  defineAction({
    id: 'hallway.forget-community',
    value: communityId,
    async run(value, ctx) {
      checkPress(value, ctx);
      const rows = await ctx.core.communities.forget(ctx.community.id);
      ctx.log.info({ community: ctx.community.id, rows }, 'a manager deleted the community’s data');
      return { text: `Done: Hallway deleted this community’s data (${rows} records).`, replaceOriginal: true };
    },
  }),
  defineAction({
    id: 'hallway.keep-community',
    value: communityId,
    run: async () => ({ text: 'Nothing was deleted.', replaceOriginal: true }),
  }),
];
