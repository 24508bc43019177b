/** Matching's part in the shared flows: the member's home, forget-me and the admin export. */
import type { Context, Deleted } from '#core/command.ts';
import type { Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { statusSections } from './status.ts';

export function homeSections(ctx: Context): Section[] {
  const [first, ...rest] = statusSections(ctx, ctx.actor.userId);
  return [{ ...first, text: `${fmt.bold('Matches')} — ${first?.text ?? ''}` }, ...rest];
}

const STATS_WEEKS = 12;

/** Counts for `/hallway stats`: who takes part, and what the last twelve weeks of matches led to. */
export function matchingStats(ctx: Context): { label: string; value: string }[] {
  const { id } = ctx.community;
  const since = new Date(ctx.now.getTime() - STATS_WEEKS * 7 * 86_400_000);
  const { pairings, met, collaborating } = ctx.repos.matching.outcomes(id, since);
  const last = ctx.repos.matching.lastRound(id);
  return [
    { label: 'Members in weekly matches', value: String(ctx.repos.matching.participants(id, ctx.now).length) },
    { label: `Matches (last ${STATS_WEEKS} weeks)`, value: String(pairings) },
    { label: 'Matches that met', value: String(met) },
    { label: 'Matches now working together', value: String(collaborating) },
    { label: 'Last round', value: last ? `${last.period}: ${last.members} members, ${last.leftOut} left out` : '—' },
  ];
}

export function forgetMember(ctx: Context, userId: string): Deleted {
  return ctx.repos.matching.forget(ctx.community.id, userId);
}

export function exportMatching(ctx: Context): Record<string, readonly Record<string, unknown>[]> {
  return ctx.repos.matching.exportRows(ctx.community.id);
}
