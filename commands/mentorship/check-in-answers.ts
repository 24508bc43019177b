/**
 * Answers to "How is it going?" (Going well / Stuck / Wrap up), "Find another mentor", and the closing question.
 * Each is bound to the member who taps it: only the mentor and the mentee of that mentorship, once each.
 */
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { askForFeedbackButton } from '../feedback/index.ts';
import type { Context } from './kit.ts';
import { mentorsWithRoom } from './candidates.ts';
import { nameOf } from './flow.ts';
import { complete } from './lifecycle.ts';
import { askButton, candidateLines, wantedText } from './messages.ts';
import { closingForm, stuckOffer, TAKEAWAY_MAX, thanksNotice } from './mentorship-messages.ts';
import type { CheckInAnswer, Mentorship } from './store.ts';

/** The mentorship if the actor is its mentor or mentee; a refusal otherwise. */
async function ownMentorship(ctx: Context, id: number): Promise<Mentorship> {
  const m = await ctx.store.mentorship(ctx.community.id, id);
  const mine = m && (m.mentorId === ctx.actor.userId || m.menteeId === ctx.actor.userId);
  if (!m || !mine) throw new UserError('not_allowed', 'Only the mentor and the mentee of this mentorship can answer.');
  return m;
}

/** One tap on a check-in. */
export async function answerCheckIn(
  ctx: Context,
  value: { mentorship: number; seq: number; answer: CheckInAnswer },
): Promise<Reply> {
  const { store, community, actor, now } = ctx;
  const m = await ownMentorship(ctx, value.mentorship);
  if (value.seq < 1 || value.seq > m.checkIns) throw new UserError('invalid_input', 'That check-in does not exist.');
  if (m.status !== 'active') throw new UserError('conflict', 'This mentorship has already ended.');
  if (!(await store.recordCheckIn(community.id, m.id, value.seq, actor.userId, value.answer, now))) {
    throw new UserError('conflict', 'You already answered this check-in. Thank you!');
  }
  if (value.answer === 'wrap') {
    await complete(ctx, m);
    return {
      text: "Wrapped up. I've asked you both one last question: what did you take away?",
      replaceOriginal: true,
    };
  }
  if (value.answer === 'stuck' && actor.userId === m.menteeId) return stuckOffer(m, askForFeedbackButton());
  if (value.answer === 'stuck') {
    return {
      text: 'Thanks for telling me. A frank chat about what would help often unsticks things; Wrap up ends it kindly when it is time.',
      replaceOriginal: true,
    };
  }
  return { text: 'Glad to hear it! Keep going.', replaceOriginal: true };
}

/** "Find another mentor" after Stuck: other mentors with room for the skill (the mentorship continues). */
export async function otherMentors(ctx: Context, id: number): Promise<Reply> {
  const m = await ownMentorship(ctx, id);
  if (ctx.actor.userId !== m.menteeId)
    throw new UserError('not_allowed', 'Only the mentee can look for another mentor.');
  const found = await mentorsWithRoom(ctx, m.menteeId, m.skill, { exclude: [m.mentorId], limit: 3 });
  if (found.length === 0) {
    return { text: `No other mentor has room for ${fmt.bold(wantedText(m))} right now. Try again in a week or two.` };
  }
  const buttons = [];
  for (const c of found) buttons.push(askButton(c.offer.userId, await nameOf(ctx, c.offer.userId), m.skill));
  return {
    text: `Mentors with room for ${fmt.bold(wantedText(m))}:`,
    sections: [{ text: candidateLines(found, wantedText(m)) }],
    context: `Your mentorship with ${fmt.user(m.mentorId)} continues until one of you ends it (/mentor end).`,
    buttons,
  };
}

/** "Answer" under the closing question: opens the one-question form. */
export async function openClosing(ctx: Context, id: number): Promise<Reply> {
  const m = await ownMentorship(ctx, id);
  if (m.status !== 'completed') throw new UserError('conflict', 'This mentorship has not come to a close yet.');
  if (await ctx.store.hasClosing(ctx.community.id, m.id, ctx.actor.userId)) {
    throw new UserError('conflict', 'You already answered. Thank you!');
  }
  return { text: 'What did you take away?', form: closingForm(m, ctx.actor.userId === m.menteeId) };
}

/** The closing answer: stored once; the mentee's reaches the mentor as their thank-you. */
export async function submitClosing(ctx: Context, id: number, takeaway: string): Promise<Reply> {
  const m = await ownMentorship(ctx, id);
  if (m.status !== 'completed') throw new UserError('conflict', 'This mentorship has not come to a close yet.');
  const text = takeaway.trim();
  if (!text) throw new UserError('invalid_input', 'Write a line about what you took away, or close the form.');
  if (Array.from(text).length > TAKEAWAY_MAX) {
    throw new UserError('too_long', `Please keep it to ${TAKEAWAY_MAX} characters.`);
  }
  const { store, community, actor, now } = ctx;
  if (!(await store.recordClosing(community.id, m.id, actor.userId, text, now))) {
    throw new UserError('conflict', 'You already answered. Thank you!');
  }
  if (actor.userId !== m.menteeId) return { text: 'Thank you — and thank you for mentoring!' };
  ctx.notify.dm(community.id, m.mentorId, thanksNotice(m, text), { key: `mentor-thanks:${m.id}:${m.mentorId}` });
  return { text: `Thank you! I've passed it on to ${fmt.user(m.mentorId)}.` };
}
