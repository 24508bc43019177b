/**
 * A mentorship from start to close: it starts when a mentor accepts (both are introduced), sends both a check-in
 * every `mentor-check-in-weeks`, and closes after twelve weeks, on Wrap up or on `/mentor end` with one question
 * to each. Stopping mentoring, leaving or forget-me cut it short, and the side that stays is told kindly.
 */
import type { MentorScope } from './kit.ts';
import { checkInMessage, closingQuestion, type EndedBy, endedNotice, introMessage } from './mentorship-messages.ts';
import { MENTORSHIP_WEEKS, mentorshipSettings } from './settings.ts';
import type { MentorRequest, Mentorship } from './store.ts';

const WEEK_MS = 7 * 86_400_000;
/** Mentorships handled per sweep: the rest are due still and go at the next one. */
const BATCH = 200;

/** The next check-in after `from`, or the natural end when that comes first. */
function nextCheckIn(scope: MentorScope, from: Date, endsAt: Date): Date {
  const weeks = mentorshipSettings(scope.community)['mentor-check-in-weeks'];
  const next = from.getTime() + weeks * WEEK_MS;
  return new Date(Math.min(next, endsAt.getTime()));
}

/** Starts the mentorship of an accepted request in a free place; undefined when every place is taken. */
export async function startMentorship(
  scope: MentorScope,
  request: MentorRequest,
  mentorId: string,
  capacity: number,
): Promise<Mentorship | undefined> {
  const { store, community, now } = scope;
  const endsAt = new Date(now.getTime() + MENTORSHIP_WEEKS * WEEK_MS);
  const mentorship = await store.startMentorship(
    {
      community: community.id,
      mentorId,
      menteeId: request.menteeId,
      skill: request.skill,
      term: request.term,
      about: request.about,
      goal: request.goal,
      now,
      endsAt,
      nextCheckInAt: nextCheckIn(scope, now, endsAt),
    },
    capacity,
  );
  if (!mentorship) return undefined;
  const weeks = mentorshipSettings(community)['mentor-check-in-weeks'];
  scope.notify.dm(community.id, [mentorId, request.menteeId], introMessage(mentorship, weeks, MENTORSHIP_WEEKS), {
    key: `mentor-intro:${mentorship.id}`,
  });
  return mentorship;
}

/** Closes a mentorship well (wrap-up, end, its twelve weeks) and asks both the closing question. */
export async function complete(scope: MentorScope, m: Mentorship): Promise<boolean> {
  const { store, community, now } = scope;
  if (!(await store.endMentorship(community.id, m.id, 'completed', now))) return false;
  for (const to of [m.mentorId, m.menteeId]) {
    scope.notify.dm(community.id, to, closingQuestion(m, to), { key: `mentor-closing:${m.id}:${to}` });
  }
  return true;
}

/** Cuts a mentorship short because `leaving` stopped, left or was forgotten; tells the other side kindly. */
export async function cutShort(scope: MentorScope, m: Mentorship, leaving: string, why: EndedBy): Promise<boolean> {
  const { store, community, now } = scope;
  if (!(await store.endMentorship(community.id, m.id, 'stopped', now))) return false;
  const stays = leaving === m.mentorId ? m.menteeId : m.mentorId;
  if (stays)
    scope.notify.dm(community.id, stays, endedNotice(m, leaving, why), { key: `mentor-ended:${m.id}:${stays}` });
  return true;
}

/** Sends the check-ins that are due and closes mentorships that ran their course. Idempotent at one instant. */
export async function sendDueCheckIns(scope: MentorScope): Promise<number> {
  const { store, community, now } = scope;
  let sent = 0;
  for (const m of await store.dueMentorships(community.id, now, BATCH)) {
    if (m.endsAt.getTime() <= now.getTime()) {
      if (await complete(scope, m)) sent++;
      continue;
    }
    const seq = m.checkIns + 1;
    // From now, not from when it was due: after a long outage, one check-in, not a burst of them.
    if (!(await store.markCheckInSent(community.id, m.id, seq, nextCheckIn(scope, now, m.endsAt)))) continue;
    for (const to of [m.mentorId, m.menteeId]) {
      scope.notify.dm(community.id, to, checkInMessage(m, seq, to), { key: `mentor-check-in:${m.id}:${seq}:${to}` });
    }
    sent++;
  }
  return sent;
}
