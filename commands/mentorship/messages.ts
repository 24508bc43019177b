/**
 * What the mentorship feature says about requests and asks: DMs, their updates, replies. Member text (what a
 * mentee wants help with, their goal) stays literal text; only the members concerned are named, by id.
 */
import type { Button, Reply, Section } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { displaySkill } from '../skills/index.ts';
import type { Candidate } from './candidates.ts';
import { fitReason } from './fit.ts';
import type { MentorRequest } from './store.ts';

/** Idempotency key and ref of the DM asking `mentorId` to take request `requestId`. */
export const askKey = (requestId: number, mentorId: string) => `mentor-ask:${requestId}:${mentorId}`;

/** "pricing your work": the skill as the mentee put it. */
export const wantedText = (request: Pick<MentorRequest, 'skill' | 'term'>) => displaySkill(request.skill, request.term);

/** What the mentee wants help with, and their goal, as a section (member text, literal). */
export function requestSection(request: Pick<MentorRequest, 'about' | 'goal'>): Section {
  return {
    text: truncate(request.about, 600),
    fields: request.goal ? [{ label: 'Goal', value: truncate(request.goal, 300) }] : undefined,
  };
}

/** The DM asking a mentor, with the two one-tap answers. */
export function askMessage(request: MentorRequest, viaRound: boolean, timeoutDays: number): Reply {
  const why = viaRound
    ? "This week's mentor round matched you: your skills fit what they want to learn best."
    : `They chose you. If you can't, tap Not now within ${timeoutDays} ${timeoutDays === 1 ? 'day' : 'days'}: they'll be told kindly and pointed to another mentor.`;
  return {
    title: 'A mentorship request',
    text: `${fmt.user(request.menteeId)} would like you as their mentor for ${fmt.bold(wantedText(request))}.`,
    sections: [requestSection(request)],
    context: why,
    buttons: [
      { label: 'Accept', action: 'mentor.accept', value: String(request.id), style: 'primary' },
      { label: 'Not now', action: 'mentor.decline', value: String(request.id) },
    ],
  };
}

/** Replaces an ask DM that can no longer be answered (or was just answered). */
export function askClosedMessage(request: MentorRequest, why: string): Reply {
  return { text: `Mentorship request for ${fmt.bold(wantedText(request))}: ${why}` };
}

/** The "Ask <mentor>" button under a suggestion, for a request that is waiting. */
export function nextButton(requestId: number, mentorId: string, label: string): Button {
  return { label: truncate(`Ask ${label}`, 30), action: 'mentor.next', value: `${requestId}:${mentorId}` };
}

/** "Ask <mentor>" from a list of mentors: opens the request form (value `mentor` or `mentor:skill`). */
export function askButton(mentorId: string, label: string, skill: string): Button {
  const value = `${mentorId}:${skill}`;
  return { label: truncate(`Ask ${label}`, 30), action: 'mentor.ask', value: value.length <= 80 ? value : mentorId };
}

/** One line per candidate: who, and why they fit. */
export function candidateLines(candidates: readonly Candidate[], wantedTerm: string): string {
  return candidates
    .map(({ offer, fit }) => {
      const note = offer.note ? ` — “${truncate(offer.note, 120)}”` : '';
      return `• ${fmt.user(offer.userId)}: ${fitReason(fit, offer, wantedTerm)}${note}`;
    })
    .join('\n');
}

/** Why a mentor did not take a request. */
export type NotTaken = 'declined' | 'timed_out' | 'stopped' | 'gone';

/** Tells the mentee their mentor said no or stayed silent, kindly, with the next mentor with room (if any). */
export function notTakenNotice(
  request: MentorRequest,
  mentorId: string,
  how: NotTaken,
  next: Candidate | undefined,
  nextName: string,
  roundDay: string,
): Reply {
  const skill = fmt.bold(wantedText(request));
  const first = {
    declined: `${fmt.user(mentorId)} can't take on a mentee for ${skill} right now — no reflection on you.`,
    timed_out: `${fmt.user(mentorId)} didn't answer your mentorship request in time, so I've stopped waiting on them. It happens!`,
    stopped: `${fmt.user(mentorId)} has stopped mentoring for now, so I've withdrawn your request to them.`,
    // The mentor asked to be forgotten: they are not named.
    gone: `The mentor you asked for ${skill} is no longer available, so I've withdrawn your request to them.`,
  }[how];
  const waits = `Your request stays open: the next mentor round (${roundDay}) will look for a mentor with room.`;
  if (!next) return { text: `${first} ${waits}` };
  return {
    text: `${first} ${fmt.user(next.offer.userId)} has room and could be a good fit:`,
    sections: [{ text: candidateLines([next], wantedText(request)) }],
    context: `${waits} Or end it with /mentor end.`,
    buttons: [nextButton(request.id, next.offer.userId, nextName)],
  };
}

/** Tells a waiting mentee the mentor round asked a mentor for them. */
export function roundNotice(request: MentorRequest, mentorId: string): Reply {
  return {
    text: `Good news: this week's mentor round matched your request for ${fmt.bold(wantedText(request))} with ${fmt.user(mentorId)}. I've asked them; I'll tell you when they answer.`,
  };
}

/** The mentee's reply once a mentor is asked. */
export function askedReply(request: MentorRequest, mentorId: string): Reply {
  return {
    text: `I've asked ${fmt.user(mentorId)} to mentor you in ${fmt.bold(wantedText(request))}. I'll DM you when they answer.`,
    context: 'See it with /mentor status; withdraw it with /mentor end.',
  };
}
