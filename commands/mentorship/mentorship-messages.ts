/** What the mentorship feature says once a mentorship runs: the introduction, check-ins, the close. */
import type { Button, Form, Reply } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { skillLabel } from '../skills/index.ts';
import { requestSection, wantedText } from './messages.ts';
import type { Mentorship } from './store.ts';

export const TAKEAWAY_MAX = 1_000;

/** "pricing your work": the mentorship's skill as the mentee put it. */
const skillOf = (m: Mentorship) => fmt.bold(wantedText(m));

/** The DM that introduces mentor and mentee (a group DM on Slack, a DM to each on Discord). */
export function introMessage(m: Mentorship, checkInWeeks: number, weeks: number): Reply {
  return {
    title: 'Your mentorship starts',
    text: `Meet each other: ${fmt.user(m.mentorId)} will mentor ${fmt.user(m.menteeId)} in ${skillOf(m)}.`,
    sections: [requestSection(m)],
    context: `Agree on a first chat — 30 minutes is a great start. I'll check in with you both every ${checkInWeeks} ${checkInWeeks === 1 ? 'week' : 'weeks'}, and after ${weeks} weeks ask what you took away.`,
    mentions: [m.mentorId, m.menteeId],
  };
}

/** The check-in buttons: their value is `mentorship:seq:answer`. */
function checkInButtons(m: Mentorship, seq: number): Button[] {
  const value = (answer: string) => `${m.id}:${seq}:${answer}`;
  return [
    { label: 'Going well', action: 'mentor.checkin', value: value('going'), style: 'primary' },
    { label: 'Stuck', action: 'mentor.checkin', value: value('stuck') },
    { label: 'Wrap up', action: 'mentor.checkin', value: value('wrap') },
  ];
}

/** "How is it going?" to one side of a mentorship. */
export function checkInMessage(m: Mentorship, seq: number, to: string): Reply {
  const other = to === m.mentorId ? m.menteeId : m.mentorId;
  const role = to === m.mentorId ? 'mentoring' : 'your mentorship with';
  return {
    title: 'How is it going?',
    text: `A quick check-in on ${role} ${fmt.user(other)} in ${skillOf(m)}. How is it going?`,
    context: 'One tap. Only Hallway sees the answer; Wrap up ends the mentorship kindly for both of you.',
    buttons: checkInButtons(m, seq),
  };
}

/** Offered to a mentee who is stuck: ask for feedback, or look at other mentors. */
export function stuckOffer(m: Mentorship, feedbackButton: Button): Reply {
  return {
    text: `Thanks for saying so — getting stuck is part of it. Two ways forward: ask neighbours for feedback on what you're working on, or look at other mentors for ${skillOf(m)}.`,
    context: 'Your mentorship continues until one of you wraps it up (/mentor end).',
    buttons: [feedbackButton, { label: 'Find another mentor', action: 'mentor.switch', value: String(m.id) }],
    replaceOriginal: true,
  };
}

/** "What did you take away?" once a mentorship ends well, with a button that opens the one-question form. */
export function closingQuestion(m: Mentorship, to: string): Reply {
  const other = to === m.mentorId ? m.menteeId : m.mentorId;
  const forMentee = to === m.menteeId;
  return {
    title: 'Your mentorship comes to a close',
    text: `Your mentorship in ${skillOf(m)} with ${fmt.user(other)} has come to a close. Thank you! One last question: what did you take away?`,
    context: forMentee
      ? 'Your answer reaches your mentor as your thank-you.'
      : 'Your answer stays with Hallway (and in the community export).',
    buttons: [{ label: 'Answer', action: 'mentor.closing', value: String(m.id), style: 'primary' }],
  };
}

/** The one-question closing form (meta: the mentorship id). */
export function closingForm(m: Mentorship, forMentee: boolean): Form {
  return {
    formId: 'mentor.closing',
    title: 'What did you take away?',
    submitLabel: 'Send',
    meta: String(m.id),
    fields: [
      {
        id: 'takeaway',
        label: forMentee ? 'What did you take away? (your mentor sees this)' : 'What did you take away?',
        kind: 'long',
        required: true,
        maxLength: TAKEAWAY_MAX,
      },
    ],
  };
}

/** The mentee's takeaway, delivered to the mentor as their thank-you. */
export function thanksNotice(m: Mentorship, takeaway: string): Reply {
  return {
    title: 'A thank-you from your mentee',
    text: `${fmt.user(m.menteeId)} on what they took away from your mentorship in ${skillOf(m)}:`,
    sections: [{ text: truncate(takeaway, TAKEAWAY_MAX) }],
  };
}

/** Why a mentorship was cut short, told to the side that stays. */
export type EndedBy = 'mentor-stopped' | 'left' | 'forgotten';

/** Tells the side that stays, kindly. A forgotten member is not named. */
export function endedNotice(m: Mentorship, other: string, why: EndedBy): Reply {
  // A forgotten member's words (the term they typed) go with them: the skill's label only.
  const what = `your mentorship in ${why === 'forgotten' ? fmt.bold(skillLabel(m.skill)) : skillOf(m)}`;
  const text = {
    'mentor-stopped': `${fmt.user(other)} has stopped mentoring for now, so ${what} has ended. Thank you both for the time you gave it — /mentor find shows other mentors with room.`,
    left: `${fmt.user(other)} has left the community, so ${what} with them has ended. Thank you for the time you gave it.`,
    forgotten: `The other member of ${what} asked Hallway to delete their data, so it has ended. Thank you for the time you gave it.`,
  }[why];
  return { text: text.charAt(0).toUpperCase() + text.slice(1) };
}
