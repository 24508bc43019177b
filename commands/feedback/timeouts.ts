/**
 * Silence and deadlines. An ask nobody answered within `feedback-timeout-hours` passes to the next candidate; a
 * request whose deadline passed stops asking (and closes if nobody said yes).
 *
 * When it runs: job names are fixed and `feedback-prompt` is weekly, so no job of ours ticks often enough. The scan
 * is cheap (two indexed queries) and idempotent, so it runs (1) lazily at the start of every feedback command,
 * button and form, so whatever a member sees is up to date, and (2) from the scheduler's frequent tick, which calls
 * the exported `handOffExpiredAsks` for each community so quiet communities move on too; (3) the weekly job runs
 * it as well.
 */
import { feedbackSettings } from './settings.ts';
import { askClosedMessage, expiredNotice, movedOn } from './messages.ts';
import { advanceAndTell, askKey, closePendingAsks, type FeedbackScope } from './flow.ts';

const HOUR_MS = 3_600_000;

/**
 * Times out unanswered asks, passes their requests on, and closes requests past their deadline. Returns how many
 * asks timed out. Safe to call as often as wanted: a second call at the same instant does nothing.
 */
export async function handOffExpiredAsks(scope: FeedbackScope): Promise<number> {
  const { community, store, now } = scope;
  await expireOverdueRequests(scope);
  const cutoff = new Date(now.getTime() - feedbackSettings(community)['feedback-timeout-hours'] * HOUR_MS);
  // Reviewers whose ask timed out, per request: they are told where it went once it has moved on.
  const silent = new Map<number, string[]>();
  let timedOut = 0;
  for (const ask of await store.listUnansweredAsks(community.id, cutoff)) {
    if (!(await store.answerAsk(community.id, ask.requestId, ask.reviewer, ['asked'], 'timed_out', now))) continue;
    silent.set(ask.requestId, [...(silent.get(ask.requestId) ?? []), ask.reviewer]);
    timedOut++;
  }
  for (const [id, reviewers] of silent) {
    const request = await store.getRequest(community.id, id);
    if (!request) continue;
    const why = `no answer in time. ${movedOn(await advanceAndTell(scope, request))} No worries!`;
    for (const reviewer of reviewers) {
      scope.notify.update(community.id, askKey(request.id, reviewer), askClosedMessage(request, why));
    }
  }
  if (timedOut > 0) scope.log.info({ community: community.id, timedOut }, 'feedback asks timed out');
  return timedOut;
}

/** Requests past their deadline: stop asking; with nobody on board, close and tell the requester. */
async function expireOverdueRequests(scope: FeedbackScope): Promise<void> {
  const { community, store } = scope;
  for (const request of await store.listOverdueRequests(community.id, scope.now)) {
    await closePendingAsks(scope, request, 'its deadline has passed.');
    const onBoard = (await store.listAsks(community.id, request.id)).some(
      (a) => a.status === 'accepted' || a.status === 'given',
    );
    if (onBoard) {
      // Reviewers who said yes may still deliver; `advance` fulfils the request once the last one has.
      await advanceAndTell(scope, request);
      continue;
    }
    if (await store.setRequestStatus(community.id, request.id, ['open'], 'expired')) {
      scope.notify.dm(community.id, request.requester, expiredNotice(request), {
        key: `feedback-expired:${request.id}`,
      });
    }
  }
}
