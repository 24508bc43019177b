/** A member's matching status: in weekly rounds or paused, recent matches, avoid list. Used by /match status and home. */
import { matchingSettings } from './settings.ts';
import type { Context } from './kit.ts';
import type { Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { joinAnd } from './explain.ts';

/** Whether the member is in the weekly rounds now, and the line that says so (or why not). */
export async function weeklyStatus(ctx: Context, userId: string): Promise<{ inRounds: boolean; line: string }> {
  const { id, timezone } = ctx.community;
  const settings = matchingSettings(ctx.community);
  const out = (line: string, inRounds = false) => ({ inRounds, line });
  if (!settings.matching) return out('Matching is turned off in this community.');
  const prefs = await ctx.store.prefs(id, userId);
  const paused = prefs.pausedAt && (!prefs.pausedUntil || prefs.pausedUntil > ctx.now);
  if (paused && prefs.pausedUntil) {
    const day = formatInZone(prefs.pausedUntil, timezone, 'date');
    return out(`Weekly matches paused until ${fmt.date(prefs.pausedUntil, 'date', day)}.`);
  }
  if (paused) return out(`Weekly matches paused. ${fmt.code('/match resume')} to start again.`);
  const member = await ctx.store.member(id, userId);
  const listed = member !== undefined && member.offers.length + member.needs.length > 0;
  if (!listed && !prefs.optedIn) {
    return out(
      `Not in weekly matches yet: list your skills with ${fmt.code('/skills offer …')} or send ${fmt.code('/match resume')}.`,
    );
  }
  return out(`In weekly matches: every ${settings['match-day']} at ${settings['match-time']}.`, true);
}

export async function statusSections(ctx: Context, userId: string): Promise<Section[]> {
  const { id, timezone } = ctx.community;
  const recent = (await ctx.store.pairingsOf(id, userId, 3)).map((p) => {
    const others = p.members.filter((m) => m.userId !== userId).map((m) => fmt.user(m.userId));
    const day = formatInZone(p.createdAt, timezone, 'date');
    return `${fmt.date(p.createdAt, 'date', day)}: ${others.length ? joinAnd(others) : 'a member who left'}`;
  });
  const avoided = (await ctx.store.avoids(id, userId)).map((u) => fmt.user(u));
  return [
    { text: (await weeklyStatus(ctx, userId)).line },
    {
      fields: [
        { label: 'Recent matches', value: recent.join('\n') || '—' },
        { label: 'Never matched with', value: avoided.length ? joinAnd(avoided) : '—' },
      ],
    },
  ];
}
