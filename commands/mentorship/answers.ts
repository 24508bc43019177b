/**
 * The mentor's Accept / Not now, and the mentee's "Ask <mentor>" taps. Button values carry ids only: who the actor
 * is decides whose ask or request it is, so nobody answers someone else's request.
 */
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import type { Context } from './kit.ts';
import { askMentor, notTaken } from './flow.ts';
import { startMentorship } from './lifecycle.ts';
import { askClosedMessage, askedReply, wantedText } from './messages.ts';
import { checkMentor } from './mentor-checks.ts';
import type { MentorAsk, MentorRequest } from './store.ts';

const ANSWERED: Record<Exclude<MentorAsk['status'], 'asked'>, string> = {
  accepted: 'You already accepted this request.',
  declined: 'You already answered Not now to this request.',
  timed_out: 'This request timed out and went on to someone else.',
  withdrawn: 'This request was withdrawn.',
};

/** The request and the actor's waiting ask on it, or a clear refusal. */
async function ownAsk(ctx: Context, requestId: number): Promise<{ request: MentorRequest; ask: MentorAsk }> {
  const request = await ctx.store.request(ctx.community.id, requestId);
  if (!request) throw new UserError('not_found', 'That mentorship request no longer exists.');
  const ask = await ctx.store.ask(ctx.community.id, requestId, ctx.actor.userId);
  if (!ask) throw new UserError('not_allowed', 'Only the mentor this request was sent to can answer it.');
  if (ask.status !== 'asked') throw new UserError('conflict', ANSWERED[ask.status]);
  return { request, ask };
}

/** Accept: a mentorship starts in a free place (never past capacity), and both are introduced. */
export async function accept(ctx: Context, requestId: number): Promise<Reply> {
  const { store, community, actor, now } = ctx;
  const { request } = await ownAsk(ctx, requestId);
  const offer = await store.offer(community.id, actor.userId);
  if (!offer) throw new UserError('conflict', 'You no longer offer mentorship: start again with /mentor offer.');
  const mentee = await ctx.core.members.get(community.id, request.menteeId);
  if (mentee?.leftAt) throw new UserError('conflict', `${fmt.user(request.menteeId)} has left the community.`);
  const mentorship = await startMentorship(ctx, request, actor.userId, offer.capacity);
  if (!mentorship) {
    throw new UserError(
      'conflict',
      `All your mentoring places are taken (${offer.capacity} of ${offer.capacity}). End a mentorship with /mentor end, or make room with /mentor offer capacity:${Math.min(offer.capacity + 1, 5)}, then accept again.`,
    );
  }
  await store.answerAsk(community.id, requestId, actor.userId, ['asked'], 'accepted', now);
  await store.setRequestStatus(community.id, requestId, ['pending'], 'matched', now);
  return {
    text: `You're now mentoring ${fmt.user(request.menteeId)} in ${fmt.bold(wantedText(request))}. I've introduced you to each other — thank you!`,
    replaceOriginal: true,
  };
}

/** Not now: the mentee is told kindly and pointed to the next mentor with room. */
export async function decline(ctx: Context, requestId: number): Promise<Reply> {
  const { request } = await ownAsk(ctx, requestId);
  await ctx.store.answerAsk(ctx.community.id, requestId, ctx.actor.userId, ['asked'], 'declined', ctx.now);
  await notTaken(ctx, request, ctx.actor.userId, 'declined');
  return {
    ...askClosedMessage(request, "you answered Not now. No problem — I've let them know kindly."),
    replaceOriginal: true,
  };
}

/** The mentee's "Ask <mentor>" on a waiting request: that mentor is asked now. */
export async function askNext(ctx: Context, requestId: number, mentorId: string): Promise<Reply> {
  const { store, community, actor } = ctx;
  const request = await store.request(community.id, requestId);
  if (!request || request.menteeId !== actor.userId) {
    throw new UserError('not_allowed', 'Only the member who made this request can send it on.');
  }
  if (request.status !== 'waiting') {
    throw new UserError(
      'conflict',
      request.status === 'pending'
        ? 'A mentor is already looking at this request: see /mentor status.'
        : 'This request is no longer open.',
    );
  }
  if (mentorId === actor.userId) throw new UserError('invalid_input', "You can't be your own mentor.");
  await checkMentor(ctx, mentorId, actor.userId);
  if (!(await askMentor(ctx, request, mentorId, false))) {
    throw new UserError('conflict', `You already asked ${fmt.user(mentorId)} for this request.`);
  }
  return { ...askedReply(request, mentorId), replaceOriginal: true };
}
