/** Withdrawing a request (the requester cancels, or leaves the community) and letting reviewers off the hook. */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { FeedbackRequest } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { advanceAndTell, closePendingAsks, type FeedbackScope } from './flow.ts';
import { askClosedMessage, requestName } from './messages.ts';

/** Cancels a live request: pending ask DMs are replaced, reviewers who said yes are told, the open call closed. */
export async function withdraw(scope: FeedbackScope, request: FeedbackRequest, why: string): Promise<boolean> {
  const { community, store } = scope;
  if (!(await store.setRequestStatus(community.id, request.id, ['open', 'offered_publicly'], 'cancelled')))
    return false;
  await closePendingAsks(scope, request, `${why} Thanks all the same!`);
  for (const ask of await store.listAsks(community.id, request.id)) {
    if (ask.status !== 'accepted') continue;
    const text = `${requestName(request)} was withdrawn (${why.replace(/\.$/, '')}): no need to give feedback on it. Thank you for saying yes!`;
    scope.notify.dm(community.id, ask.reviewer, { text }, { key: `feedback-cancelled:${request.id}:${ask.reviewer}` });
  }
  scope.notify.update(community.id, `feedback-public:${request.id}`, askClosedMessage(request, why));
  return true;
}

/** `/feedback cancel <request>`: only the requester may. */
export async function cancelRequest(ctx: Context, id: number): Promise<Reply> {
  const found = await ctx.store.getRequest(ctx.community.id, id);
  if (!found || found.requester !== ctx.actor.userId) {
    throw new UserError('not_found', `You have no feedback request #${id}. See /feedback list.`);
  }
  if (!(await withdraw(ctx, found, 'the member who asked cancelled it.'))) {
    return { text: `${requestName(found)} is already ${found.status === 'cancelled' ? 'cancelled' : 'closed'}.` };
  }
  return { text: `Cancelled ${requestName(found)}. Reviewers still asked or on it have been told.` };
}

/** A member left: their requests are withdrawn, and requests waiting on them pass to someone else. */
export async function feedbackMemberLeft(ctx: Context): Promise<void> {
  const { community, store, actor, now } = ctx;
  for (const request of await store.listRequestsBy(community.id, actor.userId, ['open', 'offered_publicly'])) {
    await withdraw(ctx, request, 'the member who asked has left.');
  }
  for (const { request } of await store.listAsksFor(community.id, actor.userId, ['asked', 'accepted'])) {
    await store.answerAsk(community.id, request.id, actor.userId, ['asked', 'accepted'], 'timed_out', now);
    const fresh = await store.getRequest(community.id, request.id);
    if (fresh) await advanceAndTell(ctx, fresh);
  }
}
