/** `/mentor end [member]`: closes a mentorship well (both get the closing question), or withdraws a request. */
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import type { Context } from './kit.ts';
import { complete } from './lifecycle.ts';
import { wantedText } from './messages.ts';
import { withdraw } from './release.ts';

export async function endMentorship(ctx: Context, member: string | undefined): Promise<Reply> {
  const { store, community, actor } = ctx;
  const active = await store.mentorshipsOf(community.id, actor.userId, ['active']);
  const target = member ? active.filter((m) => m.mentorId === member || m.menteeId === member) : active;
  if (member && target.length === 0) {
    throw new UserError('not_found', `You have no mentorship going with ${fmt.user(member)}.`);
  }
  if (target.length > 1) {
    const others = target.map((m) => fmt.user(m.mentorId === actor.userId ? m.menteeId : m.mentorId));
    throw new UserError(
      'ambiguous',
      `You have ${target.length} mentorships (${others.join(', ')}): say which one.`,
      '/mentor end @lucas',
    );
  }
  const [m] = target;
  if (m) {
    await complete(ctx, m);
    const other = m.mentorId === actor.userId ? m.menteeId : m.mentorId;
    return {
      text: `Your mentorship with ${fmt.user(other)} in ${fmt.bold(wantedText(m))} is complete. I've asked you both one last question: what did you take away?`,
    };
  }
  const open = await store.openRequestOf(community.id, actor.userId);
  if (open && (await withdraw(ctx, open.id, false))) {
    return { text: `I've withdrawn your mentorship request for ${fmt.bold(wantedText(open))}.` };
  }
  return { text: 'You have no mentorship or request to end.' };
}
