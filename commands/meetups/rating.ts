/**
 * After a meetup, attendees (seated `going`) get a one-tap rating and may add a comment. Hosts and managers only
 * ever see the aggregate (`/meetup stats`): counts, average, and comments without names.
 */
import { UserError } from '#core/errors.ts';
import type { MeetupRecord } from './store.ts';
import type { Button, Reply } from '#core/reply.ts';
import type { Context } from './kit.ts';
import { label, type MeetupEnv } from './format.ts';

export function ratingButtons(meetupId: number): Button[] {
  return [1, 2, 3, 4, 5].map((n) => ({ label: '★'.repeat(n), action: 'meetup.rate', value: `${meetupId}:${n}` }));
}

/** The DM attendees get once the meetup has ended. */
export function ratingPrompt(meetup: MeetupRecord): Reply {
  return {
    text: `How was ${label(meetup)}? One tap is enough — the host sees only the overall score.`,
    buttons: ratingButtons(meetup.id),
  };
}

/** Refuses members who had no seat at the meetup, and meetups cancelled or not over yet. */
export async function assertAttended(env: MeetupEnv, meetup: MeetupRecord, userId: string): Promise<void> {
  const rsvp = await env.store.getRsvp(env.community.id, meetup.id, userId);
  if (rsvp?.status !== 'going' || rsvp.waitlistPosition !== undefined) {
    throw new UserError('not_allowed', `Only members who had a seat at ${label(meetup)} can rate it.`);
  }
  if (meetup.status === 'cancelled') throw new UserError('conflict', `${label(meetup)} was cancelled.`);
  if (meetup.endsAt > env.now) throw new UserError('conflict', `${label(meetup)} has not ended yet.`);
}

export async function rate(ctx: Context, meetup: MeetupRecord, score: number): Promise<Reply> {
  await assertAttended(ctx, meetup, ctx.actor.userId);
  await ctx.store.saveRating(ctx.community.id, meetup.id, ctx.actor.userId, score, ctx.now);
  return {
    text: `Thanks! You gave ${label(meetup)} ${'★'.repeat(score)} (${score}/5). Tap again to change it.`,
    buttons: [
      ...ratingButtons(meetup.id),
      { label: 'Add a comment', action: 'meetup.comment', value: String(meetup.id) },
    ],
    replaceOriginal: true,
  };
}

export async function commentOnRating(ctx: Context, meetup: MeetupRecord, comment: string): Promise<Reply> {
  await assertAttended(ctx, meetup, ctx.actor.userId);
  if (!(await ctx.store.saveRatingComment(ctx.community.id, meetup.id, ctx.actor.userId, comment))) {
    throw new UserError('conflict', 'Tap a score first, then add your comment.');
  }
  return { text: 'Thanks — your comment goes to the host without your name.' };
}

/** `/meetup stats`: answers and the rating aggregate. */
export async function statsReply(ctx: Context, meetup: MeetupRecord, counts: string): Promise<Reply> {
  const s = await ctx.store.ratingSummary(ctx.community.id, meetup.id);
  const lines = [counts];
  if (s.count === 0) lines.push('No ratings yet.');
  else {
    const bars = s.distribution.map((n, i) => `${i + 1}★ ${n}`).join(' · ');
    lines.push(`Rating: ${s.average!.toFixed(1)}/5 from ${s.count} attendee(s) (${bars})`);
  }
  const sections = [{ text: lines.join('\n') }];
  if (s.comments.length)
    sections.push({ text: `Comments (anonymous):\n${s.comments.map((c) => `• ${c}`).join('\n')}` });
  return { text: `Stats for ${label(meetup)}`, sections };
}
