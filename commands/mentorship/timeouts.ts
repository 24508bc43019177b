/**
 * Silence. A mentor who has not answered within `mentor-timeout-days` is not waited on any longer: their DM is
 * replaced, the mentee is told kindly and pointed to the next mentor with room, and the request waits for the
 * round. Runs from the feature's sweep (each minute) and before the mentor round; idempotent at one instant.
 */
import type { MentorScope } from './kit.ts';
import { notTaken } from './flow.ts';
import { askClosedMessage, askKey } from './messages.ts';
import { mentorshipSettings } from './settings.ts';

const DAY_MS = 86_400_000;

/** Times out unanswered asks; returns how many. */
export async function handOnSilentAsks(scope: MentorScope): Promise<number> {
  const { store, community, now } = scope;
  const days = mentorshipSettings(community)['mentor-timeout-days'];
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let timedOut = 0;
  for (const ask of await store.unansweredAsks(community.id, cutoff)) {
    if (!(await store.answerAsk(community.id, ask.requestId, ask.mentorId, ['asked'], 'timed_out', now))) continue;
    const request = await store.request(community.id, ask.requestId);
    if (!request) continue;
    const why = 'no answer in time, so I let them know and passed it on. No worries!';
    scope.notify.update(community.id, askKey(request.id, ask.mentorId), askClosedMessage(request, why));
    await notTaken(scope, request, ask.mentorId, 'timed_out');
    timedOut++;
  }
  if (timedOut > 0) scope.log.info({ community: community.id, timedOut }, 'mentorship asks timed out');
  return timedOut;
}
