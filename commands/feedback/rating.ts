/**
 * Closing the loop: the requester's one-tap "Was this helpful?", their optional thank-you (delivered to the
 * reviewer), and the reviewer's optional note (delivered to the requester). Each is checked against the member
 * it belongs to and recorded once.
 */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { FeedbackRequest } from './store.ts';
import type { Form, Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { ownAsk } from './answers.ts';
import { noteNotice, requestName, thanksNotice } from './messages.ts';
import { HELPFUL_SCORE } from './recognition.ts';

const TEXT_MAX = 500;

/** The request, if the actor asked for it and `reviewer` gave feedback on it; a refusal otherwise. */
async function ownGivenFeedback(ctx: Context, requestId: number, reviewer: string): Promise<FeedbackRequest> {
  const request = await ctx.store.getRequest(ctx.community.id, requestId);
  if (!request || request.requester !== ctx.actor.userId) {
    throw new UserError('not_allowed', 'Only the member who asked for this feedback can answer that.');
  }
  const ask = await ctx.store.getAsk(ctx.community.id, requestId, reviewer);
  if (ask?.status !== 'given') throw new UserError('conflict', 'There is no feedback from that member to rate yet.');
  return request;
}

/** A one-tap score from 1 to 5. The first tap counts; later taps say what was recorded. */
export async function rate(
  ctx: Context,
  value: { requestId: number; reviewer: string; score: number },
): Promise<Reply> {
  const request = await ownGivenFeedback(ctx, value.requestId, value.reviewer);
  const { community, store, now } = ctx;
  const thank = { label: 'Send a thank-you', action: 'feedback.thank', value: `${request.id}:${value.reviewer}` };
  if (!(await store.addRating(community.id, request.id, value.reviewer, value.score, now))) {
    const recorded = await store.getRating(community.id, request.id, value.reviewer);
    return { text: `You already rated this feedback ${recorded?.score ?? value.score}/5.`, replaceOriginal: true };
  }
  const counts =
    value.score >= HELPFUL_SCORE
      ? ` It counts towards ${fmt.user(value.reviewer)}'s "feedback given" on their profile.`
      : '';
  return {
    text: `Thanks! You rated ${fmt.user(value.reviewer)}'s feedback on ${requestName(request)} ${value.score}/5.${counts}`,
    buttons: [thank],
    replaceOriginal: true,
  };
}

/** The thank-you form (meta: `requestId:reviewer`). */
export async function thanksForm(ctx: Context, requestId: number, reviewer: string): Promise<Reply> {
  await ownGivenFeedback(ctx, requestId, reviewer);
  const form: Form = {
    formId: 'feedback.thanks',
    title: 'Say thank you',
    submitLabel: 'Send',
    meta: `${requestId}:${reviewer}`,
    fields: [{ id: 'thanks', label: 'Your thank-you', kind: 'long', required: true, maxLength: TEXT_MAX }],
  };
  return { text: 'Write a short thank-you: only they will see it.', form };
}

/** Delivers the thank-you to the reviewer, once. */
export async function sendThanks(ctx: Context, requestId: number, reviewer: string, text: string): Promise<Reply> {
  const request = await ownGivenFeedback(ctx, requestId, reviewer);
  const thanks = text.trim().slice(0, TEXT_MAX);
  if (!thanks) throw new UserError('invalid_input', 'The thank-you is empty.');
  if (!(await ctx.store.getRating(ctx.community.id, requestId, reviewer))) {
    throw new UserError('conflict', 'Rate the feedback first (one tap), then send your thank-you.');
  }
  if (!(await ctx.store.setThanks(ctx.community.id, requestId, reviewer, thanks))) {
    return { text: 'You already sent a thank-you for this feedback.' };
  }
  ctx.notify.dm(ctx.community.id, reviewer, thanksNotice(request, thanks), {
    key: `feedback-thanks:${requestId}:${reviewer}`,
  });
  return { text: `Sent to ${fmt.user(reviewer)}. Thank you for closing the loop!` };
}

/** The reviewer's note form (meta: the request id). */
export async function noteForm(ctx: Context, requestId: number): Promise<Reply> {
  const { ask } = await ownAsk(ctx, requestId);
  if (ask.status !== 'given') throw new UserError('conflict', 'Mark your feedback as given first.');
  const form: Form = {
    formId: 'feedback.note',
    title: 'Add a note',
    submitLabel: 'Send',
    meta: String(requestId),
    fields: [{ id: 'note', label: 'A short note for them', kind: 'long', required: true, maxLength: TEXT_MAX }],
  };
  return { text: 'Add a short note for the member you gave feedback to.', form };
}

/** Stores the note and passes it on to the requester, once. */
export async function sendNote(ctx: Context, requestId: number, text: string): Promise<Reply> {
  const { request, ask } = await ownAsk(ctx, requestId);
  const note = text.trim().slice(0, TEXT_MAX);
  if (!note) throw new UserError('invalid_input', 'The note is empty.');
  if (ask.status !== 'given') throw new UserError('conflict', 'Mark your feedback as given first.');
  if (!(await ctx.store.setAskNote(ctx.community.id, requestId, ctx.actor.userId, note))) {
    return { text: 'You already sent a note for this request.' };
  }
  ctx.notify.dm(ctx.community.id, request.requester, noteNotice(request, ctx.actor.userId, note), {
    key: `feedback-note:${requestId}:${ctx.actor.userId}`,
  });
  return { text: `Sent to ${fmt.user(request.requester)}.` };
}
