/**
 * Answers to an ask: I have one (the first yes connects the two by DM; once the ask is in the channel anyone may
 * answer) and Not me (when everyone asked said no, the ask goes to the channel at once). Stale asks (two days
 * without a yes) are offered publicly by the `resource-reminders` job.
 */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { askPostRef, closeAwaited, offerPublicly } from './asks.ts';
import type { ResourceEnv } from './format.ts';

/** An ask unanswered this long is offered in the feedback channel. */
export const ASK_TIMEOUT_MS = 48 * 3_600_000;

async function askOf(ctx: Context, askId: number) {
  const ask = await ctx.store.getAsk(ctx.community.id, askId);
  if (!ask) throw new UserError('not_found', 'That ask is no longer open.');
  return ask;
}

/** I have one. */
export async function haveOne(ctx: Context, askId: number): Promise<Reply> {
  const ask = await askOf(ctx, askId);
  const me = ctx.actor.userId;
  if (ask.asker === me) throw new UserError('conflict', 'That is your own ask.');
  const reply = await ctx.store.getAskReply(ctx.community.id, ask.id, me);
  // While the ask is private, only the members asked may answer it; once posted, anyone may.
  if (ask.status === 'open' && !reply) throw new UserError('not_allowed', 'That ask went to other members.');
  if (ask.status === 'closed') throw new UserError('conflict', 'That ask is closed.');
  const settled =
    ask.status === 'found' ||
    !(await ctx.store.setAskStatus(ctx.community.id, ask.id, ['open', 'posted'], 'found', ctx.now, me));
  if (settled) {
    const current = await ctx.store.getAsk(ctx.community.id, ask.id);
    const text =
      current?.helper === me
        ? `You're already in touch with ${fmt.user(ask.asker)}.`
        : `Thanks! Someone already has one for ${fmt.user(ask.asker)}.`;
    return { text, mentions: [], replaceOriginal: reply !== undefined };
  }
  if (reply) await ctx.store.answerAsk(ctx.community.id, ask.id, me, ['asked', 'no'], 'yes', ctx.now);
  await closeAwaited(ctx, ask, `Someone already has “${ask.what}”. Thanks all the same!`, me);
  if (ask.status === 'posted') {
    const ref = askPostRef(ask.id);
    ctx.notify.update(ctx.community.id, ref, { text: `Found: “${ask.what}”. Thank you!` }, { key: `${ref}:found` });
  }
  ctx.notify.dm(
    ctx.community.id,
    [ask.asker, me],
    {
      text: `${fmt.user(ask.asker)}, meet ${fmt.user(me)}: they have “${ask.what}” and are happy to help. Sort out the details here.`,
      mentions: [ask.asker, me],
    },
    { key: `resource-ask-found:${ask.id}` },
  );
  return {
    text: `Thank you! I put you in touch with ${fmt.user(ask.asker)}.`,
    mentions: [],
    replaceOriginal: reply !== undefined,
  };
}

/** Not me. */
export async function notMe(ctx: Context, askId: number): Promise<Reply> {
  const ask = await askOf(ctx, askId);
  const reply = await ctx.store.getAskReply(ctx.community.id, ask.id, ctx.actor.userId);
  if (!reply) throw new UserError('not_allowed', 'That ask went to other members.');
  if (
    ask.status === 'open' &&
    (await ctx.store.answerAsk(ctx.community.id, ask.id, ctx.actor.userId, ['asked'], 'no', ctx.now))
  ) {
    const waiting = (await ctx.store.listAskReplies(ctx.community.id, ask.id)).some((r) => r.status === 'asked');
    if (!waiting) await offerPublicly(ctx, ask, true);
  }
  return { text: 'No worries, thanks for answering!', replaceOriginal: true };
}

/** Asks two days old with no yes: the answers still awaited close, and the ask goes to the channel once. */
export async function offerStaleAsks(env: ResourceEnv): Promise<number> {
  let offered = 0;
  const before = new Date(env.now.getTime() - ASK_TIMEOUT_MS);
  for (const ask of await env.store.listStaleAsks(env.community.id, before)) {
    await closeAwaited(env, ask, `No answer needed any more for “${ask.what}”. Thanks!`);
    await offerPublicly(env, ask, true);
    offered++;
  }
  return offered;
}
