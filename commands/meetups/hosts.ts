/**
 * Naming someone else as a meetup's host. Being named is public (the card says `Host: @Emma`) and gives rights
 * over the meetup, so it needs their yes: a member who names another is the host until the named member accepts
 * (Accept / Decline by DM), and the card names nobody else until then. A community manager may name a host
 * directly. Either way the named member is told.
 */
import { z } from 'zod';
import type { Context } from './kit.ts';
import { defineAction } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { MeetupRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { refreshCard } from './card.ts';
import { label, when } from './format.ts';
import { findMeetup } from './lookup.ts';

export const HOST_ACTION = 'meetup.host';

const inviteKey = (meetupId: number, userId: string) => `meetup-host-invite:${meetupId}:${userId}`;

/** Who is on the card when `named` is asked for by the actor: themselves until the named member accepts. */
export function hostOnCreate(ctx: Context, named: string | undefined): string {
  if (!named || named === ctx.actor.userId || ctx.actor.isAdmin) return named ?? ctx.actor.userId;
  return ctx.actor.userId;
}

/**
 * After a meetup naming `named` as host was created: asks them (a member's choice), or tells them (a manager's).
 * Returns the line the creator reads, or undefined when they named themselves.
 */
export async function askOrTellHost(ctx: Context, meetup: MeetupRecord, named: string | undefined) {
  if (!named || named === ctx.actor.userId) return undefined;
  const { id: community, timezone } = ctx.community;
  const what = `${label(meetup)} on ${when(meetup.startsAt, timezone)}`;
  if (ctx.actor.isAdmin) {
    ctx.notify.dm(
      community,
      named,
      {
        text: `${fmt.user(ctx.actor.userId)}, a community manager, made you the host of ${what}.`,
        context: `Change it with /meetup edit ${meetup.id}, or cancel it with /meetup cancel ${meetup.id}.`,
      },
      { key: `meetup-host-named:${meetup.id}:${named}` },
    );
    return `${fmt.user(named)} is the host, and has been told.`;
  }
  await ctx.store.inviteHost(community, meetup.id, named, ctx.actor.userId, ctx.now);
  const key = inviteKey(meetup.id, named);
  ctx.notify.dm(
    community,
    named,
    {
      text: `${fmt.user(ctx.actor.userId)} would like you to host ${what}. Will you?`,
      context: `Until you accept, ${fmt.user(ctx.actor.userId)} is the host on the card.`,
      buttons: [
        { label: 'Accept', action: HOST_ACTION, value: `${meetup.id}:yes`, style: 'primary' },
        { label: 'Decline', action: HOST_ACTION, value: `${meetup.id}:no` },
      ],
    },
    { key, ref: key },
  );
  return `I've asked ${fmt.user(named)} to host it; you're the host until they accept.`;
}

/** Accept / Decline, by the member who was asked only. */
async function answer(ctx: Context, meetupId: number, accept: boolean): Promise<Reply> {
  const meetup = await findMeetup(ctx, meetupId);
  const invite = await ctx.store.hostInvite(ctx.community.id, meetup.id);
  if (invite?.userId !== ctx.actor.userId) {
    throw new UserError('not_allowed', `You have no open invitation to host ${label(meetup)}.`);
  }
  if (accept && (meetup.status === 'cancelled' || meetup.endsAt <= ctx.now)) {
    const why = meetup.status === 'cancelled' ? 'was cancelled' : 'is already over';
    throw new UserError('conflict', `${label(meetup)} ${why}: there is nothing to host.`);
  }
  if (!(await ctx.store.answerHostInvite(ctx.community.id, meetup.id, ctx.actor.userId, accept))) {
    return { text: `You already answered about ${label(meetup)}.`, replaceOriginal: true };
  }
  const me = fmt.user(ctx.actor.userId);
  if (accept) await refreshCard(ctx, meetup.id);
  ctx.notify.dm(ctx.community.id, invite.invitedBy, {
    text: accept
      ? `${me} accepted: they are now the host of ${label(meetup)}.`
      : `${me} can't host ${label(meetup)}; you remain its host.`,
  });
  return {
    text: accept
      ? `You're the host of ${label(meetup)}. Change it with /meetup edit ${meetup.id}.`
      : `No problem: ${fmt.user(invite.invitedBy)} stays the host of ${label(meetup)}, and has been told.`,
    replaceOriginal: true,
  };
}

export const hostAction = defineAction({
  id: HOST_ACTION,
  value: z
    .string()
    .regex(/^\d{1,9}:(yes|no)$/)
    .transform((v) => ({ id: Number(v.slice(0, v.indexOf(':'))), accept: v.endsWith(':yes') })),
  run: async ({ id, accept }, ctx) => answer(ctx, id, accept),
});
