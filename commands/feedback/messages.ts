/** What the feedback feature says: the DMs and posts, built from a request. Member text stays literal text. */
import type { FeedbackRequest } from './store.ts';
import type { Outcome } from './flow.ts';
import type { Button, Field, Reply } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { skillLabel } from '../skills/index.ts';

/** `#12 "Zine layout draft"`: how members refer to a request. */
export function requestName(request: FeedbackRequest): string {
  return `#${request.id} ${fmt.bold(truncate(request.about, 80))}`;
}

/** The request's facts as fields: link, skills, deadline. */
export function requestFields(request: FeedbackRequest, zone: string): Field[] {
  const fields: Field[] = [];
  if (request.link) fields.push({ label: 'Link', value: fmt.link(request.link) });
  if (request.skills.length) fields.push({ label: 'Skills', value: request.skills.map(skillLabel).join(', ') });
  if (request.dueAt) {
    fields.push({ label: 'By', value: fmt.date(request.dueAt, 'full', formatInZone(request.dueAt, zone)) });
  }
  return fields;
}

/** The DM asking a reviewer, with the two one-tap answers. */
export function askMessage(request: FeedbackRequest, zone: string): Reply {
  return {
    title: 'A feedback request for you',
    text: `${fmt.user(request.requester)} would value your feedback on ${requestName(request)}.`,
    sections: [{ text: truncate(request.about, 1000), fields: requestFields(request, zone) }],
    context: 'You were picked for your skills. Turn these asks off with /feedback prompts off.',
    buttons: [
      { label: "I'll give feedback", action: 'feedback.accept', value: String(request.id), style: 'primary' },
      { label: 'Not this time', action: 'feedback.decline', value: String(request.id) },
    ],
  };
}

/** Replaces an ask DM that can no longer be answered. */
export function askClosedMessage(request: FeedbackRequest, why: string): Reply {
  return { text: `Feedback request ${requestName(request)}: ${why}` };
}

/**
 * Where a request went after a reviewer's ask ended (declined, timed out), told to that reviewer: only what really
 * happened, never "passed to someone else" when nobody else was asked.
 */
export function movedOn(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'waiting':
      return outcome.asked.length > 0 ? 'I passed it to someone else.' : 'Others I asked may still take it.';
    case 'fulfilled':
      return 'Someone else has given feedback on it already.';
    case 'offered':
      return outcome.channelId
        ? `It is now in ${fmt.channel(outcome.channelId)} for anyone to pick up.`
        : 'Nobody else could be asked, so it is closed.';
    case 'closed':
      return 'It is closed now.';
  }
}

/** The button a reviewer taps once their feedback is given. */
export function givenButton(request: FeedbackRequest): Button {
  return { label: 'Feedback given', action: 'feedback.given', value: String(request.id), style: 'primary' };
}

/** Tells the requester a reviewer said yes. */
export function acceptedNotice(request: FeedbackRequest, reviewer: string): Reply {
  return { text: `${fmt.user(reviewer)} will give you feedback on ${requestName(request)}.` };
}

/** Tells the requester feedback was given and, unless they turned it off, asks "Was this helpful?" in one tap. */
export function givenNotice(request: FeedbackRequest, reviewer: string, askRating: boolean): Reply {
  const text = `${fmt.user(reviewer)} marked their feedback on ${requestName(request)} as given.`;
  if (!askRating) return { text };
  const value = (score: number) => `${request.id}:${reviewer}:${score}`;
  return {
    text: `${text} Was it helpful? (1 = not really, 5 = very)`,
    buttons: [1, 2, 3, 4, 5].map((score) => ({ label: String(score), action: 'feedback.rate', value: value(score) })),
    context:
      'Only the reviewer sees a thank-you you send. Your score stays private; a 4 or 5 counts towards the "feedback given" on their profile.',
  };
}

/** The reviewer's note, passed on to the requester. */
export function noteNotice(request: FeedbackRequest, reviewer: string, note: string): Reply {
  return {
    text: `A note from ${fmt.user(reviewer)} about their feedback on ${requestName(request)}:`,
    sections: [{ text: note }],
  };
}

/** The requester's thank-you, delivered to the reviewer. */
export function thanksNotice(request: FeedbackRequest, thanks: string): Reply {
  return {
    text: `${fmt.user(request.requester)} thanks you for your feedback on ${requestName(request)}:`,
    sections: [{ text: thanks }],
  };
}

/** Tells the requester, honestly, that nobody could be asked, and where the request went instead. */
export function noFitNotice(request: FeedbackRequest, channelId: string | undefined, anyoneAsked: boolean): Reply {
  const why = anyoneAsked
    ? `Nobody I asked could take ${requestName(request)} this time.`
    : `I found nobody here who offers the skills ${requestName(request)} needs and is free to review.`;
  const next = channelId
    ? `I've posted it in ${fmt.channel(channelId)} so anyone can volunteer.`
    : 'There is no feedback channel to post it in yet: a community manager can set one with /hallway config.';
  return { text: `${why} ${next}` };
}

/** The open call in the feedback channel when nobody fitting answered. */
export function publicOffer(request: FeedbackRequest, zone: string): Reply {
  return {
    text: `${fmt.user(request.requester)} is looking for feedback on ${requestName(request)}. Can you help?`,
    sections: [{ text: truncate(request.about, 1000), fields: requestFields(request, zone) }],
    buttons: [
      { label: "I'll give feedback", action: 'feedback.volunteer', value: String(request.id), style: 'primary' },
    ],
  };
}

/** Tells the requester their deadline passed before anyone said yes. */
export function expiredNotice(request: FeedbackRequest): Reply {
  return {
    text: `The deadline of ${requestName(request)} passed before anyone could say yes, so I've stopped asking. Try again with a later date: /feedback request.`,
  };
}

/** The weekly work-in-progress post. */
export function promptPost(weekOf: string): Reply {
  return {
    title: 'What are you working on?',
    thread: {
      name: `Work in progress — ${weekOf}`,
      opener: 'Reply here with what you are making this week, and what kind of feedback would help.',
    },
    text: "Share a work in progress and say what feedback would help: I'll ask neighbours whose skills fit, or offer it here.",
    buttons: [{ label: 'Ask for feedback', action: 'feedback.open', value: 'prompt', style: 'primary' }],
    context: 'Or type /feedback request. Managers can turn this weekly post off with /hallway config prompts:off.',
  };
}

/** A button that opens the feedback request form, for other features' messages (mentorship's "Stuck"). */
export function askForFeedbackButton(label = 'Ask for feedback'): Button {
  return { label, action: 'feedback.open', value: 'invite', style: 'primary' };
}
