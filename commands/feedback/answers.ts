/**
 * A reviewer's answers: yes, not this time, volunteering from the channel, and "feedback given". Each checks that
 * the ask belongs to the member tapping (button values carry only the request id; the actor names the reviewer),
 * and each moves state only from where it expects it, so a double click has one effect.
 */
import { feedbackSettings } from './settings.ts';
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { FeedbackAsk, FeedbackRequest } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { advanceAndTell, afterGiven } from './flow.ts';
import { acceptedNotice, givenButton, givenNotice, movedOn, requestName } from './messages.ts';

const STATUS_WORDS: Record<FeedbackRequest['status'], string> = {
  open: 'open',
  fulfilled: 'already done',
  expired: 'closed (its deadline passed)',
  cancelled: 'cancelled',
  offered_publicly: 'open to volunteers',
};

const isLive = (r: FeedbackRequest) => r.status === 'open' || r.status === 'offered_publicly';
const replace = (text: string, extra: Omit<Reply, 'text'> = {}): Reply => ({ text, replaceOriginal: true, ...extra });

/** The request and the actor's own ask on it; a refusal when there is none (someone else's button value). */
export async function ownAsk(ctx: Context, requestId: number): Promise<{ request: FeedbackRequest; ask: FeedbackAsk }> {
  const request = await ctx.store.getRequest(ctx.community.id, requestId);
  const ask = request && (await ctx.store.getAsk(ctx.community.id, requestId, ctx.actor.userId));
  if (!request || !ask)
    throw new UserError('not_allowed', 'This feedback request was not sent to you, so you cannot answer it.');
  return { request, ask };
}

/** "I'll give feedback". */
export async function accept(ctx: Context, requestId: number): Promise<Reply> {
  const { request, ask } = await ownAsk(ctx, requestId);
  if (ask.status === 'accepted')
    return replace(`You already said yes to ${requestName(request)}. Thank you!`, { buttons: [givenButton(request)] });
  if (ask.status === 'given') return replace(`You already gave feedback on ${requestName(request)}. Thank you!`);
  if (!isLive(request)) return replace(`${requestName(request)} is ${STATUS_WORDS[request.status]}: nothing to do.`);
  const { community, store, actor, now } = ctx;
  if (!(await store.answerAsk(community.id, request.id, actor.userId, ['asked'], 'accepted', now))) {
    return replace(
      ask.status === 'declined'
        ? `You said not this time to ${requestName(request)}, and it has moved on.`
        : `This ask for ${requestName(request)} timed out before you answered. Thanks anyway!`,
    );
  }
  ctx.notify.dm(community.id, request.requester, acceptedNotice(request, actor.userId), {
    key: `feedback-accepted:${request.id}:${actor.userId}`,
  });
  return replace(
    `Thank you! ${fmt.user(request.requester)} knows you're on it: reach out to them directly. Tap below once you've given your feedback.`,
    { buttons: [givenButton(request)] },
  );
}

/** "Not this time": pass the request on. */
export async function decline(ctx: Context, requestId: number): Promise<Reply> {
  const { request, ask } = await ownAsk(ctx, requestId);
  const { community, store, actor, now } = ctx;
  if (!(await store.answerAsk(community.id, request.id, actor.userId, ['asked'], 'declined', now))) {
    const was = ask.status === 'declined' ? 'You already passed on' : `There is nothing left to decline on`;
    return replace(`${was} ${requestName(request)}.`);
  }
  const fresh = (await store.getRequest(community.id, request.id)) ?? request;
  const next = movedOn(await advanceAndTell(ctx, fresh));
  return replace(`No problem, thanks for saying so. ${requestName(request)}: ${next}`);
}

/** "I'll give feedback" on a request offered in the feedback channel: anyone but the requester may volunteer. */
export async function volunteer(ctx: Context, requestId: number): Promise<Reply> {
  const { community, store, actor, now } = ctx;
  const request = await store.getRequest(community.id, requestId);
  if (!request) throw new UserError('not_found', 'That feedback request no longer exists.');
  if (request.requester === actor.userId)
    return { text: 'That is your own request: it waits for someone else to pick it up.' };
  if (!isLive(request))
    return { text: `${requestName(request)} is ${STATUS_WORDS[request.status]}. Thanks for offering!` };
  const added = await store.addAsk(community.id, request.id, actor.userId, 'accepted', now);
  const changed =
    added ||
    (await store.answerAsk(
      community.id,
      request.id,
      actor.userId,
      ['asked', 'declined', 'timed_out'],
      'accepted',
      now,
    ));
  if (!changed)
    return { text: `You're already on ${requestName(request)}. Thank you!`, buttons: [givenButton(request)] };
  ctx.notify.dm(community.id, request.requester, acceptedNotice(request, actor.userId), {
    key: `feedback-accepted:${request.id}:${actor.userId}`,
  });
  return {
    text: `Thank you! ${fmt.user(request.requester)} knows you're on ${requestName(request)}. Tap below once you've given your feedback.`,
    buttons: [givenButton(request)],
  };
}

/** "Feedback given": tell the requester and ask them, in one tap, whether it helped. */
export async function markGiven(ctx: Context, requestId: number): Promise<Reply> {
  const { request, ask } = await ownAsk(ctx, requestId);
  if (ask.status === 'given')
    return replace(`You already marked your feedback on ${requestName(request)} as given. Thank you!`);
  if (request.status === 'cancelled') return replace(`${requestName(request)} was cancelled: nothing to mark.`);
  const { community, store, actor, now } = ctx;
  await store.answerAsk(
    community.id,
    request.id,
    actor.userId,
    ['asked', 'accepted', 'declined', 'timed_out'],
    'given',
    now,
  );
  const optedOut = (await store.optOuts(community.id, request.requester)).includes('helpful');
  const askRating = feedbackSettings(community).prompts && !optedOut;
  ctx.notify.dm(community.id, request.requester, givenNotice(request, actor.userId, askRating), {
    key: `feedback-given:${request.id}:${actor.userId}`,
  });
  await afterGiven(ctx, request);
  return replace(
    `Thank you for your feedback on ${requestName(request)}! I've let ${fmt.user(request.requester)} know.`,
    {
      buttons: [{ label: 'Add a note', action: 'feedback.note', value: String(request.id) }],
    },
  );
}
