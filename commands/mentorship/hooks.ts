/** Mentorship's part in the shared flows: a member leaving, forget-me, the export and `/hallway stats`. */
import type { Deleted } from '#core/command.ts';
import type { Context } from './kit.ts';
import { releaseAsMentee, releaseAsMentor } from './release.ts';

/** A member left: their requests are withdrawn and their mentorships end, the other side told kindly. */
export async function mentorshipMemberLeft(ctx: Context): Promise<void> {
  await releaseAsMentor(ctx, ctx.actor.userId, 'left');
  await releaseAsMentee(ctx, ctx.actor.userId, 'left');
}

/** Winds down what the member has going (without naming them to anyone), then deletes their rows. */
export async function forgetMentorship(ctx: Context, userId: string): Promise<Deleted> {
  await releaseAsMentor(ctx, userId, 'forgotten');
  await releaseAsMentee(ctx, userId, 'forgotten');
  return await ctx.store.forgetMember(ctx.community.id, userId);
}

export async function exportMentorship(ctx: Context): Promise<Record<string, readonly Record<string, unknown>[]>> {
  return await ctx.store.exportRows(ctx.community.id);
}

/** Counts only. */
export async function mentorshipStats(ctx: Context): Promise<{ label: string; value: string }[]> {
  const s = await ctx.store.stats(ctx.community.id);
  return [
    { label: 'Mentors', value: String(s.mentors) },
    { label: 'Mentorships (active / completed)', value: `${s.active} / ${s.completed}` },
    { label: 'Mentees waiting for a mentor', value: String(s.waiting) },
  ];
}
