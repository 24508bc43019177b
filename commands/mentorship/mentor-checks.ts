/** Whether a member can be asked to mentor someone right now, with a clear answer when not. */
import { UserError } from '#core/errors.ts';
import { fmt } from '#core/text.ts';
import { joinAnd } from '../matching/index.ts';
import { displaySkill } from '../skills/index.ts';
import type { MentorScope } from './kit.ts';
import type { MentorOffer } from './store.ts';

/** "video editing and pricing your work": the skills a mentor mentors. */
export function mentorLabel(offer: Pick<MentorOffer, 'skills'>): string {
  return joinAnd(offer.skills.map((s) => displaySkill(s.skill, s.term)));
}

/**
 * The offer of `mentorId` when `menteeId` may ask them now: still here, mentoring, not paused, with a free place,
 * not already their mentor. An avoid list (either way) reads like a pause, so it is never revealed.
 */
export async function checkMentor(scope: MentorScope, mentorId: string, menteeId: string): Promise<MentorOffer> {
  const { store, community } = scope;
  const who = fmt.user(mentorId);
  const member = await scope.core.members.get(community.id, mentorId);
  if (member?.leftAt) throw new UserError('not_found', `${who} is no longer in the community.`);
  const offer = await store.offer(community.id, mentorId);
  const find = 'See who has room with /mentor find skill:…';
  if (!offer) throw new UserError('not_found', `${who} isn't offering mentorship. ${find}`);
  const avoided = (await store.avoidsEither(community.id, menteeId)).includes(mentorId);
  if (offer.paused || avoided) throw new UserError('conflict', `${who} isn't taking new mentees right now. ${find}`);
  if (offer.active >= offer.capacity) {
    throw new UserError(
      'conflict',
      `${who}'s mentoring places are all taken (${offer.active} of ${offer.capacity}). ${find}`,
    );
  }
  const current = await store.mentorshipsOf(community.id, menteeId, ['active']);
  if (current.some((m) => m.mentorId === mentorId && m.menteeId === menteeId)) {
    throw new UserError('conflict', `${who} is already your mentor. Check in with them directly!`);
  }
  return offer;
}
