/**
 * When a member stops mentoring, leaves the community or asks to be forgotten: what they had going is wound down
 * and the other side is told kindly. A forgotten member is never named in what is sent (forget-me deletes every
 * message naming them, and these are written after it looks).
 */
import type { MentorScope } from './kit.ts';
import { notTaken } from './flow.ts';
import { cutShort } from './lifecycle.ts';
import { askClosedMessage, askKey } from './messages.ts';

export type Leaving = 'stopped' | 'left' | 'forgotten';

const ENDED = { stopped: 'mentor-stopped', left: 'left', forgotten: 'forgotten' } as const;

/** Asks waiting on them are withdrawn (mentees pointed on) and the mentorships they mentor cut short. */
export async function releaseAsMentor(scope: MentorScope, userId: string, why: Leaving): Promise<number> {
  const { store, community, now } = scope;
  for (const { request } of await store.pendingAsksFor(community.id, userId)) {
    if (!(await store.answerAsk(community.id, request.id, userId, ['asked'], 'withdrawn', now))) continue;
    if (why === 'stopped') {
      const closed = askClosedMessage(request, 'withdrawn, as you stopped mentoring.');
      scope.notify.update(community.id, askKey(request.id, userId), closed);
    }
    await notTaken(scope, request, userId, why === 'forgotten' ? 'gone' : 'stopped');
  }
  let ended = 0;
  for (const m of await store.mentorshipsOf(community.id, userId, ['active'])) {
    if (m.mentorId === userId && (await cutShort(scope, m, userId, ENDED[why]))) ended++;
  }
  return ended;
}

/** Their open request is withdrawn (the mentor asked is told) and the mentorships they are in cut short. */
export async function releaseAsMentee(scope: MentorScope, userId: string, why: Leaving): Promise<void> {
  const { store, community } = scope;
  const open = await store.openRequestOf(community.id, userId);
  if (open) await withdraw(scope, open.id, why === 'forgotten');
  for (const m of await store.mentorshipsOf(community.id, userId, ['active'])) {
    if (m.menteeId === userId) await cutShort(scope, m, userId, ENDED[why]);
  }
}

/** Withdraws a request; the mentor still to answer sees their DM replaced (without the mentee's words if `quiet`). */
export async function withdraw(scope: MentorScope, requestId: number, quiet: boolean): Promise<boolean> {
  const { store, community, now } = scope;
  const request = await store.request(community.id, requestId);
  if (!request) return false;
  if (!(await store.setRequestStatus(community.id, requestId, ['pending', 'waiting'], 'withdrawn', now))) return false;
  for (const ask of await store.asksOf(community.id, requestId)) {
    if (!(await store.answerAsk(community.id, requestId, ask.mentorId, ['asked'], 'withdrawn', now))) continue;
    const closed = quiet
      ? { text: 'This mentorship request was withdrawn.' }
      : askClosedMessage(request, 'withdrawn. Thank you for considering it!');
    scope.notify.update(community.id, askKey(requestId, ask.mentorId), closed);
  }
  return true;
}
