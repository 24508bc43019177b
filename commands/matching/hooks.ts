/** Matching's part in the shared flows: the member's home, forget-me and the admin export. */
import type { Deleted } from '#core/command.ts';
import type { Context } from './kit.ts';
import type { Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { statusSections } from './status.ts';

export async function homeSections(ctx: Context): Promise<Section[]> {
  const [first, ...rest] = await statusSections(ctx, ctx.actor.userId);
  return [{ ...first, text: `${fmt.bold('Matches')} — ${first?.text ?? ''}` }, ...rest];
}

const STATS_WEEKS = 12;

/** Counts for `/hallway stats`: who takes part, and what the last twelve weeks of matches led to. */
export async function matchingStats(ctx: Context): Promise<{ label: string; value: string }[]> {
  const { id } = ctx.community;
  const since = new Date(ctx.now.getTime() - STATS_WEEKS * 7 * 86_400_000);
  const { pairings, met, collaborating } = await ctx.store.outcomes(id, since);
  const last = await ctx.store.lastRound(id);
  return [
    { label: 'Members in weekly matches', value: String((await ctx.store.participants(id, ctx.now)).length) },
    { label: `Matches (last ${STATS_WEEKS} weeks)`, value: String(pairings) },
    { label: 'Matches that met', value: String(met) },
    { label: 'Matches now working together', value: String(collaborating) },
    { label: 'Last round', value: last ? `${last.period}: ${last.members} members, ${last.leftOut} left out` : '—' },
  ];
}

export async function forgetMember(ctx: Context, userId: string): Promise<Deleted> {
  return await ctx.store.forget(ctx.community.id, userId);
}

export async function exportMatching(ctx: Context): Promise<Record<string, readonly Record<string, unknown>[]>> {
  return await ctx.store.exportRows(ctx.community.id);
}
