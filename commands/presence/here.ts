/** `/here`, `/here off`, `/here who`: checking in and out, and who else is in. */
import { UserError } from '#core/errors.ts';
import type { Reply, Section } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import type { Context } from './kit.ts';
import { complementsOf, reasonFor } from './complements.ts';
import { dayOf, parseUntil } from './day.ts';
import { nameOf, requirePresence } from './gate.ts';
import { coffeeButton, presenceLine, untilText } from './messages.ts';
import { sendNudges } from './nudges.ts';

export const WHERE_MAX = 80;
/** Members listed by `/here who`, and suggestions with a Coffee? button (Discord fits five buttons in a row). */
const LISTED = 25;
const SUGGESTED = 3;

export async function checkIn(ctx: Context, input: { until?: string; where?: string }): Promise<Reply> {
  await requirePresence(ctx);
  const { store, community, actor, now } = ctx;
  const zone = community.timezone;
  const day = dayOf(now, zone);
  const until = input.until?.trim() ? parseUntil(input.until, now, zone) : day.end;
  const where = input.where?.trim() || undefined;
  if (where && Array.from(where).length > WHERE_MAX) {
    throw new UserError('too_long', `Please keep where you are to ${WHERE_MAX} characters.`);
  }
  await store.checkIn(community.id, actor.userId, { day: day.key, until, expiresAt: day.end, location: where, now });
  const others = (await store.present(community.id, now, LISTED + 1)).filter((p) => p.userId !== actor.userId);
  await sendNudges(ctx);
  const place = where ? ` (${fmt.bold(truncate(where, WHERE_MAX))})` : '';
  const untilWhen = untilText(until, zone);
  const company =
    others.length === 0
      ? 'Nobody else has checked in yet.'
      : `${others.length === 1 ? 'One other member is' : `${others.length} others are`} in: /here who shows who, and who you might like to meet.`;
  return {
    text: `You're in ${untilWhen}${place}. ${company}`,
    context: '/here off when you leave. Presence is gone at the end of the day.',
  };
}

export async function checkOut(ctx: Context): Promise<Reply> {
  await requirePresence(ctx);
  const left = await ctx.store.checkOut(ctx.community.id, ctx.actor.userId, ctx.now);
  return { text: left ? 'Checked out — see you next time!' : "You weren't checked in today." };
}

export async function whoIsIn(ctx: Context): Promise<Reply> {
  await requirePresence(ctx);
  const { store, community, actor, now } = ctx;
  const zone = community.timezone;
  const present = await store.present(community.id, now, LISTED + 1);
  const me = present.find((p) => p.userId === actor.userId);
  const others = present.filter((p) => p.userId !== actor.userId);
  if (others.length === 0) {
    return { text: `Nobody else is in right now.${me ? '' : ' Check in with /here when you arrive.'}` };
  }
  const sections: Section[] = [
    {
      text: others
        .slice(0, LISTED)
        .map((p) => presenceLine(p, zone))
        .join('\n'),
    },
  ];
  const best = (
    await complementsOf(
      ctx,
      actor.userId,
      others.map((p) => p.userId),
    )
  ).slice(0, SUGGESTED);
  if (best.length) {
    const lines = best.map((c) => `• ${fmt.user(c.userId)}: ${reasonFor(c)}`);
    sections.push({ text: `${fmt.bold('You might like to meet')}\n${lines.join('\n')}` });
  }
  const buttons = [];
  if (me) for (const c of best) buttons.push(coffeeButton(c.userId, await nameOf(ctx, c.userId)));
  const hint = me ? undefined : 'Check in with /here to invite someone for coffee.';
  return {
    title: "Who's in today",
    text: `${others.length === 1 ? 'One member is' : `${others.length} members are`} in now${others.length > LISTED ? ` (the first ${LISTED} shown)` : ''}:`,
    sections,
    context: hint,
    buttons: buttons.length ? buttons : undefined,
  };
}
