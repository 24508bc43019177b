/** The meetup buttons: RSVP on the card, the one-tap rating, the comment form, and the digest's draft button. */
import { z } from 'zod';
import { type Context, defineAction } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { RsvpStatus } from './store.ts';
import { fmt } from '#core/text.ts';
import { commentForm, createForm } from './forms.ts';
import { findMeetup } from './lookup.ts';
import { assertAttended, rate } from './rating.ts';
import { isCurrentIdea } from './digest.ts';
import { respond } from './rsvp.ts';
import { rsvpReply } from './rsvp-reply.ts';

/** `12:going` → { id: 12, status: 'going' }. */
const rsvpValue = z
  .string()
  .regex(/^\d{1,9}:(going|maybe|no)$/)
  .transform((v) => {
    const [id, status] = v.split(':');
    return { id: Number(id), status: status as RsvpStatus };
  });

export const rsvpAction = defineAction({
  id: 'meetup.rsvp',
  value: rsvpValue,
  async run({ id, status }, ctx) {
    const meetup = await findMeetup(ctx, id);
    return rsvpReply(ctx, meetup, ctx.actor.userId, await respond(ctx, meetup, ctx.actor.userId, status));
  },
});

export const rateAction = defineAction({
  id: 'meetup.rate',
  value: z
    .string()
    .regex(/^\d{1,9}:[1-5]$/)
    .transform((v) => v.split(':').map(Number) as [number, number]),
  run: async ([id, score], ctx) => rate(ctx, await findMeetup(ctx, id), score),
});

export const commentAction = defineAction({
  id: 'meetup.comment',
  value: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
  async run(id, ctx) {
    const meetup = await findMeetup(ctx, id);
    // Offered with a score just given: only to members who had a seat and rated it.
    await assertAttended(ctx, meetup, ctx.actor.userId);
    if ((await ctx.store.ratingOf(ctx.community.id, meetup.id, ctx.actor.userId)) === undefined) {
      throw new UserError('conflict', 'Tap a score first, then add your comment.');
    }
    return { text: `Add a comment about #${meetup.id}.`, form: commentForm(meetup.id) };
  },
});

/** `U123|screen printing`: who offers the skill, and the skill as the digest showed it. */
export const DRAFT_VALUE_MAX = 80;

export const draftAction = defineAction({
  id: 'meetup.draft',
  value: z
    .string()
    .regex(/^[^|]{1,40}\|.{1,79}$/s)
    .transform((v) => ({ host: v.slice(0, v.indexOf('|')), skill: v.slice(v.indexOf('|') + 1) })),
  async run({ host, skill }, ctx) {
    // The digest suggests a member host; only they (or a manager on their behalf) set it up.
    if (ctx.actor.userId !== host && !ctx.actor.isAdmin) {
      throw new UserError(
        'not_allowed',
        `This one is for ${fmt.user(host)} to set up — nudge them, or offer your own!`,
      );
    }
    // Only an idea a digest offers now, for a member it names (not any id and words put in a forged value); a
    // manager may draft any (the dashboard offers each member who could lead it), as /meetup create lets them.
    if (!(await isCurrentIdea(ctx, host, skill)) && !(ctx.actor.isAdmin && (await isMemberHere(ctx, host)))) {
      throw new UserError('conflict', 'That idea is no longer in the digest. Start your own with /meetup create.');
    }
    const initial = { title: `Skill-share: ${skill}`, description: `${skill}, shared by a member who knows it.` };
    return { text: 'Pick a date and a place, and post it.', form: createForm(initial, host) };
  },
});

export const meetupActions = [rsvpAction, rateAction, commentAction, draftAction];

/** A member of this community who has not left (a manager drafts only for them). */
async function isMemberHere(ctx: Context, userId: string): Promise<boolean> {
  const member = await ctx.core.members.get(ctx.community.id, userId);
  return member !== undefined && !member.leftAt;
}
