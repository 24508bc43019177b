/** Presence's part in the shared flows: home, forget-me, the export and `/hallway stats` (a daily count only). */
import type { Deleted } from '#core/command.ts';
import type { Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import type { Context } from './kit.ts';
import { dayOf } from './day.ts';
import { presenceOn } from './gate.ts';
import { untilText } from './messages.ts';

export async function presenceHome(ctx: Context): Promise<Section[]> {
  if (!presenceOn(ctx)) return [];
  const mine = await ctx.store.presenceOf(ctx.community.id, ctx.actor.userId, ctx.now);
  const line = mine
    ? `You're in today, ${untilText(mine.until, ctx.community.timezone)}. /here who shows who else is in.`
    : 'Not checked in today. In the space? /here';
  return [{ text: `${fmt.bold("Who's in today")}\n${line}` }];
}

export async function forgetPresence(ctx: Context, userId: string): Promise<Deleted> {
  return await ctx.store.forgetMember(ctx.community.id, userId);
}

export async function exportPresence(ctx: Context): Promise<Record<string, readonly Record<string, unknown>[]>> {
  return await ctx.store.exportRows(ctx.community.id);
}

/** How many members checked in today and over the last seven days (counts only: no names, no history). */
export async function presenceStats(ctx: Context): Promise<{ label: string; value: string }[]> {
  const zone = ctx.community.timezone;
  const today = dayOf(ctx.now, zone).key;
  const since = dayOf(new Date(ctx.now.getTime() - 6 * 86_400_000), zone).key;
  const days = await ctx.store.dayCounts(ctx.community.id, since);
  const week = days.reduce((sum, d) => sum + d.members, 0);
  return [
    { label: 'Checked in today', value: String(days.find((d) => d.day === today)?.members ?? 0) },
    { label: 'Check-ins (last 7 days)', value: String(week) },
  ];
}
