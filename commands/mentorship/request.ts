/**
 * `/mentor request` and the request form: check, store, and either ask the mentor named or leave the request
 * waiting for the mentor round (with the best mentors with room offered one tap away).
 */
import { UserError } from '#core/errors.ts';
import type { Form, Reply } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { normaliseSkill, skillsInText } from '../skills/index.ts';
import type { Context } from './kit.ts';
import { mentorsWithRoom } from './candidates.ts';
import { bestSkill } from './fit.ts';
import { askMentor, nameOf, roundDayText } from './flow.ts';
import { askedReply, candidateLines, nextButton, wantedText } from './messages.ts';
import { checkMentor, mentorLabel } from './mentor-checks.ts';
import type { MentorOffer, MentorRequest } from './store.ts';

export const ABOUT_MAX = 300;
export const GOAL_MAX = 300;

export interface RequestInput {
  readonly member?: string;
  readonly about?: string;
  readonly goal?: string;
  readonly skill?: string;
}

/** The request form: what to ask a mentor (meta: the mentor's id), prefilled with the skill found. */
export function requestForm(mentorId: string, skill?: string): Form {
  return {
    formId: 'mentor.request',
    title: 'Ask for a mentor',
    submitLabel: 'Send request',
    meta: mentorId,
    fields: [
      { id: 'about', label: 'What would you like help with?', kind: 'long', required: true, maxLength: ABOUT_MAX },
      { id: 'goal', label: 'A goal (optional)', kind: 'short', required: false, maxLength: GOAL_MAX },
      { id: 'skill', label: 'Which skill?', kind: 'short', required: false, maxLength: 80, initial: skill },
    ],
  };
}

function checkText(text: string | undefined, max: number, what: string): string | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (Array.from(value).length > max) throw new UserError('too_long', `Please keep ${what} to ${max} characters.`);
  return value;
}

/** The skill a request is about: the one given, else one the mentor mentors named in `about`, else theirs first. */
function skillFor(input: RequestInput, about: string, offer?: MentorOffer): { skill: string; term: string } {
  if (input.skill?.trim()) {
    const given = normaliseSkill(input.skill);
    if (given.skill) return { skill: given.skill, term: given.term };
  }
  const named = skillsInText(about);
  if (!offer) {
    if (named[0]) return { skill: named[0], term: named[0] };
    throw new UserError(
      'invalid_input',
      'Which skill would you like a mentor for? Add it with skill:…',
      '/mentor request about:"pricing my first commission" skill:pricing',
    );
  }
  for (const skill of named) {
    const best = bestSkill(offer.skills, skill);
    if (best) return { skill, term: skill };
  }
  const first = offer.skills[0]!;
  return { skill: first.skill, term: first.term };
}

/** Refuses a second open request: the mentee has one pending or waiting already. */
async function checkNoOpenRequest(ctx: Context): Promise<void> {
  const open = await ctx.store.openRequestOf(ctx.community.id, ctx.actor.userId);
  if (!open) return;
  const asked = (await ctx.store.asksOf(ctx.community.id, open.id)).find((a) => a.status === 'asked');
  const where = asked ? `with ${fmt.user(asked.mentorId)}` : 'waiting for the mentor round';
  throw new UserError(
    'conflict',
    `You already have a mentorship request open (${where}). Withdraw it with /mentor end before asking again.`,
  );
}

/** Stores the request and asks the mentor named, or leaves it waiting; says what happened. */
export async function submitRequest(input: RequestInput, ctx: Context): Promise<Reply> {
  const about = checkText(input.about, ABOUT_MAX, 'what you would like help with');
  if (!about) throw new UserError('invalid_input', 'Tell your mentor what you would like help with (about:…).');
  const goal = checkText(input.goal, GOAL_MAX, 'your goal');
  const { store, community, actor, now } = ctx;
  const mentorId = input.member;
  if (mentorId === actor.userId) {
    throw new UserError(
      'invalid_input',
      "You can't be your own mentor — ask someone else, or find one with /mentor find.",
    );
  }
  const offer = mentorId ? await checkMentor(ctx, mentorId, actor.userId) : undefined;
  await checkNoOpenRequest(ctx);
  const { skill, term } = skillFor(input, about, offer);
  if (offer && !bestSkill(offer.skills, skill)) {
    throw new UserError(
      'invalid_input',
      `${fmt.user(offer.userId)} mentors ${mentorLabel(offer)}, not ${truncate(term, 60)}. Pick one of those, or find another mentor with /mentor find.`,
    );
  }
  const request = await store.createRequest({
    community: community.id,
    menteeId: actor.userId,
    skill,
    term,
    about,
    goal,
    status: offer ? 'pending' : 'waiting',
    now,
  });
  if (!request) throw new UserError('conflict', 'You already have a mentorship request open: see /mentor status.');
  if (!offer) return await waitingReply(ctx, request);
  await askMentor(ctx, request, offer.userId, false);
  return askedReply(request, offer.userId);
}

/** A request with no mentor named: it waits for the round; the best mentors with room are one tap away. */
async function waitingReply(ctx: Context, request: MentorRequest): Promise<Reply> {
  const candidates = await mentorsWithRoom(ctx, ctx.actor.userId, request.skill, { limit: 3 });
  const text = `Your request for ${fmt.bold(wantedText(request))} is in: the next mentor round (${roundDayText(ctx)}) will match you with a mentor who has room.`;
  if (candidates.length === 0) return { text };
  const buttons = [];
  for (const c of candidates) buttons.push(nextButton(request.id, c.offer.userId, await nameOf(ctx, c.offer.userId)));
  return {
    text: `${text} Or ask one of them now:`,
    sections: [{ text: candidateLines(candidates, wantedText(request)) }],
    buttons,
  };
}
