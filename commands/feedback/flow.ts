/**
 * The life of a feedback request: ask the best-fitting free reviewers, pass the request on when someone declines
 * or stays silent, and close it when feedback is given or nobody can take it. Every step is a pure function of the
 * stored state, so calling `advance` twice changes nothing the second time.
 */
import { feedbackSettings } from './settings.ts';
import type { JobContext } from './kit.ts';
import type { FeedbackAsk, FeedbackRequest } from './store.ts';
import { askClosedMessage, askMessage, noFitNotice, publicOffer } from './messages.ts';
import { chooseReviewers, spreadStart } from './reviewers.ts';
import { placesLeft } from './routing.ts';
import { relatedTo } from './skills.ts';

/** What the feedback flow needs: both command contexts and job contexts have it. */
export type FeedbackScope = Pick<JobContext, 'community' | 'now' | 'store' | 'core' | 'notify' | 'log'>;

/** Asks sent within this window count as "asked recently" when spreading the load. */
const RECENT_MS = 14 * 24 * 3_600_000;

/** How a request stands after `advance`. */
export type Outcome =
  | { readonly kind: 'waiting'; readonly asked: readonly string[] }
  | { readonly kind: 'fulfilled' }
  | { readonly kind: 'offered'; readonly channelId?: string; readonly anyoneAsked: boolean }
  | { readonly kind: 'closed' };

/** Idempotency key and ref of the DM asking `reviewer`. */
export const askKey = (requestId: number, reviewer: string) => `feedback-ask:${requestId}:${reviewer}`;
/** Idempotency key and ref of a request's open call in the feedback channel. */
export const publicRef = (requestId: number) => `feedback-public:${requestId}`;

const isActive = (a: FeedbackAsk) => a.status === 'asked' || a.status === 'accepted' || a.status === 'given';
const isPending = (a: FeedbackAsk) => a.status === 'asked' || a.status === 'accepted';

/** Fills free reviewer places with the next candidates, then settles the request if nobody is left to answer. */
export async function advance(scope: FeedbackScope, request: FeedbackRequest): Promise<Outcome> {
  if (request.status !== 'open') return { kind: 'closed' };
  const { community, store, now } = scope;
  const asks = await store.listAsks(community.id, request.id);
  // Once someone has given feedback, no one new is recruited: the request closes when the others have answered.
  const given = asks.some((a) => a.status === 'given');
  const places = given ? 0 : placesLeft(asks.filter(isActive).length, request.dueAt, now);
  const asked: string[] = [];
  if (places > 0) {
    for (const reviewer of await nextReviewers(scope, request, asks, places)) {
      if (!(await store.addAsk(community.id, request.id, reviewer, 'asked', now))) continue;
      const key = askKey(request.id, reviewer);
      scope.notify.dm(community.id, reviewer, askMessage(request, community.timezone), { key, ref: key });
      asked.push(reviewer);
    }
  }
  // Someone was just asked, or is still to answer: the request waits on them. Otherwise nothing was written since
  // `asks` was read, so it is still current.
  if (asked.length > 0 || asks.some(isPending)) return { kind: 'waiting', asked };
  if (given) {
    await store.setRequestStatus(community.id, request.id, ['open'], 'fulfilled');
    return { kind: 'fulfilled' };
  }
  return offerPublicly(scope, request, asks.length > 0);
}

/**
 * The best `count` candidates not yet asked for this request. An ask introduces the requester to the reviewer, so
 * members on either's avoid list are passed over (checked now, as the ask is made) and the next best asked instead.
 */
async function nextReviewers(
  scope: FeedbackScope,
  request: FeedbackRequest,
  asks: readonly FeedbackAsk[],
  count: number,
): Promise<string[]> {
  const { store, community, now } = scope;
  const exclude = [request.requester, ...asks.map((a) => a.reviewer)];
  for (;;) {
    const chosen = await chooseReviewers(store, {
      community: community.id,
      skills: request.skills,
      related: relatedTo(request.skills),
      exclude,
      since: new Date(now.getTime() - RECENT_MS),
      start: spreadStart(request.id),
      count,
    });
    // Each round excludes at least one more member, so this ends.
    const avoided = await store.avoidedAmong(community.id, request.requester, chosen);
    if (avoided.length === 0) return chosen;
    exclude.push(...avoided);
  }
}

/** Nobody fitting is left: post the request for volunteers (or close it when there is nowhere to post). */
async function offerPublicly(scope: FeedbackScope, request: FeedbackRequest, anyoneAsked: boolean): Promise<Outcome> {
  const { community, store } = scope;
  const channelId = feedbackSettings(community)['feedback-channel'];
  if (channelId) {
    await store.setRequestStatus(community.id, request.id, ['open'], 'offered_publicly');
    scope.notify.post(community.id, channelId, publicOffer(request, community.timezone), {
      key: publicRef(request.id),
      ref: publicRef(request.id),
    });
  } else {
    await store.setRequestStatus(community.id, request.id, ['open'], 'expired');
  }
  return { kind: 'offered', channelId, anyoneAsked };
}

/** After feedback was given: an open request advances; one offered publicly is fulfilled once nobody is pending. */
export async function afterGiven(scope: FeedbackScope, request: FeedbackRequest): Promise<void> {
  if (request.status === 'open') {
    await advance(scope, request);
    return;
  }
  const asks = await scope.store.listAsks(scope.community.id, request.id);
  if (!asks.some(isPending)) {
    await scope.store.setRequestStatus(scope.community.id, request.id, ['offered_publicly', 'expired'], 'fulfilled');
  }
}

/** `advance`, telling the requester by DM when their request ends up offered publicly (later steps, not commands). */
export async function advanceAndTell(scope: FeedbackScope, request: FeedbackRequest): Promise<Outcome> {
  const outcome = await advance(scope, request);
  if (outcome.kind === 'offered') {
    scope.notify.dm(
      scope.community.id,
      request.requester,
      noFitNotice(request, outcome.channelId, outcome.anyoneAsked),
      {
        key: `feedback-nofit:${request.id}`,
      },
    );
  }
  return outcome;
}

/** Replaces the ask DMs still waiting for an answer, so nobody taps a button that no longer applies. */
export async function closePendingAsks(scope: FeedbackScope, request: FeedbackRequest, why: string): Promise<void> {
  const { community, store, now } = scope;
  for (const ask of await store.listAsks(community.id, request.id)) {
    if (ask.status !== 'asked') continue;
    await store.answerAsk(community.id, request.id, ask.reviewer, ['asked'], 'timed_out', now);
    scope.notify.update(community.id, askKey(request.id, ask.reviewer), askClosedMessage(request, why));
  }
}
