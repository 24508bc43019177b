/**
 * The life of a mentorship request: ask a mentor, and when they say no, stay silent or stop mentoring, tell the
 * mentee kindly, suggest the next mentor with room, and keep the request waiting for the mentor round. Each step
 * moves a status only from the states it expects, so a double click or a second sweep changes nothing.
 */
import { formatInZone } from '#core/time.ts';
import type { MentorScope } from './kit.ts';
import { mentorsWithRoom } from './candidates.ts';
import { askKey, askMessage, type NotTaken, notTakenNotice } from './messages.ts';
import { mentorshipSettings } from './settings.ts';
import type { MentorRequest } from './store.ts';

/** A member's display name (for button labels, which cannot mention anyone), or a neutral word. */
export async function nameOf(scope: MentorScope, userId: string): Promise<string> {
  return (await scope.core.members.get(scope.community.id, userId))?.displayName ?? 'this mentor';
}

/** "Tuesday": the day of the next mentor round, as members read it. */
export function roundDayText(scope: MentorScope): string {
  const day = mentorshipSettings(scope.community)['mentor-round-day'];
  return day.charAt(0).toUpperCase() + day.slice(1);
}

/**
 * Asks `mentorId` to take `request` and DMs them Accept / Not now; the request becomes pending. False when they
 * were asked for it before or another mentor is still to answer.
 */
export async function askMentor(
  scope: MentorScope,
  request: MentorRequest,
  mentorId: string,
  viaRound: boolean,
): Promise<boolean> {
  const { store, community, now } = scope;
  if (!(await store.addAsk(community.id, request.id, mentorId, viaRound, now))) return false;
  await store.setRequestStatus(community.id, request.id, ['waiting'], 'pending', now);
  const days = mentorshipSettings(community)['mentor-timeout-days'];
  const key = askKey(request.id, mentorId);
  scope.notify.dm(community.id, mentorId, askMessage(request, viaRound, days), { key, ref: key });
  return true;
}

/**
 * After a mentor did not take the request: it waits again, and the mentee is told kindly, with the next mentor
 * with room for the skill (never one asked before for it).
 */
export async function notTaken(scope: MentorScope, request: MentorRequest, mentorId: string, how: NotTaken) {
  const { store, community, now } = scope;
  if (!(await store.setRequestStatus(community.id, request.id, ['pending'], 'waiting', now))) return;
  const asked = (await store.asksOf(community.id, request.id)).map((a) => a.mentorId);
  const [next] = await mentorsWithRoom(scope, request.menteeId, request.skill, { exclude: asked, limit: 1 });
  const name = next ? await nameOf(scope, next.offer.userId) : '';
  const notice = notTakenNotice(request, mentorId, how, next, name, roundDayText(scope));
  // Forget-me: the key must not name the forgotten mentor (the outbox keeps keys).
  const by = how === 'gone' ? 'gone' : mentorId;
  scope.notify.dm(community.id, request.menteeId, notice, {
    key: `mentor-not-taken:${request.id}:${by}:${request.menteeId}`,
  });
}

/** The weekday and date of an instant, in the community's zone ("Tue 2 Feb 2027"). */
export function dayText(scope: MentorScope, at: Date): string {
  return formatInZone(at, scope.community.timezone, 'date');
}
