/**
 * Coffee? → the other member gets a DM with one-tap Sure / Not today; the inviter hears the answer. Only between
 * members who are both in, once per pair per day; invitations are gone with the day. The values carry member
 * ids only: whoever taps is the actor, so nobody answers an invitation meant for someone else.
 */
import { z } from 'zod';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { type ActionDef, type Context, defineAction } from './kit.ts';
import { reasonToward } from './complements.ts';
import { dayOf } from './day.ts';
import { requirePresence } from './gate.ts';
import { coffeeAnswer, coffeeInvite } from './messages.ts';

const MEMBER = /^[^:\s]{1,64}$/;

async function invite(ctx: Context, otherId: string): Promise<Reply> {
  await requirePresence(ctx);
  const { store, community, actor, now } = ctx;
  if (otherId === actor.userId) throw new UserError('invalid_input', 'That is you — find someone else with /here who.');
  const mine = await store.presenceOf(community.id, actor.userId, now);
  if (!mine)
    throw new UserError('conflict', 'Check in first with /here: coffee invitations are between members who are in.');
  const theirs = await store.presenceOf(community.id, otherId, now);
  const avoided = (await store.avoidsEither(community.id, actor.userId)).includes(otherId);
  if (!theirs || avoided) throw new UserError('conflict', `${fmt.user(otherId)} isn't in right now.`);
  const day = dayOf(now, community.timezone);
  if (!(await store.addCoffee(community.id, actor.userId, otherId, day.end, now))) {
    throw new UserError('conflict', `You already invited ${fmt.user(otherId)} for coffee today.`);
  }
  const reason = await reasonToward(ctx, actor.userId, otherId);
  ctx.notify.dm(community.id, otherId, coffeeInvite(mine, reason, community.timezone), {
    key: `presence-coffee:${day.key}:${actor.userId}:${otherId}`,
  });
  // Invitations lapse with the day and nobody is told of silence: promise only the answer that may come.
  return {
    text: `I've asked ${fmt.user(otherId)} if they'd like a coffee. If they answer today, I'll tell you what they say.`,
  };
}

async function answer(ctx: Context, fromId: string, sure: boolean): Promise<Reply> {
  const { store, community, actor, now } = ctx;
  await store.purgeExpired(community.id, now);
  const invitation = await store.coffee(community.id, fromId, actor.userId, now);
  if (!invitation) throw new UserError('not_found', 'This invitation is no longer open (they last the day).');
  if (!(await store.answerCoffee(community.id, fromId, actor.userId, sure ? 'sure' : 'not_today', now))) {
    throw new UserError('conflict', 'You already answered this invitation.');
  }
  const day = dayOf(now, community.timezone);
  const mine = await store.presenceOf(community.id, actor.userId, now);
  ctx.notify.dm(community.id, fromId, coffeeAnswer(mine, actor.userId, sure, community.timezone), {
    key: `presence-coffee-answer:${day.key}:${actor.userId}:${fromId}`,
  });
  return {
    text: sure
      ? `Enjoy your coffee with ${fmt.user(fromId)}!`
      : `No problem — I've let ${fmt.user(fromId)} know, kindly.`,
    replaceOriginal: true,
  };
}

export const presenceActions: ActionDef[] = [
  defineAction({ id: 'presence.coffee', value: z.string().regex(MEMBER), run: (otherId, ctx) => invite(ctx, otherId) }),
  defineAction({
    id: 'presence.answer',
    value: z
      .string()
      .regex(/^[^:\s]{1,64}:(sure|not_today)$/)
      .transform((v) => {
        const [fromId, reply] = v.split(':');
        return { fromId: fromId!, sure: reply === 'sure' };
      }),
    run: ({ fromId, sure }, ctx) => answer(ctx, fromId, sure),
  }),
];
