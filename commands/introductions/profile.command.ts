/**
 * `/profile [member]`: a member's card. Others see only the published intro (never a submission waiting for
 * approval); members who left are not in the directory. Your own profile shows its status and edit buttons.
 */
import { z } from 'zod';
import type { Context } from './kit.ts';
import { defineCommand } from './kit.ts';
import { opt } from '#core/options.ts';
import type { ProfileRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { profileReply } from './card.ts';
import { noteManager } from './managers.ts';
import { ACTION_OPEN } from './publish.ts';

const EMPTY = { role: '', workingOn: '', links: [], answers: [] };

/** A member's own status line. */
export function statusLine(profile: ProfileRecord | undefined): string {
  switch (profile?.status) {
    case 'pending_approval':
      return profile.published
        ? 'Your latest changes are waiting for a manager’s approval; others see the version below until then.'
        : 'Your introduction is waiting for a manager’s approval.';
    case 'rejected':
      return 'A manager did not approve your last version: edit it and send it again.';
    case 'approved':
      return 'Edit any time with /intro.';
    default:
      return "You haven't introduced yourself yet: /intro takes two minutes.";
  }
}

/** Completed mentorships as a mentor: recognition on the profile, never ranked against anyone. */
const mentored = (ctx: Context, userId: string) => ctx.store.mentorshipsCompleted(ctx.community.id, userId);

async function ownProfile(ctx: Context): Promise<Reply> {
  const userId = ctx.actor.userId;
  const card = await ctx.store.card(ctx.community.id, userId);
  const profile = card?.profile;
  const fields = profile?.draft ?? profile?.published ?? EMPTY;
  const recognition = await ctx.features.profileFields(userId);
  return {
    ...profileReply(
      { userId, fields, offers: card?.offers ?? [], needs: card?.needs ?? [], mentored: await mentored(ctx, userId) },
      recognition,
      statusLine(profile),
    ),
    buttons: [
      {
        label: profile?.introducedAt ? 'Edit my intro' : 'Introduce myself',
        action: ACTION_OPEN,
        value: 'about',
        style: 'primary',
      },
      { label: 'Add a bit more', action: ACTION_OPEN, value: 'more' },
    ],
  };
}

async function otherProfile(ctx: Context, userId: string): Promise<Reply> {
  const card = await ctx.store.card(ctx.community.id, userId);
  if (card?.left) return { text: `${fmt.user(userId)} is no longer in the directory.` };
  const published = card?.profile?.published;
  const offers = card?.offers ?? [];
  const needs = card?.needs ?? [];
  // Recognition shows on every profile, introduced or not: members are told it counts.
  const recognition = await ctx.features.profileFields(userId);
  if (!published && !offers.length && !needs.length) {
    return {
      text: `${fmt.user(userId)} hasn't introduced themselves yet.`,
      sections: recognition.length ? [{ fields: recognition }] : undefined,
    };
  }
  return profileReply(
    { userId, fields: published ?? EMPTY, offers, needs, mentored: await mentored(ctx, userId) },
    recognition,
  );
}

/** `/profile [member]`. */
export const profileCommand = defineCommand({
  name: 'profile',
  description: "See a member's profile (yours when no member is given)",
  examples: ['', '@lucas'],
  args: z.object({ member: opt.user('The member (yourself if empty)').optional() }),
  async run(args, ctx) {
    await noteManager(ctx);
    const member = args.member as string | undefined;
    return !member || member === ctx.actor.userId ? await ownProfile(ctx) : await otherProfile(ctx, member);
  },
});
