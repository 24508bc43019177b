/**
 * The weekly mentor round: every waiting request (oldest first, up to a bound) against every mentor with room,
 * matched in one optimal assignment (`assign.ts`) instead of first-come. Room counts requests already waiting on
 * the mentor, so a round never asks more of anyone than their places allow; a mentor asked before for a request,
 * a current mentor, oneself and avoid lists (either way) are never matched.
 */
import { weeklyPeriod } from '#core/schedule.ts';
import { assignMentors } from './assign.ts';
import { MAX_MENTORS } from './candidates.ts';
import { fitOf } from './fit.ts';
import { askMentor } from './flow.ts';
import { defineJob, type MentorScope } from './kit.ts';
import { roundNotice } from './messages.ts';
import { mentorshipSettings, ROUND_TIME } from './settings.ts';
import type { MentorRequest } from './store.ts';
import { handOnSilentAsks } from './timeouts.ts';

/** Requests one round considers: the rest wait for the next (the assignment grows as n²·m). */
export const ROUND_REQUESTS = 200;

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** Who to ask for which waiting request this round. */
export async function planRound(scope: MentorScope): Promise<{ request: MentorRequest; mentorId: string }[]> {
  const { store, community } = scope;
  const requests = await store.waitingRequests(community.id, ROUND_REQUESTS);
  if (requests.length === 0) return [];
  const offers = (await store.mentors(community.id, MAX_MENTORS)).filter((o) => !o.paused);
  const room = offers.map((o) => Math.max(0, o.capacity - o.active - o.pending));
  const avoided = new Set((await store.avoidPairs(community.id)).map(([a, b]) => pairKey(a, b)));
  const ids = [...requests.map((r) => r.menteeId), ...offers.map((o) => o.userId)];
  const profiles = new Map((await store.profiles(community.id, ids)).map((p) => [p.userId, p]));
  const weights: (number | undefined)[][] = [];
  for (const request of requests) {
    const mentee = request.menteeId;
    const asked = new Set((await store.asksOf(community.id, request.id)).map((a) => a.mentorId));
    for (const m of await store.mentorshipsOf(community.id, mentee, ['active'])) asked.add(m.mentorId);
    const menteeSide = { userId: mentee, profile: profiles.get(mentee) };
    weights.push(
      offers.map((offer) => {
        const mentor = offer.userId;
        if (mentor === mentee || asked.has(mentor) || avoided.has(pairKey(mentor, mentee))) return undefined;
        return fitOf(offer, request.skill, menteeSide, profiles.get(mentor))?.weight;
      }),
    );
  }
  const chosen = assignMentors(weights, room);
  return requests.flatMap((request, i) => {
    const j = chosen[i]!;
    return j >= 0 ? [{ request, mentorId: offers[j]!.userId }] : [];
  });
}

export const mentorRoundJob = defineJob({
  name: 'mentor-round',
  description: 'Weekly: waiting mentees matched to mentors with room, in one optimal assignment',
  period(now, community) {
    return weeklyPeriod(now, community.timezone, mentorshipSettings(community)['mentor-round-day'], ROUND_TIME);
  },
  async run(ctx) {
    await handOnSilentAsks(ctx);
    let asked = 0;
    for (const { request, mentorId } of await planRound(ctx)) {
      if (!(await askMentor(ctx, request, mentorId, true))) continue;
      ctx.notify.dm(ctx.community.id, request.menteeId, roundNotice(request, mentorId), {
        key: `mentor-round:${ctx.period}:${request.id}:${request.menteeId}`,
      });
      asked++;
    }
    ctx.log.info({ asked }, 'mentor round');
  },
});
