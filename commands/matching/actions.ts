/**
 * The matching buttons. Values carry a suggestion or pairing id; every action checks the clicker is the member the
 * suggestion was for, or a member of the pairing, and that the button was offered in the state it is pressed in (a
 * suggestion still shown, a round's pairing, a follow-up that was asked), so a forwarded or forged button does
 * nothing. Buttons that introduce members re-check the avoid list at that moment, both ways.
 */
import { z } from 'zod';
import type { Context } from './kit.ts';
import { defineAction } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { MatchMember, MetAnswer, PairingRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { anyAvoided } from './avoids.ts';
import { collaborationQuestion, introMessage } from './messages.ts';

const id = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);
const answer = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .regex(new RegExp(`^\\d{1,12}:(${values.join('|')})$`))
    .transform((v) => ({ id: Number(v.slice(0, v.indexOf(':'))), answer: v.slice(v.indexOf(':') + 1) as T }));

const done = (text: string): Reply => ({ text, replaceOriginal: true, mentions: [] });

const NOT_YOURS = "This button isn't for you.";

/** The pairing, if the actor is in it; a UserError otherwise (also for pairings of other communities). */
async function myPairing(ctx: Context, pairingId: number): Promise<PairingRecord> {
  const pairing = await ctx.store.pairing(ctx.community.id, pairingId);
  if (!pairing?.members.some((m) => m.userId === ctx.actor.userId)) throw new UserError('not_allowed', NOT_YOURS);
  return pairing!;
}

/** A weekly round's pairing of the actor: only those come with "Open a group chat" and "Can't this week". */
async function myRoundPairing(ctx: Context, pairingId: number): Promise<PairingRecord> {
  const pairing = await myPairing(ctx, pairingId);
  if (pairing.kind !== 'round') throw new UserError('not_allowed', NOT_YOURS);
  return pairing;
}

/** A pairing of the actor whose "Did you meet?" was sent: the follow-up's buttons come only after it. */
async function myFollowedUpPairing(ctx: Context, pairingId: number): Promise<PairingRecord> {
  const pairing = await myPairing(ctx, pairingId);
  if (!pairing.followUpAt) throw new UserError('conflict', 'I have not asked about this match yet.');
  return pairing;
}

async function present(ctx: Context, userIds: readonly string[]): Promise<MatchMember[]> {
  const members: MatchMember[] = [];
  for (const userId of userIds) {
    const member = await ctx.store.member(ctx.community.id, userId);
    if (member) members.push(member);
  }
  return members;
}

export const introduceAction = defineAction({
  id: 'match.introduce',
  value: id,
  async run(suggestionId, ctx) {
    const { id: community } = ctx.community;
    const suggestion = await ctx.store.suggestion(community, suggestionId);
    if (!suggestion || suggestion.userId !== ctx.actor.userId) throw new UserError('not_allowed', NOT_YOURS);
    if (suggestion.status === 'introduced')
      return done(`You've already been introduced to ${fmt.user(suggestion.suggestedId)}.`);
    if (suggestion.status !== 'shown') throw new UserError('conflict', 'You said not now to this suggestion.');
    const members = await present(ctx, [suggestion.userId, suggestion.suggestedId]);
    if (members.length < 2) return done('That member is no longer here.');
    if (await anyAvoided(ctx.store, ctx.community.id, [suggestion.userId, suggestion.suggestedId])) {
      throw new UserError('conflict', 'This introduction is no longer possible. Try /match for new suggestions.');
    }
    const pairingId = await ctx.store.addPairing(
      community,
      { kind: 'intro', score: suggestion.score, members: members.map((m) => m.userId) },
      ctx.now,
    );
    await ctx.store.markResponded(community, pairingId, ctx.actor.userId, ctx.now);
    await ctx.store.decideSuggestion(community, suggestionId, 'introduced', ctx.now);
    ctx.notify.dm(
      community,
      members.map((m) => m.userId),
      introMessage(members),
      { key: `match-intro:${suggestionId}` },
    );
    return done(`Done! I've started a conversation between you and ${fmt.user(suggestion.suggestedId)}.`);
  },
});

export const dismissAction = defineAction({
  id: 'match.dismiss',
  value: id,
  async run(suggestionId, ctx) {
    const suggestion = await ctx.store.suggestion(ctx.community.id, suggestionId);
    if (!suggestion || suggestion.userId !== ctx.actor.userId) throw new UserError('not_allowed', NOT_YOURS);
    if (suggestion.status === 'shown')
      await ctx.store.decideSuggestion(ctx.community.id, suggestionId, 'dismissed', ctx.now);
    return done(`OK, not now. I won't suggest ${fmt.user(suggestion.suggestedId)} again for a while.`);
  },
});

export const groupChatAction = defineAction({
  id: 'match.group',
  value: id,
  async run(pairingId, ctx) {
    const pairing = await myRoundPairing(ctx, pairingId);
    const members = await present(
      ctx,
      pairing.members.map((m) => m.userId),
    );
    if (
      await anyAvoided(
        ctx.store,
        ctx.community.id,
        members.map((m) => m.userId),
      )
    ) {
      throw new UserError('conflict', "I can't open this group chat any more. Your next weekly match comes as usual.");
    }
    await ctx.store.markResponded(ctx.community.id, pairingId, ctx.actor.userId, ctx.now);
    if (members.length < 2) return done('Your match is no longer here, sorry.');
    // The key makes the group chat open once, whoever clicks first.
    ctx.notify.dm(
      ctx.community.id,
      members.map((m) => m.userId),
      introMessage(members),
      { key: `match-group:${pairingId}` },
    );
    return { text: 'I opened a group conversation with your match.', mentions: [] };
  },
});

export const skipAction = defineAction({
  id: 'match.skip',
  value: id,
  async run(pairingId, ctx) {
    await myRoundPairing(ctx, pairingId);
    await ctx.store.markResponded(ctx.community.id, pairingId, ctx.actor.userId, ctx.now);
    return { text: 'No problem — catch up another time. Thanks for letting me know.', mentions: [] };
  },
});

export const metAction = defineAction({
  id: 'match.met',
  value: answer<MetAnswer>(['yes', 'not_yet', 'no']),
  async run({ id: pairingId, answer: met }, ctx) {
    await myFollowedUpPairing(ctx, pairingId);
    await ctx.store.recordMet(ctx.community.id, pairingId, ctx.actor.userId, met, ctx.now);
    if (met === 'yes') return collaborationQuestion(pairingId);
    return done(met === 'not_yet' ? 'Thanks! There is still time — a short call counts.' : 'Thanks for telling me.');
  },
});

export const collaborateAction = defineAction({
  id: 'match.collab',
  value: answer(['yes', 'no'] as const),
  async run({ id: pairingId, answer: yes }, ctx) {
    const pairing = await myFollowedUpPairing(ctx, pairingId);
    // Asked only after "Yes, we met".
    if (pairing.members.find((m) => m.userId === ctx.actor.userId)?.met !== 'yes') {
      throw new UserError('conflict', 'Tell me first whether you met.');
    }
    await ctx.store.recordCollaborating(ctx.community.id, pairingId, ctx.actor.userId, yes === 'yes', ctx.now);
    return done(yes === 'yes' ? 'Wonderful — good luck with it!' : 'Thanks! Good connections take time.');
  },
});
