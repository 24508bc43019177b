/** `/mentor offer`, `pause`, `resume` and `stop`: a member's offer to mentor. */
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { parseSkillList } from '../skills/index.ts';
import type { Context } from './kit.ts';
import { mentorLabel } from './mentor-checks.ts';
import { releaseAsMentor } from './release.ts';
import type { MentorSkill } from './store.ts';

/** Skills one mentor offers to mentor: a focus, not a CV. */
export const MAX_MENTOR_SKILLS = 5;
export const NOTE_MAX = 200;

function parseMentorSkills(text: string): MentorSkill[] {
  const skills = parseSkillList(text, MAX_MENTOR_SKILLS).filter((s) => s.skill !== '');
  if (skills.length === 0) {
    throw new UserError('invalid_input', 'Name the skills you would mentor, separated by commas.');
  }
  return skills.map((s) => ({ skill: s.skill, term: s.term }));
}

/** Creates or updates the actor's offer. */
export async function saveOffer(
  ctx: Context,
  input: { skills: string; capacity?: number; note?: string },
): Promise<Reply> {
  const { store, community, actor, now } = ctx;
  const skills = parseMentorSkills(input.skills);
  const note = input.note?.trim() || undefined;
  if (note && Array.from(note).length > NOTE_MAX) {
    throw new UserError('too_long', `Please keep the note to ${NOTE_MAX} characters.`);
  }
  const before = await store.offer(community.id, actor.userId);
  const capacity = input.capacity ?? before?.capacity ?? 1;
  await store.saveOffer(community.id, actor.userId, { skills, capacity, note: note ?? before?.note }, now);
  const label = mentorLabel({ skills });
  const places = `up to ${capacity} ${capacity === 1 ? 'mentee' : 'mentees'} at once`;
  const notes: string[] = [];
  if (before?.paused) notes.push('You are paused: /mentor resume when you are ready for requests.');
  if (before && before.active > capacity) {
    notes.push(`You mentor ${before.active} members now: no new mentee until fewer than ${capacity}.`);
  }
  return {
    text: `${before ? 'Updated' : 'Thank you'}: you mentor ${fmt.bold(truncate(label, 300))}, ${places}.`,
    context: ['Members find you with /mentor find; pause any time with /mentor pause.', ...notes].join(' '),
  };
}

/** Pauses (no new requests; current mentees continue) or resumes. */
export async function setPaused(ctx: Context, paused: boolean): Promise<Reply> {
  const { store, community, actor, now } = ctx;
  const offer = await store.offer(community.id, actor.userId);
  if (!offer) {
    throw new UserError(
      'conflict',
      "You're not offering mentorship yet.",
      '/mentor offer skills:"typography, pricing your work"',
    );
  }
  if (offer.paused === paused) {
    return { text: paused ? 'You are already paused.' : 'You are already taking requests.' };
  }
  await store.setPaused(community.id, actor.userId, paused, now);
  return {
    text: paused
      ? 'Paused: nobody new can ask you, and your current mentees carry on. /mentor resume when you are ready.'
      : 'Welcome back: members can ask you for mentorship again.',
  };
}

/** Stops mentoring: requests waiting on the actor are passed on and current mentees are told kindly. */
export async function stopMentoring(ctx: Context): Promise<Reply> {
  const { store, community, actor } = ctx;
  if (!(await store.offer(community.id, actor.userId))) {
    throw new UserError('conflict', "You're not offering mentorship, so there is nothing to stop.");
  }
  const ended = await releaseAsMentor(ctx, actor.userId, 'stopped');
  await store.removeOffer(community.id, actor.userId);
  const told = ended ? ` Your ${ended === 1 ? 'mentee has' : `${ended} mentees have`} been told kindly.` : '';
  return { text: `You've stopped mentoring. Thank you for everything you gave!${told}` };
}
